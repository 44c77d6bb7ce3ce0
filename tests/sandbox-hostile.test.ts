import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectIsolation, worldWritableDirs } from '../graders/sandbox/isolation.ts';
import { gradeCode } from './sandbox-grade.ts';
import type { CodePart, GradientPart } from '../graders/pack/types.ts';
import { dlHwCodeParts } from './sandbox-parts.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOSTILE = path.join(ROOT, 'tests/fixtures/hostile');
const LIMITS = { readyTimeoutMs: 2000, callTimeoutMs: 1000, submissionTimeoutMs: 20_000 };
const isolation = detectIsolation();
const netIsolated = isolation === 'uid+netns' || isolation === 'user-namespace';

let work: string;
let server: Server;
let port = 0;
let connections = 0;
// The real dl-hw spec's seven code parts.
let CODE_PARTS: (CodePart | GradientPart)[] = [];

beforeAll(async () => {
  CODE_PARTS = await dlHwCodeParts();
  expect(CODE_PARTS.map((p) => p.function).sort()).toEqual(
    ['clipByGlobalNorm', 'contractivePenalty', 'contractivePenaltyGrad', 'klToStdNormal', 'lstmStep', 'skipGramGradients', 'skipGramLoss'],
  );
  work = mkdtempSync(path.join(tmpdir(), 'dlgrade-hostile-'));
  server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(work, { recursive: true, force: true });
});

/** Gives a fixture that imports `./honest` the reference solution under that name. */
export function withHonest(dir: string): void {
  if (readFileSync(path.join(dir, 'solution.ts'), 'utf8').includes("'./honest'") || readFileSync(path.join(dir, 'solution.ts'), 'utf8').includes('"./honest"')) {
    cpSync(path.join(ROOT, 'tests/fixtures/solutions/reference.ts'), path.join(dir, 'honest.ts'));
  }
}

/** A class folder with the hostile student, another student and an output folder. */
function setUp(name: string, as = name) {
  const base = path.join(work, as);
  const subs = path.join(base, 'submissions');
  const me = path.join(subs, name);
  const other = path.join(subs, 'other');
  const out = path.join(base, 'reports');
  mkdirSync(other, { recursive: true });
  mkdirSync(out);
  writeFileSync(path.join(other, 'answers.yaml'), 'q1.1: { receptive_field: 5 }  # OTHER-STUDENT-SECRET\n');
  cpSync(path.join(HOSTILE, name), me, { recursive: true });
  withHonest(me);
  const pwnedTmp = path.join(tmpdir(), `dlgrade-pwned-${name}-${process.pid}`);
  const leftBehind = worldWritableDirs().map((d) => path.join(d, `dlgrade-left-${name}-${process.pid}`));
  const target = {
    spec: path.join(ROOT, 'specs/dl-hw/q1.yaml'),
    reference: path.join(ROOT, 'reference/dl-hw/vae.ts'),
    otherStudent: path.join(other, 'answers.yaml'),
    passwd: '/etc/passwd',
    link: 'notes.yaml',
    writes: ['pwned.txt', path.join(me, 'pwned.txt'), path.join(out, 'pwned.txt'), pwnedTmp],
    port,
    socket: path.join(tmpdir(), `dlgrade-sock-${name}-${process.pid}`),
    worldWritable: leftBehind,
  };
  writeFileSync(path.join(me, 'target.json'), JSON.stringify(target));
  if (name === 'symlink-to-other-student') symlinkSync(path.join(other, 'answers.yaml'), path.join(me, 'notes.yaml'));
  return { base, me, out, target, pwnedTmp, leftBehind };
}

