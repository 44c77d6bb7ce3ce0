// --scale N1,N2,...: the same grading at each class size, to show the cost per submission stays
// flat as N grows (nothing in the batch, the pool or the reports grows faster than the class).
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BenchContext } from './context.ts';
import { loadAverage, mb, ms, quantile, sec } from './format.ts';
import { gradeCourse } from './grading-run.ts';
import { writeSyntheticCourse } from './synthetic.ts';

export async function scaleRun(ctx: BenchContext, sizes: readonly number[]): Promise<string[]> {
  const lines = [
    `cost per submission against N (a class of each size, same proportions and seed, --jobs ${ctx.jobs}, every report written)`,
    '  N      wall     wall/sub  CPU/sub  sub/s  latency p50 / p95   peak per slot       parent peak  faults  load before',
  ];
  const cpuPerSub: number[] = [];
  const wallPerSub: number[] = [];
  for (const n of sizes) {
    const dir = path.join(ctx.scratch, `scale-${n}`);
    const course = await writeSyntheticCourse(ctx.root, path.join(dir, 'submissions'), n, ctx.seed);
    const load = loadAverage(os.loadavg());
    const g = await gradeCourse({ root: ctx.root, assignment: ctx.assignment, course, outDir: path.join(dir, 'reports'), jobs: ctx.jobs, entry: ctx.entry });
    cpuPerSub.push(g.cpuMs / n);
    wallPerSub.push(g.wallMs / n);
    lines.push(
      [
        `  ${String(n).padEnd(6)}`,
        sec(g.wallMs).padEnd(8),
        ms(g.wallMs / n).padEnd(8),
        ms(g.cpuMs / n).padEnd(7),
        (n / (g.wallMs / 1000)).toFixed(2).padEnd(5),
        `${ms(quantile(g.perSubmission, 0.5))} / ${ms(quantile(g.perSubmission, 0.95))}`.padEnd(18),
        g.slotPeaks.map(mb).join(', ').padEnd(18),
        mb(g.parentPeak).padEnd(11),
        String(g.outcome.faults.length).padEnd(6),
        load.replace('load average ', ''),
      ].join(' '),
    );
    // Each size's course and reports go once measured: 1000 submissions' reports are not small.
    await rm(dir, { recursive: true, force: true });
  }
  if (sizes.length > 1) {
    const ratio = (xs: number[]): string => `${(xs[xs.length - 1]! / xs[0]!).toFixed(2)}×`;
    lines.push(`  N = ${sizes[sizes.length - 1]} against N = ${sizes[0]}: CPU per submission ${ratio(cpuPerSub)}, wall per submission ${ratio(wallPerSub)}`);
  }
  return lines;
}
