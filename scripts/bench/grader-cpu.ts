// npx tsx scripts/bench/grader-cpu.ts [--base ROOT] [--submissions DIR] [--rounds K]
//
// The grader process's own CPU per submission in the checkers, apart from the sandbox: every
// submission is graded once with real sandboxes, recording each call batch's outcomes, then
// graded K more times in this process with a replaying opener that answers each batch from the
// recording. With --base (another checkout of dlgrade, e.g. `git archive main`), the base's
// graders and this checkout's are timed alternately in the same process (base, this, base, ...),
// and every result of this checkout must equal the base's apart from durations: a checker that
// sends a call the recording does not hold, or grades differently, stops the run.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { numberOption, textOption } from './options.ts';

const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const K = numberOption('rounds', 5);
const SUBS = path.resolve(textOption('submissions') ?? path.join(HERE, 'submissions/dl-hw'));
const BASE = textOption('base');

/* eslint-disable @typescript-eslint/no-explicit-any */
interface Tree {
  name: string;
  gradeSubmission: (...a: any[]) => Promise<{ result: any; faults: unknown[] }>;
  assignment: any;
  pack: any;
}
async function load(root: string, name: string): Promise<Tree> {
  const at = (p: string) => import(pathToFileURL(path.join(root, p)).href);
  const { gradeSubmission } = await at('graders/engine/grade-submission.ts');
  const { loadAssignment } = await at('graders/pack/load.ts');
  const pack = (await at('reference/dl-hw/index.ts')).default;
  const loaded = await loadAssignment(path.join(root, 'specs/dl-hw'));
  if (!loaded.assignment) throw new Error(`${root}/specs/dl-hw does not load`);
  return { name, gradeSubmission, assignment: loaded.assignment, pack };
}

// A checksum of every number's bits in walk order (v8.serialize and JSON cost more than grading:
// serialize also writes a number as an integer or a double depending on how V8 holds it).
const words = new Uint32Array(new Float64Array(1).buffer);
const floats = new Float64Array(words.buffer);
function checksum(v: unknown, h: number): number {
  if (typeof v === 'number') {
    floats[0] = v;
    return Math.imul(Math.imul(h ^ words[0]!, 0x9e3779b1) ^ words[1]!, 0x85ebca6b) >>> 0;
  }
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const a = v as ArrayLike<unknown>;
    h = Math.imul(h ^ a.length, 0xc2b2ae35) >>> 0;
    for (let i = 0; i < a.length; i++) h = checksum(a[i], h);
    return h;
  }
  if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) h = checksum((v as Record<string, unknown>)[k], checksum(k.length, h));
    return h;
  }
  return checksum(String(v).length, Math.imul(h ^ 0x27d4eb2d, 31) >>> 0);
}
const keyOf = (dir: string, shrinking: boolean, fn: string, argLists: unknown[][]): string => `${dir}\0${shrinking}\0${fn}\0${argLists.length}\0${checksum(argLists, 0)}`;

const recorded = new Map<string, unknown>();
const exportsOf = new Map<string, string[]>();
const sessions = new Map<string, { problem?: string; isolation?: unknown; notes?: string[]; absent?: boolean }>();

/** An opener around the real sandbox that records every batch's outcomes. */
function recordingOpener(real: (dir: string, a: unknown) => Promise<any>) {
  return async (dir: string, a: unknown) => {
    const session = await real(dir, a);
    if (!session) {
      sessions.set(dir, { absent: true });
      return session;
    }
    sessions.set(dir, { ...(session.problem ? { problem: session.problem } : {}), isolation: session.isolation, notes: session.notes });
    if (!session.handle) return session;
    const wrap = (inner: any, shrinking: boolean): any => ({
      exports: async () => {
        const names = await inner.exports();
        exportsOf.set(dir, names);
        return names;
      },
      callBatch: async (fn: string, argLists: unknown[][]) => {
        const key = keyOf(dir, shrinking, fn, argLists);
        const outcomes = await inner.callBatch(fn, argLists);
        recorded.set(key, structuredClone(outcomes));
        return outcomes;
      },
      ...(inner.shrinking ? { shrinking: () => wrap(inner.shrinking(), true) } : {}),
      graderTimeMs: inner.graderTimeMs,
    });
    return { ...session, handle: wrap(session.handle, false) };
  };
}

