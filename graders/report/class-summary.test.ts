import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleAssignment, sampleContext, sampleResults } from '../../tests/support/report-sample.ts';
import { classSummaryReporter, renderClassSummary } from './class-summary.ts';
import { partFailures, questionScores, spread } from './render/summary-stats.ts';
import { writeReports } from './index.ts';

describe('summary statistics', () => {
  it('computes mean, median, min and max', () => {
    expect(spread([80, 26, 40])).toEqual({ count: 3, mean: 146 / 3, median: 40, min: 26, max: 80 });
    expect(spread([1, 2, 3, 10])).toMatchObject({ median: 2.5, mean: 4 });
    expect(spread([])).toEqual({ count: 0, mean: 0, median: 0, min: 0, max: 0 });
  });

  it('should keep min ≤ median ≤ max and min ≤ mean ≤ max', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1 }), (xs) => {
        const s = spread(xs);
        return s.min <= s.median && s.median <= s.max && s.min <= s.mean + 1e-9 && s.mean <= s.max + 1e-9;
      }),
    );
  });

  it('sums scores per question and ranks the parts most often lost', () => {
    const results = sampleResults();
    expect(questionScores(sampleAssignment(), results).map((q) => [q.question, q.points, q.scores.map((s) => s.score)])).toEqual([
      ['q1', 30, [25, 5, 10]],
      ['q2', 40, [35, 15, 20]],
      ['q4', 30, [20, 6, 20]],
    ]);
    const failures = partFailures(sampleAssignment(), results);
    expect(failures[0]).toMatchObject({ partId: 'q1.1.params_5x5', notPassed: 2, graded: 3, statuses: { passed: 1, failed: 1, invalid: 1 } });
    expect(failures.find((f) => f.partId === 'q1.1.saving_limit_percent')).toMatchObject({ commonMistake: { id: 'eighty', count: 1 } });
    expect(failures.at(-1)).toMatchObject({ notPassed: 0 });
  });
});

describe('class summary page', () => {
  it('writes index.html with stats, three inline SVG charts and links to each staff page', async () => {
    const ctx = sampleContext();
    await writeReports(ctx, [classSummaryReporter]);
    const html = readFileSync(path.join(ctx.outDir, 'index.html'), 'utf8');
    expect(html.match(/<svg[\s>]/g)).toHaveLength(3);
    expect(html).not.toMatch(/<script|src="http|href="http|<link/i);
    for (const student of ['alice', 'bob', 'carol']) expect(html).toContain(`<a class="student" href="${student}/feedback-ta.html">${student}</a>`);
    expect(html).toContain('<b>48.7</b><span>mean total / 100</span>');
    expect(html).toContain('Your counts 18F+2 vs 25F+1 are right.');
  });

  it('gives every chart its own element ids', async () => {
    const html = await renderClassSummary(sampleContext());
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('escapes student ids, feedback and titles', async () => {
    const ctx = sampleContext();
    const hostile = sampleResults().map((r) => (r.student === 'bob' ? { ...r, student: 'bob"><img src=x>', parts: r.parts.map((p) => ({ ...p, feedback: '<script>alert(1)</script>' })) } : r));
    const html = await renderClassSummary({ ...ctx, results: hostile, assignment: { ...ctx.assignment, title: '<i>HW</i>' } });
    expect(html).not.toMatch(/<script|<img|<i>HW/);
    expect(html).toContain('href="bob%22%3E%3Cimg%20src%3Dx%3E/feedback-ta.html"');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renders an empty class without charts', async () => {
    const html = await renderClassSummary(sampleContext(undefined, []));
    expect(html).toContain('0 submissions');
    expect(html).not.toContain('<svg');
  });
});
