import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HIDDEN_INPUT, referenceParts, resultOf, sampleContext, sampleResults, withPart } from '../../tests/support/report-sample.ts';
import { feedbackReporter, renderFeedback } from './feedback.ts';
import { writeReports } from './index.ts';

const ctx = sampleContext();
const [alice, bob, carol] = sampleResults() as [ReturnType<typeof sampleResults>[number], ReturnType<typeof sampleResults>[number], ReturnType<typeof sampleResults>[number]];

describe('feedback', () => {
  it('gives the targeted text of a known mistake, with the answer and what was expected', () => {
    const { markdown, html } = renderFeedback(bob, ctx, 'student');
    expect(markdown).toContain('The saving is (7F-1)/(25F+1), about 28%, not 80%.');
    expect(markdown).toMatch(/`q1\.1\.saving_limit_percent`: ✘ failed, 0 \/ 10/);
    expect(markdown).toContain('- **Your answer:** `80`');
    expect(markdown).toContain('- **Expected:** `28 ± 0.5`');
    expect(html).toContain('about 28%, not 80%.');
    // The mistake id is for staff.
    expect(markdown).not.toContain('eighty');
    expect(renderFeedback(bob, ctx, 'ta').markdown).toContain('- **Known mistake:** `eighty`');
  });

  it('shows a visible counterexample with its input, expected value, actual value and place', () => {
    const { markdown } = renderFeedback(bob, ctx, 'student');
    expect(markdown).toContain('  - **Input:** `x1 = (0, 1), x2 = (0, 0)`');
    expect(markdown).toContain('  - **Got:** `1, 1`');
    expect(markdown).toContain('  - **Where:** `step 2`');
  });

  it('withholds hidden inputs from the student and shows them to staff', () => {
    const student = renderFeedback(bob, ctx, 'student');
    const ta = renderFeedback(bob, ctx, 'ta');
    for (const text of [student.markdown, student.html]) {
      expect(text).not.toContain('0.123456789');
      expect(text).not.toContain('3.1415');
      expect(text).toContain('A hidden check failed; its input is not shown to students.');
    }
    expect(ta.markdown).toContain(`\`${HIDDEN_INPUT}\``);
    expect(ta.markdown).toContain('from a hidden check, not shown to the student');
    expect(ta.html).toContain(`wrong value at ${HIDDEN_INPUT}`);
    expect(ta.html).toContain('0.123456789');
  });

  it('treats every check of a hidden part as hidden for the student', () => {
    const part = { ...referenceParts()[4]!, visibility: 'hidden' as const, status: 'failed' as const, score: 0, feedback: 'Wrong.', checks: [{ name: 'vector', visibility: 'visible' as const, ok: false, message: 'secret vector 42' }], counterexample: { input: 'secret input 42', expected: '1', actual: '2', hidden: false } };
    const result = resultOf('dana', withPart(referenceParts(), part));
    const { markdown } = renderFeedback(result, ctx, 'student');
    expect(markdown).not.toContain('secret');
    expect(renderFeedback(result, ctx, 'ta').markdown).toContain('secret input 42');
  });

  it('escapes a hostile answer in HTML and keeps it readable', () => {
    for (const audience of ['student', 'ta'] as const) {
      const { html } = renderFeedback(carol, ctx, audience);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    }
  });

  it('fences a multi-line answer', () => {
    const answer = 'First line\n\n# not a heading\n<b>not bold</b>\n```\nstill the answer';
    const result = resultOf('erin', withPart(referenceParts(), { ...referenceParts()[3]!, answer }));
    const { markdown, html } = renderFeedback(result, ctx, 'student');
    expect(markdown).toContain('````text');
    expect(html).toContain('First line\n\n# not a heading\n&lt;b&gt;not bold&lt;/b&gt;\n```\nstill the answer');
    expect(html).not.toMatch(/<h1[^>]*>not a heading/);
  });

  it('states lateness, penalty, total, pending points and problems', () => {
    const { markdown } = renderFeedback(carol, ctx, 'student');
    expect(markdown).toContain('| Total | 40 / 100 |');
    expect(markdown).toContain('36 h late: 2 started days charged, 20% off (−10 points)');
    expect(markdown).toContain('20 points are awaiting manual review');
    expect(markdown).toContain('solution.ts: unexpected file solution.py ignored');
    expect(markdown).toContain('- **Why it could not be graded:** timeout after 2000 ms');
    expect(renderFeedback(carol, ctx, 'ta').markdown).toContain('| Sandbox isolation | permission-model |');
    expect(renderFeedback(alice, ctx, 'student').markdown).toContain('| Late | no (on time) |');
  });

  it('says when hidden checks were not run', () => {
    const visibleRun = sampleContext(undefined, undefined, true);
    expect(renderFeedback(alice, visibleRun, 'student').markdown).toContain('Hidden checks were not run');
    expect(renderFeedback(alice, ctx, 'student').markdown).not.toContain('Hidden checks were not run');
  });

  it('shows the rubric and the manual comment to staff, the comment to the student', () => {
    const scored = resultOf('fred', withPart(referenceParts(), { partId: 'q1.1.benefit', kind: 'text', max: 5, visibility: 'visible', seed: 7, status: 'partial', score: 2, answer: 'Deeper.', feedback: 'Depth, but no non-linearity.', manual: { comment: 'Depth, but no non-linearity.' } }));
    const { markdown, html } = renderFeedback(scored, ctx, 'student');
    expect(markdown).toContain('- **Feedback (scored by hand):** Depth, but no non-linearity.');
    // The comment is the feedback: said once.
    expect(markdown.split('Depth, but no non-linearity.')).toHaveLength(2);
    expect(html.split('Depth, but no non-linearity.')).toHaveLength(2);
    expect(renderFeedback(alice, ctx, 'ta').markdown).toContain('- **Rubric:** extra non-linearity / depth');
    expect(renderFeedback(alice, ctx, 'student').markdown).not.toContain('Rubric');
  });

  it('ships the math stylesheet and every font it names under assets/, once per reports folder', async () => {
    const out = sampleContext();
    await writeReports(out, [feedbackReporter]);
    const css = readFileSync(path.join(out.outDir, 'assets/katex/katex.min.css'), 'utf8');
    const fonts = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(fonts.length).toBeGreaterThan(10);
    for (const font of fonts) {
      expect(font).toMatch(/^fonts\/KaTeX_[\w-]+\.woff2$/);
      expect(statSync(path.join(out.outDir, 'assets/katex', font)).size).toBeGreaterThan(1000);
    }
  });

  it('writes the student and staff versions, in Markdown and self-contained HTML, per student', async () => {
    const out = sampleContext();
    await writeReports(out, [feedbackReporter]);
    for (const student of ['alice', 'bob', 'carol']) {
      for (const file of ['feedback.md', 'feedback.html', 'feedback-ta.md', 'feedback-ta.html']) {
        const text = readFileSync(path.join(out.outDir, student, file), 'utf8');
        expect(text).toContain(student);
        if (file.endsWith('.html')) {
          expect(text).not.toMatch(/<script|src="http|href="http/i);
          expect(text).toContain('<style>');
          // The one external file is the math stylesheet of the reports folder, by a relative path.
          expect([...text.matchAll(/<link [^>]*href="([^"]+)"/g)].map((m) => m[1])).toEqual(['../assets/katex/katex.min.css']);
        }
      }
    }
  });
});
