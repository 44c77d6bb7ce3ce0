import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownToHtml, visibleText } from '../../../tests/support/markdown-html.ts';
import { codeBlock, codeSpan, inlineText, paragraphText } from './markdown-text.ts';

// Text a student could type: ASCII punctuation heavy, with some non-ASCII and line breaks.
const hostileText = fc.string({ unit: fc.constantFrom(...'<>&"\'`*_[]()#!|~\\-+=.:/ wx1\n\tλ'.split('')), maxLength: 40 });

describe('escaping untrusted text for Markdown', () => {
  it('should render any single-line text as exactly that text, with no markup', () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        const { text, strayTags } = visibleText(markdownToHtml(inlineText(s)), /^p$/);
        return strayTags.length === 0 && text.trim() === s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
      }),
    );
  });

  it('should keep the lines of a paragraph as lines', () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        const { text, strayTags } = visibleText(markdownToHtml(paragraphText(s)), /^(p|br)$/);
        const expected = s.split('\n').map((l) => l.trim()).filter((l) => l !== '');
        return strayTags.length === 0 && text.split('\n').map((l) => l.trim()).filter((l) => l !== '').join('\n') === expected.join('\n');
      }),
    );
  });

  it('should keep code spans and blocks verbatim', () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        const flat = s.replace(/[\r\n]+/g, ' ');
        const span = visibleText(markdownToHtml(codeSpan(flat)), /^(p|code)$/);
        const block = visibleText(markdownToHtml(codeBlock(s)), /^(pre|code)$/);
        const spanOk = flat.trim() === '' || span.text.trim() === flat.trim();
        return spanOk && span.strayTags.length === 0 && block.strayTags.length === 0 && block.text.replace(/\n+$/, '') === s.replace(/\n+$/, '');
      }),
    );
  });

  it('keeps a fenced block inside a list item', () => {
    const html = markdownToHtml(`- **Answer:**\n\n${codeBlock('line one\n\n  <b>two</b>\n```', 2)}\n`);
    expect(html).toContain('<li>');
    expect(html).toContain('line one\n\n  &lt;b&gt;two&lt;/b&gt;\n```');
  });
});
