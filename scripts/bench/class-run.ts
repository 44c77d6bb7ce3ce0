// The bench's first figures (the default mode): one class of N synthetic submissions graded, then
// on the same submissions (a) the floor, a bare `node -e 0` per submission (in this environment,
// and (a') in the sandbox children's clean one), and (b) a vitest run per submission, what a
// course would do instead.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import registry from '../../reference/dl-hw/index.ts';
import type { BenchContext } from './context.ts';
import { bareNode, CLEAN_ENV, inParallel, NODE_START_VARS } from './floors.ts';
import { mb, quantile, sec } from './format.ts';
import { gradeCourse } from './grading-run.ts';
import { childrenCpuMs } from './process-cpu.ts';
import { PROPORTIONS, writeSyntheticCourse } from './synthetic.ts';
import { runVitest, vitestFile, writeVitestCourse } from './vitest-baseline.ts';

const VITEST_KILL_MS = 10_000;

export async function classRun(ctx: BenchContext, n: number, vitestSample: number): Promise<string[]> {
  const { root, assignment, jobs } = ctx;
  const sampleSize = Math.min(n, vitestSample);
  const dir = path.join(ctx.scratch, 'class');
  const course = await writeSyntheticCourse(root, path.join(dir, 'submissions'), n, ctx.seed);

  const g = await gradeCourse({ root, assignment, course, outDir: path.join(dir, 'reports'), jobs, entry: ctx.entry });
  // The kernel's peak of this whole process so far: the class run comes first when it runs.
  const parentMaxRss = process.resourceUsage().maxRSS * 1024;

  // (a) The floor: starting a bare Node once per submission, as many at a time.
  const floorCpu0 = childrenCpuMs();
  const floorMs = await inParallel(n, jobs, () => bareNode());
  const floorCpu = childrenCpuMs() - floorCpu0;
  // (a') The same with the sandbox children's environment: what starting a process costs them.
  const cleanCpu0 = childrenCpuMs();
  const cleanMs = await inParallel(n, jobs, () => bareNode(CLEAN_ENV));
  const cleanCpu = childrenCpuMs() - cleanCpu0;

  // (b) vitest per submission, on an evenly spread sample of the same submissions.
  const key = await writeVitestCourse(root, ctx.scratch, assignment, registry);
  const stride = n / sampleSize;
  const sample = Array.from({ length: sampleSize }, (_, i) => course[Math.floor(i * stride)]!);
  for (const s of sample) await writeFile(path.join(s.dir, 'grading.test.ts'), vitestFile(root, key));
  const vitestCpu0 = childrenCpuMs();
  const vitestTimes: number[] = [];
  const vitestOutcomes = new Map<string, number>();
  const vitestMs = await inParallel(sampleSize, jobs, async (i) => {
    const r = await runVitest(root, ctx.scratch, sample[i]!.dir, VITEST_KILL_MS);
    vitestTimes.push(r.ms);
    vitestOutcomes.set(r.outcome, (vitestOutcomes.get(r.outcome) ?? 0) + 1);
  });
  const vitestRate = sampleSize / (vitestMs / 1000);
  const vitestCpu = childrenCpuMs() - vitestCpu0;

  const rate = n / (g.wallMs / 1000);
  const kinds = Object.entries(PROPORTIONS).map(([k, p]) => `${course.filter((c) => c.kind === k).length} ${k} (${p * 100}%)`).join(', ');
  const statuses = new Map<string, number>();
  for (const r of g.outcome.results) for (const p of r.parts) statuses.set(p.status, (statuses.get(p.status) ?? 0) + 1);
  return [
    `class of N = ${n}, seed ${ctx.seed}`,
    `course: ${kinds}`,
    `parts graded: ${[...statuses].map(([s, c]) => `${c} ${s}`).join(', ')}; ${g.outcome.faults.length} internal faults`,
    ...g.outcome.faults.slice(0, 5).map((f) => `  internal fault: ${f.message}`),
    '',
    `dlgrade (pool of ${jobs} grader processes from ${ctx.entry.label}, a sandbox per submission, every report written)`,
    `  wall ${sec(g.wallMs)}, ${rate.toFixed(2)} submissions/s; CPU ${(g.cpuMs / n).toFixed(0)} ms per submission (all processes)`,
    `  of which grading ${sec(g.gradedMs)} (the batch process's own CPU ${sec(g.parentCpuGradingMs)}, each student's reports included), then the rest of the reports ${sec(g.wallMs - g.gradedMs)}`,
    `  per submission: median ${g.perSubmission.length ? quantile(g.perSubmission, 0.5).toFixed(0) : '-'} ms, p95 ${quantile(g.perSubmission, 0.95).toFixed(0)} ms`,
    `  peak resident memory per slot (grader process + its sandbox children): ${g.slotPeaks.map(mb).join(', ')}; the grader processes alone: ${g.workerPeaks.map(mb).join(', ')}`,
    `  peak resident memory of the parent (the batch, reports): ${mb(parentMaxRss)}`,
    '',
    `(a) floor: \`node -e 0\` spawned once per submission, ${jobs} at a time, in this environment${NODE_START_VARS.length ? ` (which sets ${NODE_START_VARS.join(', ')})` : ''}`,
    `  wall ${sec(floorMs)}, ${(n / (floorMs / 1000)).toFixed(1)} /s; CPU ${(floorCpu / n).toFixed(0)} ms per submission`,
    `(a') the same in the sandbox children's environment (PATH only)`,
    `  wall ${sec(cleanMs)}, ${(n / (cleanMs / 1000)).toFixed(1)} /s; CPU ${(cleanCpu / n).toFixed(0)} ms per submission`,
    `(b) a \`vitest run\` per submission (solution imported unsandboxed; code parts on the answer key's vectors, answers through the same checkers), ${jobs} at a time`,
    `  ${sampleSize === n ? 'all' : `an evenly spread sample of ${sampleSize} of the`} ${n} submissions: wall ${sec(vitestMs)}, ${vitestRate.toFixed(2)} submissions/s, median ${quantile(vitestTimes, 0.5).toFixed(0)} ms each, CPU ${(vitestCpu / sampleSize).toFixed(0)} ms per submission (${[...vitestOutcomes].map(([o, c]) => `${c} ${o}`).join(', ')})`,
    ...(sampleSize < n ? [`  at that rate all ${n} would take ${sec((n / vitestRate) * 1000)}`] : []),
    '',
    `throughput vs (b): ${(rate / vitestRate).toFixed(1)}× (target ≥ 10×); CPU per submission, (b) / dlgrade: ${(vitestCpu / sampleSize / (g.cpuMs / n)).toFixed(1)}×`,
    `time vs (a) floor: ${(g.wallMs / floorMs).toFixed(1)}× (target ≤ 3×); CPU per submission, dlgrade / (a): ${(g.cpuMs / n / (floorCpu / n)).toFixed(1)}×`,
    `time vs (a') floor: ${(g.wallMs / cleanMs).toFixed(1)}×; CPU per submission, dlgrade / (a'): ${(g.cpuMs / cleanCpu).toFixed(1)}×`,
  ];
}
