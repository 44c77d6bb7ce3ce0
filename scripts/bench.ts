// npm run bench [-- --n N] [--jobs J] [--seed S] [--baseline-sample K] [--keep]
//
// Grades N synthetic submissions (honest, mistaken, hostile in fixed proportions) with full
// isolation, then measures on the same submissions, in the same run: (a) the floor, a bare
// `node -e 0` per submission (in this environment, and (a') in the sandbox children's clean one),
// and (b) a vitest run per submission, what a course would do instead.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import { VERSION } from '../graders/cli/version.ts';
import { resultFingerprint, treeDigest } from '../graders/engine/fingerprint.ts';
import { gradeAll } from '../graders/engine/grade-all.ts';
import { GRADING_LIMITS } from '../graders/engine/grading-limits.ts';
import { openGradePool } from '../graders/engine/grade-pool.ts';
import { detectIsolation } from '../graders/sandbox/isolation.ts';
import { sandboxOpener } from '../graders/sandbox/open-code.ts';
import { writeReports } from '../graders/report/index.ts';
import { REPORTERS } from '../graders/report/registry.ts';
import { studentReportQueue } from '../graders/report/student-report-queue.ts';
import { loadAssignment } from '../graders/pack/load.ts';
import registry from '../reference/dl-hw/index.ts';
import { liveDescendantsCpuMs, statFields, TreeMemorySampler } from './bench/process-memory.ts';
import { PROPORTIONS, writeSyntheticCourse } from './bench/synthetic.ts';
import { runVitest, vitestFile, writeVitestCourse } from './bench/vitest-baseline.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} expects a positive whole number`);
  return n;
}

const N = option('n', 500);
const JOBS = option('jobs', 2);
const SEED = option('seed', 1);
const SAMPLE = Math.min(N, option('baseline-sample', 40));
const VITEST_KILL_MS = 10_000;
const KEEP = process.argv.includes('--keep');

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
};
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** CPU seconds of this process's waited-for descendants (utime + stime of children, Linux). */
function childrenCpuMs(): number {
  const fields = statFields('self');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
}
const ownCpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function inParallel(count: number, jobs: number, task: (i: number) => Promise<unknown>): Promise<number> {
  const limit = pLimit(jobs);
  const started = performance.now();
  await Promise.all(Array.from({ length: count }, (_, i) => limit(() => task(i))));
  return performance.now() - started;
}

// The sandbox children start with PATH alone; this environment may add Node start-up work.
const CLEAN_ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
const NODE_START_VARS = ['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS', 'NODE_PATH', 'NODE_V8_COVERAGE'].filter((v) => process.env[v] !== undefined);

function bareNode(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore', env });
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
}

