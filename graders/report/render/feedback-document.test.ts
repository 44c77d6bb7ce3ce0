import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceParts, resultOf, sampleContext, sampleResults, SCRIPT_ANSWER, withPart } from '../../../tests/support/report-sample.ts';
import type { PartResult } from '../../results/result.ts';
import { renderFeedbackDocument } from './feedback-document.ts';
import { markdownToHtml, visibleText, withoutRenderedMath } from '../../../tests/support/markdown-html.ts';

const TAGS = /^(h[1-3]|p|em|strong|code|pre|a|ul|li|table|thead|tbody|tr|th|td|blockquote|hr|br|details|summary|div|span)$/;

/** What a reader sees (rendered math as its plain text): tags dropped, entities decoded, whitespace collapsed; and any unexpected tag. */
function seen(html: string): { text: string; stray: string[] } {
  const { text, strayTags } = visibleText(withoutRenderedMath(html), TAGS, ' ');
  return { text: text.replace(/\s+/g, ' ').trim(), stray: strayTags };
}

// Text a student or a checker message could hold: Markdown and HTML specials, line breaks, math.
const untrusted = fc.string({ unit: fc.constantFrom(...'<>&"\'`*_[]()#!|~\\-+=.:/ wx1\n\tλ$^'.split('')), maxLength: 30 });

const ctx = sampleContext();

describe('feedback written as Markdown and HTML side by side', () => {
  it('should show in HTML exactly the text the Markdown shows once rendered, whatever the untrusted values', () => {
    fc.assert(
      fc.property(untrusted, untrusted, untrusted, untrusted, fc.constantFrom('student', 'ta'), (answer, feedback, input, message, audience) => {
        const base = referenceParts()[4]!;
        const part: PartResult = {
          ...base,
          status: 'failed',
          score: 0,
          answer,
          feedback,
          notes: [message],
          checks: [{ name: message, visibility: 'visible', ok: false, runs: 3, message }],
          counterexample: { input, expected: feedback, actual: answer, where: message, hidden: false },
        };
        const result = resultOf('dana', withPart(referenceParts(), part), { problems: [message] });
        const doc = renderFeedbackDocument(result, ctx, audience);
        const direct = seen(doc.html);
        const viaMarkdown = seen(markdownToHtml(doc.md));
        expect(direct.stray).toEqual([]);
        expect(direct.text).toBe(viaMarkdown.text);
      }),
      { numRuns: 150 },
    );
  });

  it('should agree with the rendered Markdown on every sample student, for both audiences', () => {
    for (const result of sampleResults()) {
      for (const audience of ['student', 'ta'] as const) {
        const doc = renderFeedbackDocument(result, ctx, audience);
        expect(seen(doc.html).text).toBe(seen(markdownToHtml(doc.md)).text);
      }
    }
  });

  it('should keep a hostile answer as text in the HTML', () => {
    const result = resultOf('eve', withPart(referenceParts(), { ...referenceParts()[0]!, answer: SCRIPT_ANSWER }));
    const { html } = renderFeedbackDocument(result, ctx, 'student');
    expect(html).not.toMatch(/<script|<img/i);
    expect(seen(html).text).toContain(SCRIPT_ANSWER);
  });
});
