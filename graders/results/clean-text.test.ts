import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanStrings, cleanText, isClean } from './clean-text.ts';

const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/;

describe('cleanText', () => {
  it('leaves no control character, bidi control or lone surrogate, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const clean = cleanText(s);
        expect(UNSAFE.test(clean)).toBe(false);
        expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(clean)).toBe(false);
        expect(isClean(clean)).toBe(true);
      }),
    );
  });

  it('changes nothing in clean text: tabs, newlines, accents, emoji, math', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }).filter((s) => isClean(s)), (s) => {
        expect(cleanText(s)).toBe(s);
      }),
    );
    expect(cleanText('a\tb\nc — ∑ é 🙂')).toBe('a\tb\nc — ∑ é 🙂');
  });

  it('shows what it replaced: control pictures for C0, line ends for CR', () => {
    expect(cleanText('\u001b[31mred\u0007\u0000')).toBe('␛[31mred␇␀');
    expect(cleanText('one\r\ntwo\rthree')).toBe('one\ntwo\nthree');
    expect(cleanText('\u009b2J \u202eevil \ud800')).toBe('\uFFFD2J \uFFFDevil \uFFFD');
  });

  it('cleans every string and key of a value of any depth without recursing', () => {
    let deep: unknown = 'x\u0007';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    let cleaned = cleanStrings(deep);
    for (let i = 0; i < 100_000; i++) cleaned = (cleaned as unknown[])[0];
    expect(cleaned).toBe('x␇');
    expect(cleanStrings({ 'k\u001b': ['v\u0000', 1, null, { z: '\u0008' }] })).toEqual({ 'k␛': ['v␀', 1, null, { z: '␈' }] });
  });
});