function listing(dir: string): string[] {
  const all: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = path.join(d, e);
      all.push(`${path.relative(dir, p)} ${statSync(p, { throwIfNoEntry: false })?.size ?? 'link'}`);
      if (statSync(p, { throwIfNoEntry: false })?.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return all.sort();
}

interface Case {
  name: string;
  fn: string;
  status: string;
  /** Matched against the feedback, the error reason and the counterexample. */
  says: RegExp;
  limits?: Partial<typeof LIMITS>;
}

const CASES: Case[] = [
  { name: 'loop-in-function', fn: 'klToStdNormal', status: 'error', says: /did not return within 1 s/ },
  { name: 'process-exit', fn: 'klToStdNormal', status: 'error', says: /exited with code 0/ },
  { name: 'read-spec', fn: 'klToStdNormal', status: 'failed', says: /threw Error: Access to this API has been restricted/ },
  { name: 'read-reference', fn: 'klToStdNormal', status: 'failed', says: /threw Error: Access to this API has been restricted/ },
  { name: 'read-other-student', fn: 'klToStdNormal', status: 'failed', says: /threw Error: (Access to this API has been restricted|EACCES)/ },
  { name: 'read-etc-passwd', fn: 'klToStdNormal', status: 'failed', says: /threw Error: Access to this API has been restricted/ },
  { name: 'symlink-to-other-student', fn: 'klToStdNormal', status: 'failed', says: /threw Error: ENOENT/ },
  { name: 'file-write', fn: 'klToStdNormal', status: 'failed', says: /threw Error: Access to this API has been restricted/ },
  { name: 'spawn-process', fn: 'klToStdNormal', status: 'failed', says: /threw Error: Access to this API has been restricted/ },
  { name: 'network', fn: 'klToStdNormal', status: 'failed', says: /expected 0\.68027772536, got -1/ },
  { name: 'heap-bomb', fn: 'klToStdNormal', status: 'error', says: /SIGABRT \(most likely it ran out of heap memory\)|more than 512 MB/, limits: { callTimeoutMs: 10_000 } },
  { name: 'arraybuffer-bomb', fn: 'klToStdNormal', status: 'error', says: /used more than 512 MB of memory/, limits: { callTimeoutMs: 10_000 } },
  { name: 'console-flood', fn: 'klToStdNormal', status: 'error', says: /did not return within 1 s/ },
  { name: 'returns-nan', fn: 'klToStdNormal', status: 'failed', says: /expected 0\.68027772536, got NaN/ },
  { name: 'wrong-shape', fn: 'lstmStep', status: 'failed', says: /c: expected an array of \d, got the number/ },
  { name: 'throwing-getter', fn: 'contractivePenaltyGrad', status: 'failed', says: /reading the value threw Error: no dW for you/ },
  { name: 'promise-return', fn: 'skipGramLoss', status: 'failed', says: /a Promise .*synchronously/ },
  { name: 'kill-parent', fn: 'klToStdNormal', status: 'failed', says: isolation === 'uid+netns' ? /threw Error: kill EPERM/ : /./ },
  { name: 'tampered-builtins', fn: 'klToStdNormal', status: 'failed', says: /expected 0\.68027772536, got 0\.0552/ },
  // The channel to the grader is hostile input: each of these is refused and the child replaced.
  { name: 'channel-garbage', fn: 'klToStdNormal', status: 'error', says: /broke the grading protocol: it sent a message that could not be decoded/ },
  { name: 'channel-2gib-header', fn: 'klToStdNormal', status: 'error', says: /broke the grading protocol: it sent a message of 2147483648 bytes \(the limit is 16777216\)/ },
  { name: 'channel-cycle', fn: 'klToStdNormal', status: 'error', says: /a result that is not plain data \(call 1: its value holds an object that appears more than once \(a cycle/ },
  { name: 'channel-map', fn: 'klToStdNormal', status: 'error', says: /a result that is not plain data \(call 1: its value holds an object of kind Map/ },
  { name: 'channel-huge', fn: 'klToStdNormal', status: 'error', says: /it sent a message of \d+ bytes \(the limit is 16777216\)/ },
  { name: 'channel-handle', fn: 'klToStdNormal', status: 'failed', says: /no channel to send a handle over: process\.send is undefined, process\.channel is undefined/ },
  { name: 'read-env', fn: 'klToStdNormal', status: 'failed', says: /threw Error: environment: \{\}/ },
  { name: 'unix-socket', fn: 'klToStdNormal', status: 'failed', says: /expected 0\.68027772536, got -1/ },
];

describe(`hostile submissions (isolation: ${isolation})`, () => {
  it.each(CASES)('$name: $fn scores 0 and the other code parts score full', async ({ name, fn, status, says, limits }) => {
    const { base, out, pwnedTmp, leftBehind, target } = setUp(name);
    const before = listing(base);
    const specBefore = readFileSync(path.join(ROOT, 'specs/dl-hw/q1.yaml'), 'utf8');
    const connectionsBefore = connections;

    const graded = await gradeCode(path.join(base, 'submissions', name), { limits: { ...LIMITS, ...limits }, parts: CODE_PARTS });

    const hostile = graded.results[fn]!;
    expect(hostile.score).toBe(0);
    expect(hostile.status).toBe(status);
    const told = [hostile.feedback, 'reason' in hostile ? hostile.reason : '', hostile.counterexample?.actual ?? '', ...(hostile.checks ?? []).map((c) => c.message ?? '')].join('\n');
    expect(told).toMatch(says);
    expect(told).not.toMatch(/OTHER-STUDENT-SECRET|root:x:0:0/);
    for (const part of CODE_PARTS.filter((p) => p.function !== fn)) {
      expect.soft(graded.results[part.function], part.function).toMatchObject({ status: 'passed', score: part.points });
    }
    // Nothing was written: not in the class folder, not in the output folder, not in /tmp.
    expect(listing(base)).toEqual(before);
    expect(readdirSync(out)).toEqual([]);
    expect(existsSync(pwnedTmp)).toBe(false);
    // No socket or file left in /tmp and its kin: they are read-only to the child (or removed).
    expect(existsSync(target.socket)).toBe(false);
    for (const file of leftBehind) expect(existsSync(file), file).toBe(false);
    expect(readFileSync(path.join(ROOT, 'specs/dl-hw/q1.yaml'), 'utf8')).toBe(specBefore);
    if (name === 'network') {
      await new Promise((r) => setTimeout(r, 100));
      if (netIsolated) expect(connections).toBe(connectionsBefore);
    }
    if (name === 'console-flood') {
      expect(graded.output.length).toBeLessThan(70 * 1024);
      expect(graded.output).toMatch(/more bytes of output dropped/);
    }
    if (name === 'symlink-to-other-student') {
      expect(graded.session?.notes.join('\n')).toMatch(/notes\.yaml: symbolic link, not copied/);
    }
  });

  it('an infinite loop at import time makes every code part an error, quickly, and the run completes', async () => {
    const { base } = setUp('loop-at-import');
    const graded = await gradeCode(path.join(base, 'submissions', 'loop-at-import'), { limits: LIMITS, parts: CODE_PARTS });
    for (const part of CODE_PARTS) {
      expect(graded.results[part.function]).toMatchObject({ status: 'error', score: 0, reason: expect.stringMatching(/failed to load: it did not finish loading within 2 s/) });
    }
    // Loading is not retried for every part: one ready timeout, not seven.
    expect(graded.ms).toBeLessThan(6000);
  });
});

describe('withheld means withheld', () => {
  it('nothing the code computed on a hidden input reaches feedback or reason; the hidden check keeps it for the staff', async () => {
    const { base } = setUp('hidden-harvest');
    const graded = await gradeCode(path.join(base, 'submissions', 'hidden-harvest'), { limits: LIMITS, parts: CODE_PARTS });
    const kl = graded.results.klToStdNormal!;
    const penalty = graded.results.contractivePenalty!;
    const loss = graded.results.skipGramLoss!;
    expect(kl).toMatchObject({ status: 'failed', score: 0 });
    expect(penalty).toMatchObject({ status: 'failed', score: 0 });
    expect(loss).toMatchObject({ status: 'error', score: 0 });
    for (const r of [kl, penalty, loss]) {
      const studentText = [r.feedback, 'reason' in r ? r.reason : ''].join('\n');
      expect(studentText).not.toMatch(/HARVEST|4242|exited with code|\d\.\d{4}/);
      // The check names stay; what went wrong on hidden inputs is in the hidden check only.
      const hiddenCheck = r.checks?.find((c) => c.name === 'generated inputs');
      expect(hiddenCheck).toMatchObject({ visibility: 'hidden', ok: false });
      if (r.counterexample) expect(r.counterexample.hidden).toBe(true);
    }
    expect(kl.feedback).toMatch(/right on the 2 test vectors but wrong on 100 of 100 generated inputs \(it threw an exception\); hidden inputs and your results on them are not shown/);
    expect(kl.checks?.find((c) => c.name === 'generated inputs')?.message).toMatch(/HARVEST/);
    expect(penalty.checks?.find((c) => c.name === 'generated inputs')?.message).toMatch(/got 4242/);
    expect('reason' in loss && loss.reason).toMatch(/^your code crashed or broke the grading protocol on the generated inputs/);
    expect(loss.checks?.find((c) => c.name === 'generated inputs')?.message).toMatch(/exited with code 1\d\d/);
    for (const part of CODE_PARTS.filter((p) => !['klToStdNormal', 'contractivePenalty', 'skipGramLoss'].includes(p.function))) {
      expect.soft(graded.results[part.function], part.function).toMatchObject({ status: 'passed', score: part.points });
    }
  });
});

describe('budgets', () => {
  it('shrinking has its own budget: a slow wrong function cannot use up the time of the correct parts graded after it', async () => {
    const { base } = setUp('slow-shrink');
    const limits = { ...LIMITS, submissionTimeoutMs: 5000, shrinkTimeoutMs: 1500 };
    const graded = await gradeCode(path.join(base, 'submissions', 'slow-shrink'), { limits, parts: CODE_PARTS });
    expect(CODE_PARTS[0]!.function).toBe('klToStdNormal');
    expect(graded.results.klToStdNormal).toMatchObject({ status: 'failed', score: 0 });
    expect(graded.results.klToStdNormal!.counterexample?.hidden).toBe(true);
    for (const part of CODE_PARTS.slice(1)) {
      expect.soft(graded.results[part.function], part.function).toMatchObject({ status: 'passed', score: part.points });
    }
  });

  it("the grader's own time per submission is limited: past it the remaining code parts are error, never a hang", async () => {
    const { base } = setUp('slow-shrink', 'slow-shrink-2');
    const graded = await gradeCode(path.join(base, 'submissions', 'slow-shrink'), { limits: { ...LIMITS, graderTimeMs: 1 }, parts: CODE_PARTS });
    const statuses = CODE_PARTS.map((p) => graded.results[p.function]!);
    const over = statuses.filter((r) => r.status === 'error');
    expect(over.length).toBeGreaterThan(0);
    for (const r of over) expect('reason' in r && r.reason).toMatch(/used up the grader's time budget of 0 s/);
    expect(graded.ms).toBeLessThan(15_000);
  });
});
