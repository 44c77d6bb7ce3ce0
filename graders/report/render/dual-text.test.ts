import { describe, expect, it } from 'vitest';
import { blocks, join, prose, proseLines, words } from './dual-text.ts';

describe('prose pieces remembered across pages', () => {
  it('gives a text met before what it gave the first time, and each text and each form its own', () => {
    const first = prose('Loss $s1^2 / 2$ & more');
    expect(prose('Loss $s1^2 / 2$ & more')).toEqual(first);
    expect(first.html).toContain('&amp; more');
    expect(prose('Loss $s1^2 / 3$ & more').html).not.toBe(first.html);
    // The one-line and the line-keeping forms of one text differ: never one for the other.
    const text = 'first $x$\nsecond';
    expect(prose(text).html).not.toBe(proseLines(text).html);
    expect(proseLines(text).html).toContain('<br>');
    expect(proseLines(text).md).toBe('first x\\\nsecond');
    expect(prose(text).md).toBe('first x second');
  });

  it('cannot be changed through one page for another', () => {
    const piece = prose('shared');
    expect(() => {
      (piece as { html: string }).html = 'changed';
    }).toThrow();
    expect(prose('shared').html).toBe('shared');
  });
});

describe('join and blocks', () => {
  it('join separators and leave out empty blocks as Array#join and filter do', () => {
    const parts = [words('a'), { md: '', html: '<i>' }, words('b'), { md: 'c', html: '' }];
    expect(join(parts, ', ')).toEqual({ md: 'a, , b, c', html: 'a, <i>, b, ' });
    expect(blocks(parts)).toEqual({ md: 'a\n\nb\n\nc', html: 'a\n\n<i>\n\nb' });
    expect(blocks([])).toEqual({ md: '', html: '' });
  });
});
