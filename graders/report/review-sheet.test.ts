import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleContext, sampleResults } from '../../tests/support/report-sample.ts';
import { loadManualSheet } from '../engine/manual.ts';
import { reviewSheetReporter } from './review-sheet.ts';
import { writeReports } from './index.ts';

describe('review sheet reporter', () => {
  it('writes review.yaml that loads back without errors', async () => {
    const ctx = sampleContext();
    await writeReports(ctx, [reviewSheetReporter]);
    const file = path.join(ctx.outDir, 'review.yaml');
    expect(readFileSync(file, 'utf8')).toContain('q4.3.explanation:');
    expect(loadManualSheet(file, ctx.assignment, ['alice', 'bob', 'carol']).errors).toEqual([]);
  });

  it('writes nothing when no answer awaits review', async () => {
    const graded = sampleResults().map((r) => ({ ...r, parts: r.parts.filter((p) => p.status !== 'pending') }));
    const ctx = sampleContext(undefined, graded);
    await writeReports(ctx, [reviewSheetReporter]);
    expect(existsSync(path.join(ctx.outDir, 'review.yaml'))).toBe(false);
  });
});
