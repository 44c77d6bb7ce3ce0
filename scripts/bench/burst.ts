// --burst: as Jobe's benchmark does, doubling bursts of submissions handed to the pool at once
// (1, 2, 4, ... up to a cap), each burst's latency and throughput, then a sustained load at the
// pool's capacity (one submission in flight per grader process) for a given time. Grading only,
// through the pool as `grade` uses it: no reports, which `--scale` and the class run include.
import os from 'node:os';
import path from 'node:path';
import { openGradePool, type GradePool } from '../../graders/engine/grade-pool.ts';
import type { BenchContext } from './context.ts';
import { loadAverage, mb, ms, percentiles, sec } from './format.ts';
import { liveTreeCpuMs, ownCpuMs } from './process-cpu.ts';
import { OwnMemorySampler, TreeMemorySampler } from './process-memory.ts';
import { writeSyntheticCourse, type SyntheticSubmission } from './synthetic.ts';

interface Phase {
  latencies: number[];
  wallMs: number;
  cpuMs: number;
  slotPeaks: number[];
  parentPeak: number;
}

/** Runs `work` with the pool's memory and every process's CPU measured around it. */
async function measured(pool: GradePool, work: (latencies: number[]) => Promise<void>): Promise<Phase> {
  const pids = pool.pids();
  const cpu = (): number => ownCpuMs() + pids.reduce((sum, pid) => sum + liveTreeCpuMs(pid), 0);
  const slots = new TreeMemorySampler(() => pids);
  const parent = new OwnMemorySampler();
  const latencies: number[] = [];
  const cpu0 = cpu();
  slots.start();
  parent.start();
  const start = performance.now();
  await work(latencies);
  const wallMs = performance.now() - start;
  return { latencies, wallMs, cpuMs: cpu() - cpu0, slotPeaks: [...slots.stop().values()], parentPeak: parent.stop() };
}

async function graded(pool: GradePool, sub: SyntheticSubmission, latencies: number[], since = performance.now()): Promise<void> {
  await pool.grade(sub);
  latencies.push(performance.now() - since);
}

export async function burstRun(ctx: BenchContext, cap: number, sustainSeconds: number): Promise<string[]> {
  const sizes: number[] = [];
  for (let k = 1; k <= cap; k *= 2) sizes.push(k);
  // Every burst grades submissions of its own; the sustained load cycles through all of them.
  const total = sizes.reduce((a, b) => a + b, 0);
  const course = await writeSyntheticCourse(ctx.root, path.join(ctx.scratch, 'burst', 'submissions'), total, ctx.seed);
  const pool = await openGradePool({ size: ctx.jobs, assignment: ctx.assignment, visibleOnly: false, seedSalt: '', entry: ctx.entry });
  if (!pool) throw new Error('no grader process entry found');
  const row = (label: string, n: number, p: Phase): string =>
    `  ${label.padEnd(10)} ${String(n).padEnd(5)} ${sec(p.wallMs).padEnd(7)} ${(n / (p.wallMs / 1000)).toFixed(2).padEnd(6)} ${ms(p.cpuMs / n).padEnd(7)} ${percentiles(p.latencies).padEnd(52)} ${p.slotPeaks.map(mb).join(', ').padEnd(16)} ${mb(p.parentPeak)}`;
  const lines = [
    `bursts then sustained load (pool of ${ctx.jobs} grader processes from ${ctx.entry.label}, a sandbox per submission, grading only; latency from hand-over to the pool to the result)`,
    `  ${'phase'.padEnd(10)} ${'subs'.padEnd(5)} ${'wall'.padEnd(7)} ${'sub/s'.padEnd(6)} ${'CPU/sub'.padEnd(7)} ${'latency'.padEnd(52)} ${'peak per slot'.padEnd(16)} parent peak`,
  ];
  try {
    let next = 0;
    for (const k of sizes) {
      const burst = course.slice(next, next + k);
      next += k;
      const load = loadAverage(os.loadavg());
      const p = await measured(pool, async (latencies) => {
        const since = performance.now();
        await Promise.all(burst.map((sub) => graded(pool, sub, latencies, since)));
      });
      lines.push(`${row(`burst ${k}`, k, p)}  (${load})`);
    }
    const load = loadAverage(os.loadavg());
    let done = 0;
    const p = await measured(pool, async (latencies) => {
      const deadline = performance.now() + sustainSeconds * 1000;
      let i = 0;
      // One loop per grader process: each hands over the next submission as soon as its last is back.
      const lane = async (): Promise<void> => {
        while (performance.now() < deadline) {
          await graded(pool, course[i++ % course.length]!, latencies);
          done++;
        }
      };
      await Promise.all(Array.from({ length: ctx.jobs }, lane));
    });
    lines.push(`${row(`sustained`, done, p)}  (${sustainSeconds} s at ${ctx.jobs} in flight; ${load})`);
  } finally {
    await pool.close();
  }
  return lines;
}