// Scratch space inside the project (gitignored), so the vitest files resolve `vitest` from here.
const scratch = path.join(ROOT, '.dlgrade-cache', `bench-${process.pid}`);
const cleanup = async () => {
  if (!KEEP) await rm(scratch, { recursive: true, force: true });
};
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  await mkdir(scratch, { recursive: true });
  const subsDir = path.join(scratch, 'submissions');
  const course = await writeSyntheticCourse(ROOT, subsDir, N, SEED);
  const loaded = await loadAssignment(path.join(ROOT, 'specs/dl-hw'));
  if (!loaded.assignment) throw new Error('specs/dl-hw does not load');
  const assignment = loaded.assignment;

  // 1. dlgrade: the pool of grader processes, each with its sandboxed children, then every report.
  const out = path.join(scratch, 'reports');
  const perSubmission: number[] = [];
  const gradeStart = performance.now();
  // The packaged grader process when built (`npm run build`), else the sources through tsx.
  const bundled = path.join(ROOT, 'dist', 'grade-worker.js');
  const entry = existsSync(bundled) ? { script: bundled, execArgv: [] } : undefined;
  const cpu0 = ownCpuMs() + childrenCpuMs();
  const parentCpu0 = ownCpuMs();
  const pool = await openGradePool({ size: JOBS, assignment, visibleOnly: false, seedSalt: '', ...(entry ? { entry } : {}) });
  if (!pool) throw new Error('no grader process entry found');
  const sampler = new TreeMemorySampler(() => pool.pids());
  let helpersCpu = 0;
  sampler.start();
  const specDigest = await treeDigest(path.join(ROOT, 'specs/dl-hw'));
  // As `grade` does: each student's own reports are written while the others are graded.
  const reportBase = { assignment, outDir: out, run: { version: VERSION, spec: 'specs/dl-hw', visibleOnly: false, seedSalt: '' } };
  const queue = studentReportQueue(reportBase, REPORTERS);
  let outcome;
  try {
    outcome = await gradeAll({
      assignment,
      submissions: course,
      outDir: out,
      jobs: JOBS,
      solvers: registry,
      openCode: sandboxOpener(GRADING_LIMITS),
      visibleOnly: false,
      seedSalt: '',
      fingerprint: async (sub) => resultFingerprint({ studentId: sub.id, submission: await treeDigest(sub.dir), spec: specDigest, seedSalt: '', visibleOnly: false, version: VERSION }),
      onResult: (result) => queue.add(result),
      grader: async (sub) => {
        const t = performance.now();
        try {
          return await pool.grade(sub);
        } finally {
          perSubmission.push(performance.now() - t);
        }
      },
    });
  } finally {
    helpersCpu = liveDescendantsCpuMs(pool.pids());
    await pool.close();
  }
  const slotPeaks = [...sampler.stop().values()];
  const workerPeaks = pool.peakRssBytes();
  const gradedMs = performance.now() - gradeStart;
  const parentCpuGrading = ownCpuMs() - parentCpu0;
  const studentsWritten = await queue.flush();
  await writeReports({ ...reportBase, results: outcome.results }, REPORTERS, { studentsWritten });
  const gradeMs = performance.now() - gradeStart;
  const gradeCpu = ownCpuMs() + childrenCpuMs() + helpersCpu - cpu0;
  const parentPeak = process.resourceUsage().maxRSS * 1024;

  // (a) The floor: starting a bare Node once per submission, as many at a time.
  const floorCpu0 = childrenCpuMs();
  const floorMs = await inParallel(N, JOBS, () => bareNode());
  const floorCpu = childrenCpuMs() - floorCpu0;
  // (a') The same with the sandbox children's environment: what starting a process costs them.
  const cleanCpu0 = childrenCpuMs();
  const cleanMs = await inParallel(N, JOBS, () => bareNode(CLEAN_ENV));
  const cleanCpu = childrenCpuMs() - cleanCpu0;

  // (b) vitest per submission, on an evenly spread sample of the same submissions.
  const key = await writeVitestCourse(ROOT, scratch, assignment, registry);
  const stride = N / SAMPLE;
  const sample = Array.from({ length: SAMPLE }, (_, i) => course[Math.floor(i * stride)]!);
  for (const s of sample) await writeFile(path.join(s.dir, 'grading.test.ts'), vitestFile(ROOT, key));
  const vitestCpu0 = childrenCpuMs();
  const vitestTimes: number[] = [];
  const vitestOutcomes = new Map<string, number>();
  const vitestMs = await inParallel(SAMPLE, JOBS, async (i) => {
    const r = await runVitest(ROOT, scratch, sample[i]!.dir, VITEST_KILL_MS);
    vitestTimes.push(r.ms);
    vitestOutcomes.set(r.outcome, (vitestOutcomes.get(r.outcome) ?? 0) + 1);
  });
  const vitestRate = SAMPLE / (vitestMs / 1000);
  const vitestCpu = childrenCpuMs() - vitestCpu0;

  const rate = N / (gradeMs / 1000);
  const kinds = Object.entries(PROPORTIONS).map(([k, p]) => `${course.filter((c) => c.kind === k).length} ${k} (${p * 100}%)`).join(', ');
  const statuses = new Map<string, number>();
  for (const r of outcome.results) for (const p of r.parts) statuses.set(p.status, (statuses.get(p.status) ?? 0) + 1);
  const lines = [
    `dlgrade bench: N = ${N}, --jobs ${JOBS}, seed ${SEED}, ${os.availableParallelism()} cores, isolation ${detectIsolation()}, Node ${process.version}`,
    `course: ${kinds}`,
    `parts graded: ${[...statuses].map(([s, c]) => `${c} ${s}`).join(', ')}; ${outcome.faults.length} internal faults`,
    ...outcome.faults.slice(0, 5).map((f) => `  internal fault: ${f.message}`),
    '',
    `dlgrade (pool of ${JOBS} grader processes from ${entry ? 'dist/' : 'the sources via tsx'}, a sandbox per submission, every report written)`,
    `  wall ${sec(gradeMs)}, ${rate.toFixed(2)} submissions/s; CPU ${(gradeCpu / N).toFixed(0)} ms per submission (all processes)`,
    `  of which grading ${sec(gradedMs)} (the batch process's own CPU ${sec(parentCpuGrading)}, each student's reports included), then the rest of the reports ${sec(gradeMs - gradedMs)}`,
    `  per submission: median ${perSubmission.length ? quantile(perSubmission, 0.5).toFixed(0) : '-'} ms, p95 ${quantile(perSubmission, 0.95).toFixed(0)} ms`,
    `  peak resident memory per slot (grader process + its sandbox children): ${slotPeaks.map(mb).join(', ')}; the grader processes alone: ${workerPeaks.map(mb).join(', ')}`,
    `  peak resident memory of the parent (the batch, reports): ${mb(parentPeak)}`,
    '',
    `(a) floor: \`node -e 0\` spawned once per submission, ${JOBS} at a time, in this environment${NODE_START_VARS.length ? ` (which sets ${NODE_START_VARS.join(', ')})` : ''}`,
    `  wall ${sec(floorMs)}, ${(N / (floorMs / 1000)).toFixed(1)} /s; CPU ${(floorCpu / N).toFixed(0)} ms per submission`,
    `(a') the same in the sandbox children's environment (PATH only)`,
    `  wall ${sec(cleanMs)}, ${(N / (cleanMs / 1000)).toFixed(1)} /s; CPU ${(cleanCpu / N).toFixed(0)} ms per submission`,
    `(b) a \`vitest run\` per submission (solution imported unsandboxed; code parts on the answer key's vectors, answers through the same checkers), ${JOBS} at a time`,
    `  ${SAMPLE === N ? 'all' : `an evenly spread sample of ${SAMPLE} of the`} ${N} submissions: wall ${sec(vitestMs)}, ${vitestRate.toFixed(2)} submissions/s, median ${quantile(vitestTimes, 0.5).toFixed(0)} ms each, CPU ${(vitestCpu / SAMPLE).toFixed(0)} ms per submission (${[...vitestOutcomes].map(([o, c]) => `${c} ${o}`).join(', ')})`,
    ...(SAMPLE < N ? [`  at that rate all ${N} would take ${sec((N / vitestRate) * 1000)}`] : []),
    '',
    `throughput vs (b): ${(rate / vitestRate).toFixed(1)}× (target ≥ 10×); CPU per submission, (b) / dlgrade: ${(vitestCpu / SAMPLE / (gradeCpu / N)).toFixed(1)}×`,
    `time vs (a) floor: ${(gradeMs / floorMs).toFixed(1)}× (target ≤ 3×); CPU per submission, dlgrade / (a): ${(gradeCpu / N / (floorCpu / N)).toFixed(1)}×`,
    `time vs (a') floor: ${(gradeMs / cleanMs).toFixed(1)}×; CPU per submission, dlgrade / (a'): ${(gradeCpu / cleanCpu).toFixed(1)}×`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await cleanup();
}
