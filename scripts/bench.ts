// npm run bench [-- MODES] [--jobs J] [--seed S] [--sources] [--keep]
//
// Modes (any together; with none, the class run alone):
//   --class                   N synthetic submissions (honest, mistaken, hostile in fixed
//                             proportions) graded with full isolation, then on the same
//                             submissions (a) the floor, a bare `node -e 0` per submission (in this
//                             environment, and (a') in the sandbox children's clean one), and (b) a
//                             vitest run per submission, what a course would do instead.
//                             --n N (500), --baseline-sample K (40).
//   --scale N1,N2,...         the class grading at each N, CPU and wall per submission for each
//                             (e.g. --scale 100,300,1000), to show the cost stays flat.
//   --burst                   doubling bursts (1, 2, 4, ... up to --burst-cap, 32), then
//                             --sustain-seconds (30) of sustained load at the pool's capacity.
//   --ta-command              `npm run grade -- --jobs J` on --ta-copies (60) copies of one honest
//                             submission against as many clean `node -e 0` starts, J at a time.
//
// The grader processes run from dist/, checked against the sources first and rebuilt when stale
// (as the project's npm scripts do); --sources runs them from the sources through tsx instead.
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAssignment } from '../graders/pack/load.ts';
import { detectIsolation } from '../graders/sandbox/isolation.ts';
import { burstRun } from './bench/burst.ts';
import { classRun } from './bench/class-run.ts';
import type { BenchContext } from './bench/context.ts';
import { loadAverage } from './bench/format.ts';
import { flag, listOption, numberOption } from './bench/options.ts';
import { scaleRun } from './bench/scale.ts';
import { taCommandRun } from './bench/ta-command.ts';
import { benchWorkerEntry } from './bench/worker-entry.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const JOBS = numberOption('jobs', 2);
const SEED = numberOption('seed', 1);
const KEEP = flag('keep');
const scale = listOption('scale');
const modes = { scale: scale !== undefined, burst: flag('burst'), taCommand: flag('ta-command') };
const classMode = flag('class') || !Object.values(modes).some(Boolean);

// Scratch space inside the project (gitignored), so the vitest files resolve `vitest` from here.
const scratch = path.join(ROOT, '.dlgrade-cache', `bench-${process.pid}`);
const cleanup = async () => {
  if (!KEEP) await rm(scratch, { recursive: true, force: true });
};
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

// Each mode's figures are printed as soon as it ends: a long run shows what it has so far.
const print = (lines: string[]): void => void process.stdout.write(`\n${lines.join('\n')}\n`);

try {
  const entry = await benchWorkerEntry(ROOT, flag('sources'));
  await mkdir(scratch, { recursive: true });
  const loaded = await loadAssignment(path.join(ROOT, 'specs/dl-hw'));
  if (!loaded.assignment) throw new Error('specs/dl-hw does not load');
  const ctx: BenchContext = { root: ROOT, scratch, assignment: loaded.assignment, jobs: JOBS, seed: SEED, entry };
  process.stdout.write(`dlgrade bench: --jobs ${JOBS}, seed ${SEED}, ${os.availableParallelism()} cores, isolation ${detectIsolation()}, Node ${process.version}, grader processes from ${entry.label}; at the start ${loadAverage(os.loadavg())}\n`);

  if (classMode) print(await classRun(ctx, numberOption('n', 500), numberOption('baseline-sample', 40)));
  if (scale) print(await scaleRun(ctx, scale));
  if (modes.burst) print(await burstRun(ctx, numberOption('burst-cap', 32), numberOption('sustain-seconds', 30)));
  if (modes.taCommand) print(await taCommandRun(ctx, numberOption('ta-copies', 60)));
  process.stdout.write(`\nat the end ${loadAverage(os.loadavg())}\n`);
} finally {
  await cleanup();
}
