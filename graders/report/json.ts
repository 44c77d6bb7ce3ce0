import path from 'node:path';
import { writeFileAtomic } from '../results/atomic-write.ts';
import { writeResult } from '../results/result-files.ts';
import { canonicalJson } from '../results/canonical-json.ts';
import type { Reporter } from './types.ts';

/**
 * The canonical results: `<student>/dlgrade.json` (rewritten here because manual scores and the
 * late policy are applied after grading) and `summary.json` for the whole run.
 */
export const jsonReporter: Reporter = {
  name: 'json',
  classFiles: ['summary.json'],
  async student(result, ctx) {
    await writeResult(ctx.outDir, result);
  },
  async classWide(ctx) {
    const summary = {
      schemaVersion: 1,
      assignment: { id: ctx.assignment.id, title: ctx.assignment.title, total: ctx.assignment.total },
      run: ctx.run,
      students: ctx.results.map((r) => ({
        student: r.student,
        ...(r.status ? { status: r.status } : {}),
        score: r.score,
        total: r.total,
        max: r.max,
        pendingPoints: r.pendingPoints,
        late: r.late,
        isolation: r.isolation,
      })),
    };
    await writeFileAtomic(path.join(ctx.outDir, 'summary.json'), canonicalJson(summary));
  },
};