/** An opener that answers from the recording, with fresh copies as the sandbox would give. */
const replayingOpener = async (dir: string) => {
  const s = sessions.get(dir);
  if (!s) throw new Error(`${dir} was not recorded`);
  if (s.absent) return undefined;
  if (s.problem && !exportsOf.has(dir)) return { problem: s.problem, notes: s.notes ?? [], close: async () => undefined };
  const handle = (shrinking: boolean): any => ({
    exports: async () => exportsOf.get(dir) ?? [],
    callBatch: async (fn: string, argLists: unknown[][]) => {
      const key = keyOf(dir, shrinking, fn, argLists);
      if (!recorded.has(key)) throw new Error(`${dir}: a ${fn} batch of ${argLists.length} that the recording does not hold`);
      return structuredClone(recorded.get(key));
    },
    shrinking: () => handle(true),
    graderTimeMs: 60_000,
  });
  return { handle: handle(false), isolation: s.isolation, notes: s.notes ?? [], close: async () => undefined };
};

const dirs = readdirSync(SUBS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => path.join(SUBS, d.name))
  .sort();
const options = (t: Tree, openCode: unknown) => ({ solvers: t.pack, openCode, visibleOnly: false, seedSalt: '' });
const strip = (r: any) => JSON.parse(JSON.stringify(r, (k, v) => (k === 'durationMs' ? undefined : v)));

const trees = [...(BASE ? [await load(path.resolve(BASE), 'base')] : []), await load(HERE, 'this')];
const first = trees[0]!;
const { sandboxOpener } = await import(pathToFileURL(path.join(HERE, 'graders/sandbox/open-code.ts')).href);
const { GRADING_LIMITS } = await import(pathToFileURL(path.join(HERE, 'graders/engine/grading-limits.ts')).href);
const { graderHelper } = await import(pathToFileURL(path.join(HERE, 'graders/submission/load-solution.ts')).href);
const real = recordingOpener(sandboxOpener(GRADING_LIMITS));
const expected = new Map<string, unknown>();
for (const dir of dirs) {
  const { result } = await first.gradeSubmission(first.assignment, path.basename(dir), dir, options(first, real));
  expected.set(dir, strip(result));
}
await graderHelper.close();
console.log(`${dirs.length} submissions of ${SUBS} recorded (${recorded.size} batches)`);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const figures = new Map(trees.map((t) => [t.name, [] as number[]]));
for (let round = 0; round < K + 1; round++) {
  for (const t of round % 2 ? [...trees].reverse() : trees) {
    const c0 = cpuMs();
    for (const dir of dirs) {
      const { result } = await t.gradeSubmission(t.assignment, path.basename(dir), dir, options(t, replayingOpener));
      if (!isDeepStrictEqual(strip(result), expected.get(dir))) throw new Error(`${t.name} grades ${dir} differently from ${first.name}`);
    }
    const ms = (cpuMs() - c0) / dirs.length;
    if (round > 0) figures.get(t.name)!.push(ms); // the first round warms up
  }
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
for (const [name, xs] of figures) {
  console.log(`${name}: ${mean(xs).toFixed(1)} ms CPU per submission (rounds: ${xs.map((x) => x.toFixed(1)).join(', ')})`);
}
if (BASE && K > 1) {
  // Paired by round: the machine's load drifts more between rounds than within one.
  const d = figures.get('this')!.map((x, i) => x - figures.get('base')![i]!);
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean(d)) ** 2, 0) / (d.length - 1));
  console.log(`this − base: ${mean(d).toFixed(1)} ± ${(sd / Math.sqrt(d.length)).toFixed(1)} ms per submission (mean ± standard error of ${d.length} rounds)`);
}
process.exit(0);
