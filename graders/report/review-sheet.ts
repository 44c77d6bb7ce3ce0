import path from 'node:path';
import { writeFileAtomic } from '../results/atomic-write.ts';
import { exportReviewSheet } from '../engine/manual.ts';
import type { Reporter } from './types.ts';

/** `<out>/review.yaml`: every answer awaiting manual review, ready to be scored and merged back. */
export const reviewSheetReporter: Reporter = {
  name: 'review-sheet',
  async classWide(ctx) {
    if (!ctx.results.some((r) => r.parts.some((p) => p.status === 'pending'))) return;
    await writeFileAtomic(path.join(ctx.outDir, 'review.yaml'), exportReviewSheet(ctx));
  },
};
