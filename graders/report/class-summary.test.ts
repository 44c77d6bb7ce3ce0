import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleAssignment, sampleContext, sampleResults } from '../../tests/support/report-sample.ts';
import { classSummaryReporter, renderClassSummary } from './class-summary.ts';
import { partAnalytics, pointBiserial, questionScores, spread } from './render/summary-stats.ts';
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

  it('sums scores per question', () => {
    expect(questionScores(sampleAssignment(), sampleResults()).map((q) => [q.question, q.points, q.scores.map((s) => s.score)])).toEqual([
      ['q1', 30, [25, 5, 10]],
      ['q2', 40, [35, 15, 20]],
      ['q4', 30, [20, 6, 20]],
    ]);
  });

  it('gives every part, in pack order, its mean, full marks, difficulty, blanks apart from wrong answers, and the common wrong answers', () => {
    const rows = partAnalytics(sampleAssignment(), sampleResults());
    expect(rows.map((r) => r.partId)).toEqual(sampleAssignment().questions.flatMap((q) => q.parts.map((p) => p.id)));
    expect(rows.find((r) => r.partId === 'q1.1.params_5x5')).toMatchObject({ graded: 3, meanScore: 10 / 3, fullPercent: 100 / 3, difficulty: expect.closeTo(1 / 3, 12), blank: 0, wrong: 2, statuses: { passed: 1, failed: 1, invalid: 1 } });
    expect(rows.find((r) => r.partId === 'q1.3.exact_when')).toMatchObject({ blank: 1, wrong: 0, commonWrong: [] });
    expect(rows.find((r) => r.partId === 'q1.1.saving_limit_percent')?.commonWrong).toEqual([{ label: '80', count: 1, mistake: 'eighty' }]);
    // Text parts still pending have nothing decided: no mean, no discrimination.
    expect(rows.find((r) => r.partId === 'q1.1.benefit')).toMatchObject({ graded: 0, pending: 3 });
    expect(rows.find((r) => r.partId === 'q1.1.benefit')?.discrimination).toBeUndefined();
  });

  it('clusters wrong answers alike up to case and spacing, most frequent first', () => {
    const results = sampleResults();
    const wrong = (student: string, answer: string) => {
      const r = results.find((x) => x.student === student) ?? { ...results[0]!, student };
      return { ...r, student, parts: r.parts.map((p) => (p.partId === 'q1.3.exact_when' ? { ...p, status: 'failed' as const, score: 0, answer } : p)) };
    };
    const rows = partAnalytics(sampleAssignment(), [wrong('a', 'Always'), wrong('b', ' always '), wrong('c', 'symmetric'), wrong('d', 'ALWAYS')]);
    expect(rows.find((r) => r.partId === 'q1.3.exact_when')?.commonWrong).toEqual([
      { label: 'Always', count: 3 },
      { label: 'symmetric', count: 1 },
    ]);
  });

  it('computes the point-biserial correlation of full marks with the score', () => {
    // Those with the item average 9, those without 3; population sd of y is 3; p = q = 1/2.
    expect(pointBiserial([1, 1, 0, 0], [8, 10, 2, 4])).toBeCloseTo(((9 - 3) / Math.sqrt(10)) * 0.5, 12);
    expect(pointBiserial([1, 0, 1, 0], [10, 10, 10, 10])).toBe(0);
    expect(pointBiserial([1, 1, 1], [1, 2, 3])).toBeUndefined();
    expect(pointBiserial([1, 0], [1, 2])).toBeUndefined();
  });

  it('should keep the point-biserial correlation within [-1, 1], and flip its sign with the item', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom<0 | 1>(0, 1), fc.integer({ min: 0, max: 100 })), { minLength: 3, maxLength: 40 }), (pairs) => {
        const x = pairs.map(([a]) => a);
        const y = pairs.map(([, b]) => b);
        const r = pointBiserial(x, y);
        if (r === undefined) return x.every((v) => v === x[0]);
        const flipped = pointBiserial(x.map((v) => (1 - v) as 0 | 1), y)!;
        return r >= -1 - 1e-12 && r <= 1 + 1e-12 && Math.abs(r + flipped) < 1e-12;
      }),
    );
  });
});

describe('class summary page', () => {
  it('writes index.html with stats, three inline SVG charts and links to each staff page', async () => {
    const ctx = sampleContext();
    await writeReports(ctx, [classSummaryReporter]);
    const html = readFileSync(path.join(ctx.outDir, 'index.html'), 'utf8');
    expect(html.match(/<svg[\s>]/g)).toHaveLength(3);
    expect(html).not.toMatch(/src="http|href="http|<link/i);
    // One inline script, allowed by its hash alone.
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    for (const student of ['alice', 'bob', 'carol']) expect(html).toContain(`<a class="student" href="${student}/feedback-ta.html">${student}</a>`);
    expect(html).toContain('<b>48.7</b><span>mean total / 100</span>');
    for (const student of ['alice', 'bob', 'carol']) expect(html).toContain(`<a class="student-page" href="${student}/feedback.html">`);
    // Every part has a row, the ones everybody passed too.
    expect(html.match(/<tr><td><code>q\d/g)).toHaveLength(9);
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
    expect(html).not.toMatch(/<script>alert|<img|<i>HW/);
    expect(html).toContain('href="bob%22%3E%3Cimg%20src%3Dx%3E/feedback-ta.html"');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renders an empty class without charts', async () => {
    const html = await renderClassSummary(sampleContext(undefined, []));
    expect(html).toContain('0 submissions');
    expect(html).not.toContain('<svg');
  });
});
