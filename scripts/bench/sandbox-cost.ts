// npx tsx scripts/bench/sandbox-cost.ts [--n K] [--submission DIR]
//
// The cost of one submission's sandbox, apart from the rest of grading: it grades one submission
// (the reference by default) once, recording every call batch the checkers send, then replays
// those batches K times, each time in a fresh sandbox as grading does (full isolation, the
// grading limits). It prints, per submission: the CPU of the children (the sandbox child and its
// launch wrappers, from this process's waited-for descendants), this process's own CPU for the
// sandbox (spawning, encoding, decoding, checking), and the compile step (the compiler process
// and esbuild's service, read from /proc), with their resident memory.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeHandle, CodeOpener } from '../../graders/checkers/types.ts';
import { gradeSubmission } from '../../graders/engine/grade-submission.ts';
import { GRADING_LIMITS } from '../../graders/engine/grading-limits.ts';
import { loadAssignment } from '../../graders/pack/load.ts';
import { openCodeSession } from '../../graders/sandbox/open-code.ts';
import { spawnHere, viaLauncher } from '../../graders/sandbox/launcher.ts';
import { openSandbox } from '../../graders/sandbox/sandbox.ts';
import { loadSolution } from '../../graders/submission/load-solution.ts';
import registry from '../../reference/dl-hw/index.ts';
import { statFields } from './process-memory.ts';
import { numberOption, textOption } from './options.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const K = numberOption('n', 30);
const DIR = path.resolve(textOption('submission') ?? path.join(ROOT, 'submissions/dl-hw/reference'));
const TICK_MS = 10; // USER_HZ = 100

/**
 * CPU of this process's waited-for descendants and of its live children with theirs: the helper
 * process, which forks the sandbox children (no compilation runs while this is measured).
 */
const childrenCpuMs = (exclude: readonly number[] = []): number => {
  const f = statFields('self');
  let ms = (Number(f[13]) + Number(f[14])) * TICK_MS;
  for (const pid of childPids('self')) {
    if (exclude.includes(pid)) continue;
    try {
      const c = statFields(pid);
      ms += (Number(c[11]) + Number(c[12]) + Number(c[13]) + Number(c[14])) * TICK_MS;
    } catch {
      // Ended meanwhile: its CPU is in ours now.
    }
  }
  return ms;
};
let compilerTree: number[] = [];
const ownCpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function procCpuMs(pid: number): number {
  try {
    const f = statFields(pid);
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0;
  }
}
function procRssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}
function childPids(pid: number | 'self'): number[] {
  const self = pid === 'self' ? process.pid : pid;
  try {
    return readFileSync(`/proc/${self}/task/${self}/children`, 'latin1').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const range = (xs: number[]): string => `mean ${mean(xs).toFixed(1)}, median ${median(xs).toFixed(1)}, min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)}`;

const loaded = await loadAssignment(path.join(ROOT, 'specs/dl-hw'));
if (!loaded.assignment) throw new Error('specs/dl-hw does not load');
const assignment = loaded.assignment;

// 1. One grading, recording the batches.
const batches: { fn: string; argLists: unknown[][]; shrinking: boolean }[] = [];
const recording: CodeOpener = async (dir, a) => {
  const session = await openCodeSession(dir, a, GRADING_LIMITS);
  if (!session?.handle) return session;
  const h = session.handle;
  const wrap = (inner: CodeHandle, shrinking: boolean): CodeHandle => ({
    ...inner,
    exports: () => inner.exports(),
    callBatch: (fn, argLists) => {
      batches.push({ fn, argLists: structuredClone(argLists), shrinking });
      return inner.callBatch(fn, argLists);
    },
    ...(inner.shrinking ? { shrinking: () => wrap(inner.shrinking!(), true) } : {}),
    graderTimeMs: inner.graderTimeMs,
  });
  return { ...session, handle: wrap(h, false) };
};
await gradeSubmission(assignment, 'reference', DIR, { solvers: registry, openCode: recording, visibleOnly: false, seedSalt: '' });
const calls = batches.reduce((n, b) => n + b.argLists.length, 0);
console.log(`${path.relative(ROOT, DIR)}: ${batches.length} batches, ${calls} calls recorded`);

const code = await loadSolution(DIR);
if (code.status !== 'ok') throw new Error(`${DIR} does not compile`);
// The compiler started for the recording: told apart from the launcher by its command line.
compilerTree = childPids('self').filter((p) => readFileSync(`/proc/${p}/cmdline`, 'latin1').includes('compile-worker'));
compilerTree = compilerTree.flatMap((p) => [p, ...childPids(p)]);
const dump = textOption('dump');
if (dump) {
  // For profiling the runner on its own: the bundle and the batches, V8-serialized.
  (await import('node:fs')).writeFileSync(dump, (await import('node:v8')).serialize({ code: code.code, batches }));
  console.log(`wrote ${dump}`);
  process.exit(0);
}

// 2. Replays, each in a fresh sandbox, alternating who forks the children.
const ways = { 'from the launcher': viaLauncher, 'from this process': spawnHere } as const;
const figures = new Map(Object.keys(ways).map((w) => [w, { child: [] as number[], own: [] as number[], wall: [] as number[], ready: [] as number[] }]));
for (let i = 0; i < K + 2; i++) {
  for (const [way, spawner] of Object.entries(ways)) {
    const c0 = childrenCpuMs();
    const o0 = ownCpuMs();
    const t0 = performance.now();
    const sb = await openSandbox(DIR, code.code, GRADING_LIMITS, { spawner });
    await sb.exports();
    for (const b of batches) await sb.callBatch(b.fn, b.argLists);
    await sb.close();
    if (i < 2) continue; // warm-up
    const f = figures.get(way)!;
    f.wall.push(performance.now() - t0);
    f.own.push(ownCpuMs() - o0);
    f.child.push(childrenCpuMs() - c0);
    f.ready.push(sb.stats().readyMs[0] ?? NaN);
  }
}
console.log(`sandbox, ${K} fresh children each way, this process at ${procRssMb(process.pid).toFixed(0)} MB resident (ms per submission):`);
for (const [way, f] of figures) {
  console.log(`  ${way}:`);
  console.log(`    children CPU (the sandbox child, its launch wrappers, the helper that forks it): ${range(f.child)}`);
  console.log(`    this process's CPU for the sandbox: ${range(f.own)}`);
  console.log(`    wall: ${range(f.wall)}; spawn to ready: ${range(f.ready)}`);
}

// 3. The compile step.
const tree = compilerTree;
const treeCpu = (): number => tree.reduce((s, p) => s + procCpuMs(p), 0);
const cc0 = treeCpu();
const co0 = ownCpuMs();
const ct0 = performance.now();
for (let i = 0; i < K; i++) await loadSolution(DIR);
console.log(
  `compile (${K} times): compiler and esbuild CPU ${((treeCpu() - cc0) / K).toFixed(1)} ms, this process ${((ownCpuMs() - co0) / K).toFixed(1)} ms, wall ${((performance.now() - ct0) / K).toFixed(1)} ms per compile; resident: ${tree.map((p) => `${procRssMb(p).toFixed(0)} MB`).join(' + ')}`,
);
process.exit(0);
