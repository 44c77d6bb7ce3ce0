import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HIDDEN_INPUT, referenceParts, resultOf, sampleContext, sampleResults, withPart } from '../../tests/support/report-sample.ts';
import type { PartResult } from '../results/result.ts';
import { feedbackReporter, renderFeedback } from './feedback.ts';
import { duration, lateText } from './render/feedback-document.ts';
import { seedHex } from './render/seed-text.ts';
import { partFigures } from './render/part-figures.ts';
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
    expect(markdown).toContain('- **Scored by hand:** Depth, but no non-linearity.');
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

  const curves = [{ variable: 'F', at: 1, x: [1, 2, 3, 4], expected: [26, 51, 76, 101], actual: [25, 50, 75, 100] }];
  const formulaFailure = (visibility: 'visible' | 'hidden'): PartResult => ({
    ...referenceParts()[0]!,
    visibility,
    status: 'failed',
    score: 0,
    answer: '25*F',
    feedback: 'At F = 1 your formula gives 25 but the correct value is 26.',
    counterexample: { input: 'F = 1', expected: '26', actual: '25', hidden: visibility === 'hidden', curves },
  });

  it('plots a failed formula against the reference, and never a hidden one on the student page', async () => {
    for (const visibility of ['visible', 'hidden'] as const) {
      const result = resultOf('gina', withPart(referenceParts(), formulaFailure(visibility)));
      const figures = await partFigures(result);
      expect(figures.get('q1.1.params_5x5')?.plots).toContain('counterexample_marks');
      const student = renderFeedback(result, ctx, 'student', figures);
      const ta = renderFeedback(result, ctx, 'ta', figures);
      expect(student.html).not.toContain('The student&#39;s formula');
      expect(ta.html).toContain('The student&#39;s formula (dashed)');
      expect(ta.html).toContain('class="plot formula-plot"');
      expect(student.html.includes('class="plot formula-plot"')).toBe(visibility === 'visible');
      // The plot is the page's: the Markdown keeps to text.
      expect(student.markdown).not.toContain('<svg');
    }
  });

  it("plots a code part's output entries on the counterexample, a hidden one for staff only", async () => {
    const code = (hidden: boolean): PartResult => ({
      ...referenceParts()[4]!,
      status: 'failed',
      score: 0,
      feedback: 'klToStdNormal is wrong.',
      counterexample: { input: 'mu = [0.5], logVar = [0]', expected: '{ h: [0.125, 1], c: [2] }', actual: '{ h: [0.25, 1], c: [2] }', where: 'h[0]', hidden },
    });
    for (const hidden of [false, true]) {
      const result = resultOf('hana', withPart(referenceParts(), code(hidden)));
      const figures = await partFigures(result);
      expect(figures.get('q2.1.kl_to_std_normal')?.kind).toBe('entries-plot');
      expect(renderFeedback(result, ctx, 'ta', figures).html).toContain('entries-plot');
      expect(renderFeedback(result, ctx, 'student', figures).html.includes('entries-plot')).toBe(!hidden);
    }
  });

  it('says plainly whether a choice is right, with the options apart and never as "Expected"', () => {
    const wrong: PartResult = { ...referenceParts()[2]!, status: 'failed', score: 0, answer: 'always', expected: 'one of: rank-1, symmetric, always', feedback: 'Only rank-1 kernels are exact.' };
    const result = resultOf('ivan', withPart(referenceParts(), wrong));
    const { markdown } = renderFeedback(result, ctx, 'student');
    expect(markdown).toContain('- **Your answer:** `always` ✘ not the right option');
    expect(markdown).toContain('- **Options:** `rank-1`, `symmetric`, `always`');
    expect(markdown).not.toMatch(/Expected:.*rank-1/);
    expect(markdown).not.toContain('Right option');
    expect(renderFeedback(result, ctx, 'ta').markdown).toContain('- **Right option:** `rank-1`');
    expect(renderFeedback(alice, ctx, 'student').markdown).toContain('- **Your answer:** `rank-1` ✔ the right option');
  });

  it('links every part from a table at the top, in pack order', () => {
    const { markdown, html } = renderFeedback(bob, ctx, 'student');
    const ids = ctx.assignment.questions.flatMap((q) => q.parts.map((p) => p.id));
    expect([...html.matchAll(/<a href="#part-([^"]+)">/g)].map((m) => decodeURIComponent(m[1]!))).toEqual(ids);
    for (const id of ids) expect(html).toContain(`<h3 id="part-${id}">`);
    expect(markdown.indexOf('| `q1.1.params_5x5` | ✘ failed | 0 / 10 |')).toBeLessThan(markdown.indexOf('### `q1.1.params_5x5`'));
  });

  it('prints seeds as 32-bit hex in a disclosure', () => {
    expect(seedHex(-497128399)).toBe('0xe25e6c31');
    expect(seedHex(1015)).toBe('0x000003f7');
    const { markdown, html } = renderFeedback(alice, ctx, 'student');
    expect(html).toContain('<details><summary><strong>Seed</strong></summary><code>0x000003f7</code>');
    expect(markdown).toContain('- **Seed** `0x000003f7`');
  });

  it('says when lateness is past max_late, and rounds hours as a person would', () => {
    const policy = { per: 'day' as const, penaltyPercent: 10, maxLate: 5 };
    expect(lateText({ submittedAt: 'x', hoursLate: 6 * 24 + 2.5, unitsCharged: 7, penaltyPercent: 100, penalty: 42 }, policy)).toBe('6.1 days late: more than max_late (5 days): 0 (−42 points)');
    expect(lateText({ submittedAt: 'x', hoursLate: 36.016, unitsCharged: 2, penaltyPercent: 20, penalty: 8 }, policy)).toBe('36 h late: 2 started days charged, 20% off (−8 points)');
    expect(lateText({ submittedAt: 'x', hoursLate: 5 * 24, unitsCharged: 5, penaltyPercent: 50, penalty: 5 }, policy)).toBe('5 days late: 5 started days charged, 50% off (−5 points)');
    expect(lateText({ submittedAt: 'x', hoursLate: 3.5, unitsCharged: 4, penaltyPercent: 100, penalty: 9 }, { per: 'hour', penaltyPercent: 10, maxLate: 3 })).toBe('3.5 h late: more than max_late (3 hours): 0 (−9 points)');
    expect([0.004, 0.5, 2.345, 12.6, 47.4, 50].map(duration)).toEqual(['1 min', '30 min', '2.3 h', '13 h', '47 h', '2.1 days']);
  });

  it('typesets $...$ math of a feedback text in HTML, and keeps it plain in Markdown and plain text', async () => {
    const part: PartResult = { ...referenceParts()[1]!, status: 'failed', score: 0, answer: '80', feedback: 'The saving is $(7F-1)/(25F+1)$, about 28%.' };
    const result = resultOf('jo', withPart(referenceParts(), part));
    const { markdown, html } = renderFeedback(result, ctx, 'student');
    expect(markdown).toContain('The saving is (7F-1)/(25F+1), about 28%.');
    expect(html).toMatch(/The saving is <span class="math" data-plain="\(7F-1\)\/\(25F\+1\)"><span class="katex">/);
    const { partPlainText } = await import('./render/part-text.ts');
    expect(partPlainText(part, 'student')[1]).toBe('The saving is (7F-1)/(25F+1), about 28%.');
  });
});
