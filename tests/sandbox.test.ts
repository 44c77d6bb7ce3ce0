import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compareWithTolerance, relativeError } from '../graders/checkers/_code/compare.ts';
import { ReferenceFault } from '../graders/errors.ts';
import { spawnHere, type SandboxSpawner } from '../graders/sandbox/launcher.ts';
import { openSandbox } from '../graders/sandbox/sandbox.ts';
import { loadSolution } from '../graders/submission/load-solution.ts';
import { gradeCode } from './sandbox-grade.ts';
import { CODE_PARTS, clipPart, dlHwCodeParts, gradsPart, klPart, lossPart } from './sandbox-parts.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOLUTIONS = path.join(ROOT, 'tests/fixtures/solutions');
const work = mkdtempSync(path.join(tmpdir(), 'dlgrade-sandbox-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
/** A submission folder holding the given files. */
function submission(files: Record<string, string>): string {
  const dir = path.join(work, `s${n++}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}
function fromFixture(name: string): string {
  const dir = submission({});
  copyFileSync(path.join(SOLUTIONS, `${name}.ts`), path.join(dir, 'solution.ts'));
  return dir;
}

describe('grading the code parts', () => {
  it('gives the reference solution full marks on all seven parts (36 points)', async () => {
    const graded = await gradeCode(fromFixture('reference'));
    for (const part of CODE_PARTS) {
      expect(graded.results[part.function], part.function).toMatchObject({ status: 'passed', score: part.points });
    }
    const total = Object.values(graded.results).reduce((s, r) => s + r.score, 0);
    expect(total).toBe(36);
    expect(graded.session?.isolation).toBeDefined();
    const stats = graded.session!.sandbox!.stats();
    console.info(
      `reference, 7 code parts: ${graded.ms.toFixed(0)} ms; spawn→ready ${stats.readyMs.map((x) => x.toFixed(1)).join(', ')} ms; ` +
        `${stats.batchMs.length} batches, median ${median(stats.batchMs).toFixed(2)} ms; isolation ${graded.session!.isolation}`,
    );
  });

  it('gives the reference solution full marks on the code parts of the real dl-hw spec', async () => {
    const parts = await dlHwCodeParts();
    expect(parts).toHaveLength(7);
    const graded = await gradeCode(fromFixture('reference'), { parts });
    for (const part of parts) {
      expect(graded.results[part.function], part.id).toMatchObject({ status: 'passed', score: part.points });
    }
  });

  it('runs only the visible vectors in a student run', async () => {
    const graded = await gradeCode(fromFixture('reference'), { visibleOnly: true, parts: [klPart] });
    const r = graded.results.klToStdNormal!;
    expect(r.status).toBe('passed');
    expect(r.checks?.every((c) => c.visibility === 'visible')).toBe(true);
    expect(r.checks?.find((c) => c.name === 'generated inputs')).toBeUndefined();
  });

  it.each([
    { file: 'kl-no-half', fn: 'klToStdNormal', mistake: 'missing-half', score: 2 },
    { file: 'clip-elementwise', fn: 'clipByGlobalNorm', mistake: 'elementwise', score: 0 },
    { file: 'lstm-gate-order', fn: 'lstmStep', mistake: 'gate-order', score: 0 },
    { file: 'skipgram-m-instead-of-2m', fn: 'skipGramLoss', mistake: 'm-instead-of-2m', score: 3 },
    { file: 'skipgram-single-context-grad', fn: 'skipGramGradients', mistake: 'single-context', score: 2.7 },
  ])('recognises $file as the known mistake $mistake and grades the rest in full', async ({ file, fn, mistake, score }) => {
    const graded = await gradeCode(fromFixture(file));
    const r = graded.results[fn]!;
    expect(r).toMatchObject({ mistake, score, status: score > 0 ? 'partial' : 'failed' });
    expect(r.counterexample?.input).toBeTruthy();
    for (const part of CODE_PARTS.filter((p) => p.function !== fn)) {
      expect(graded.results[part.function], part.function).toMatchObject({ status: 'passed' });
    }
  });

  it('shrinks a hidden failure to a small input and reproduces it from the seed', async () => {
    const dir = submission({
      // Wrong only when some |mu| > 1: the visible vector passes, hidden inputs fail.
      'solution.ts': `export function klToStdNormal(mu: number[], logVar: number[]): number {
        let s = 0;
        for (let j = 0; j < mu.length; j++) s += (Math.abs(mu[j]) > 1 ? 2 : 1) * mu[j] * mu[j] + Math.exp(logVar[j]) - 1 - logVar[j];
        return s / 2;
      }`,
    });
    const a = (await gradeCode(dir, { parts: [klPart], seed: 7 })).results.klToStdNormal!;
    const b = (await gradeCode(dir, { parts: [klPart], seed: 7 })).results.klToStdNormal!;
    expect(a.status).toBe('failed');
    expect(a.counterexample).toMatchObject({ hidden: true });
    // Shrinking zeroes every entry but one, and brings that one to the first grid point past |mu| = 1.
    expect(a.counterexample!.input).toMatch(/^mu = \[(0, )*-?1\.000001(, 0)*\], logVar = \[0(, 0)*\]$/);
    expect(b).toEqual(a);
  });

  it('sees an input mutated in place (argsAfter) through the inputNotMutated property', async () => {
    const dir = submission({
      'solution.ts': `export function clipByGlobalNorm(grads: number[][], maxNorm: number): number[][] {
        const norm = Math.sqrt(grads.flat().reduce((s, v) => s + v * v, 0));
        if (norm > maxNorm) for (const g of grads) for (let i = 0; i < g.length; i++) g[i] *= maxNorm / norm;
        return grads;
      }`,
    });
    const r = (await gradeCode(dir, { parts: [clipPart] })).results.clipByGlobalNorm!;
    expect(r.status).toBe('failed');
    expect(r.checks?.find((c) => c.name === 'property rnn.clip.inputNotMutated')).toMatchObject({ ok: false });
    expect(r.checks?.find((c) => c.name === 'generated inputs')).toMatchObject({ ok: true });
  });

  it('reports a missing export, a missing solution file and a non-function export', async () => {
    const dir = submission({ 'solution.ts': 'export const klToStdNormal = 3;\nexport function other() { return 1; }\n' });
    const graded = await gradeCode(dir, { parts: [klPart, lossPart] });
    expect(graded.results.klToStdNormal).toMatchObject({ status: 'invalid', feedback: expect.stringMatching(/not a function/) });
    expect(graded.results.skipGramLoss).toMatchObject({ status: 'missing', feedback: 'solution.ts does not export skipGramLoss.' });
    const none = await gradeCode(submission({ 'answers.yaml': '{}\n' }), { parts: [klPart] });
    expect(none.results.klToStdNormal).toMatchObject({ status: 'missing', feedback: expect.stringMatching(/No solution\.ts/) });
  });

  it('makes every code part invalid on a compile error, with the position', async () => {
    const dir = submission({ 'solution.ts': 'export function klToStdNormal(mu: number[]): number {\n  return mu.reduce((a, b) => a + b, 0;\n}\n' });
    const graded = await gradeCode(dir);
    for (const part of CODE_PARTS) {
      expect(graded.results[part.function]).toMatchObject({ status: 'invalid', score: 0, feedback: expect.stringMatching(/solution\.ts:2:\d+: Expected "\)"/) });
    }
  });

  it('throws ReferenceFault when the analytic reference gradient disagrees with finite differences', async () => {
    await expect(gradeCode(fromFixture('reference'), { parts: [{ ...gradsPart, solver: 'skipgram.gradients.signFlip' }] })).rejects.toBeInstanceOf(ReferenceFault);
  });
});

describe('loading solution.ts', () => {
  it('bundles local imports inside the submission folder', async () => {
    const dir = submission({ 'solution.ts': "import { sq } from './helper';\nexport const f = (x: number) => sq(x);\n", 'helper.ts': 'export const sq = (v: number) => v * v;\n' });
    expect(await loadSolution(dir)).toMatchObject({ status: 'ok', file: 'solution.ts' });
  });

  it.each([
    { name: 'a package', src: "import fc from 'fast-check';\nexport const f = fc;\n", says: /solution\.ts:1:\d+: cannot import "fast-check": only files of your own submission folder/ },
    { name: 'a built-in module', src: "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", says: /cannot import "node:fs"/ },
    { name: 'a file outside the folder', src: "import x from '../../specs/dl-hw/q1.yaml';\nexport const f = x;\n", says: /cannot import "..\/..\/specs\/dl-hw\/q1.yaml"/ },
    { name: 'a symlink', src: "import x from './link.json';\nexport const f = x;\n", says: /cannot import "\.\/link\.json": it is a symbolic link/ },
  ])('refuses an import of $name with a positioned compile error', async ({ src, says }) => {
    const dir = submission({ 'solution.ts': src });
    symlinkSync(path.join(ROOT, 'package.json'), path.join(dir, 'link.json'));
    const loaded = await loadSolution(dir);
    expect(loaded.status).toBe('compile-error');
    expect(loaded.status === 'compile-error' && loaded.message).toMatch(says);
  });

  it('reports an absent solution', async () => {
    expect(await loadSolution(submission({}))).toEqual({ status: 'absent' });
  });

  it('refuses brackets nested too deeply, with the position, before the compiler sees them', async () => {
    const deep = `export const x = 1;\nexport const y = ${'['.repeat(300)}1${']'.repeat(300)};\n`;
    const loaded = await loadSolution(submission({ 'solution.ts': 'export { y } from "./deep";\n', 'deep.ts': deep }));
    expect(loaded).toEqual({ status: 'compile-error', file: 'solution.ts', message: 'deep.ts:2:218: brackets are nested more than 200 levels deep; simplify this code' });
  });

  it('a source that brings the compiler down is that submission\'s compile error; the next one compiles', async () => {
    const crash = await loadSolution(submission({ 'solution.ts': `export const f = ${'() => '.repeat(100_000)}1;\n` }));
    expect(crash).toMatchObject({ status: 'compile-error', message: expect.stringMatching(/^solution\.ts: the compiler (crashed on|used more than 512 MB on|did not finish within 10 s on) this file/) });
    const next = await loadSolution(submission({ 'solution.ts': 'export const g = (x: number): number => x + 1;\n' }));
    expect(next.status).toBe('ok');
  }, 30_000);
});

describe('the sandbox handle', () => {
  // A SIGKILL takes effect at once here, so the window between the grader's decision to kill and
  // the child's exit is widened by a spawner that delays the kill; it was a few milliseconds wide
  // when the children were forked by the helper (the exit comes back over its IPC channel).
  const slowKill: SandboxSpawner = (file, args, cwd) => {
    const proc = spawnHere(file, args, cwd);
    const kill = proc.kill.bind(proc);
    proc.kill = () => void setTimeout(kill, 400);
    return proc;
  };
  const busy = 'const t = Date.now(); while (Date.now() - t < WAIT);';

  it('counts nothing a child sends once it is condemned: garbage on the channel, then a reply', async () => {
    const code = `exports.garbage = () => {
      process.getBuiltinModule('node:fs').writeSync(3, Buffer.from([0, 0, 0, 8, 0xff, 0x0f, 0x6f, 0x22, 0x99, 0x01, 0x7b, 0x00]));
      ${busy.replace('WAIT', '50')}
      return 1;
    };`;
    const sb = await openSandbox(submission({}), code, { readyTimeoutMs: 5000 }, { spawner: slowKill });
    try {
      const [o] = await sb.callBatch('garbage', [[]]);
      expect(o).toMatchObject({ ok: false, kind: 'crashed', error: expect.stringMatching(/broke the grading protocol: it sent a message that could not be decoded/) });
    } finally {
      await sb.close();
    }
  });

  it('counts nothing a child sends once it is condemned: a reply after the call timed out', async () => {
    const code = `exports.slow = () => { ${busy.replace('WAIT', '250')} return 1; };`;
    const sb = await openSandbox(submission({}), code, { readyTimeoutMs: 5000, callTimeoutMs: 100 }, { spawner: slowKill });
    try {
      const [o] = await sb.callBatch('slow', [[]]);
      expect(o).toMatchObject({ ok: false, kind: 'timeout', error: expect.stringMatching(/did not return within 100 ms/) });
    } finally {
      await sb.close();
    }
  });

  it('restarts a child that crashed, and keeps the results of the calls it returned', async () => {
    const sb = await openSandbox(submission({}), 'exports.die = () => process.exit(5); exports.id = (x) => x;', { readyTimeoutMs: 5000 });
    try {
      expect(await sb.callBatch('die', [[]])).toEqual([{ ok: false, kind: 'crashed', error: 'your code exited with code 5' }]);
      expect(await sb.callBatch('id', [[NaN], [-0], [[1, Infinity]]])).toEqual([
        { ok: true, value: NaN },
        { ok: true, value: -0 },
        { ok: true, value: [1, Infinity] },
      ]);
      expect(sb.stats().readyMs.length).toBe(3);
    } finally {
      await sb.close();
    }
  });

  it('reports the arguments exactly when a call changed them, however it changed them', async () => {
    const code = `
      exports.keep = (m) => m.length;
      exports.same = (m) => { m[0] = m[0].slice(); return 0; };
      exports.grow = (m) => { m[0].push(1); return 0; };
      exports.negZero = (m) => { m[0][0] = -0; return 0; };
      exports.nan = (m) => { m[1][0] = NaN; return 0; };
      exports.getter = (m) => { Object.defineProperty(m, 0, { get() { throw new Error('no'); } }); return 0; };
      exports.planted = (m) => {
        for (const k of ['copy', 'snap', 'n', 'a']) Object.defineProperty(Object.prototype, k, { get: () => undefined, set() {}, configurable: true });
        m[0][0] = 9;
        return 0;
      };
      exports.record = (r) => { r.a = 2; return 0; };
    `;
    const sb = await openSandbox(submission({}), code, { readyTimeoutMs: 5000 });
    try {
      const m = (): unknown[] => [[[0, 1], [2, 3]]];
      const after = async (fn: string, args: unknown[]) => {
        const [o] = await sb.callBatch(fn, [args]);
        return o?.ok ? o.argsAfter : o;
      };
      expect(await after('keep', m())).toBeUndefined();
      expect(await after('same', m())).toBeUndefined();
      expect(await after('grow', m())).toEqual([[[0, 1, 1], [2, 3]]]);
      expect(await after('negZero', m())).toEqual([[[-0, 1], [2, 3]]]);
      expect(await after('nan', m())).toEqual([[[0, 1], [NaN, 3]]]);
      expect(await after('getter', m())).toEqual(['(the arguments were replaced by values that cannot be read)']);
      expect(await after('planted', m())).toEqual([[[9, 1], [2, 3]]]);
      expect(await after('record', [{ a: 1 }])).toEqual([{ a: 2 }]);
    } finally {
      await sb.close();
    }
  });

  it('runs children without the optimizing compiler unless the limits ask for it', async () => {
    const code = "exports.noOpt = () => process.execArgv.includes('--no-opt');";
    for (const optimizingCompiler of [false, true]) {
      const sb = await openSandbox(submission({}), code, { readyTimeoutMs: 5000, optimizingCompiler });
      try {
        expect(await sb.callBatch('noOpt', [[]])).toEqual([{ ok: true, value: !optimizingCompiler }]);
      } finally {
        await sb.close();
      }
    }
  });

  it('removes its copies of student code when the grader dies of an uncaught fault', async () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'dlgrade-fault-'));
    const script = `import { makeWorkdir } from ${JSON.stringify(path.join(ROOT, 'graders/sandbox/workdir.ts'))};
      const w = await makeWorkdir(${JSON.stringify(fromFixture('reference'))}, '', 'exports.x = 1;');
      console.log(w.root);
      setTimeout(() => { throw new Error('a fault of the grader'); }, 10);`;
    const file = path.join(scratch, 'fault.mts');
    writeFileSync(file, script);
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TMPDIR: scratch } });
    try {
      expect(r.status).toBe(1);
      const root = r.stdout.trim();
      expect(root.startsWith(scratch)).toBe(true);
      expect(existsSync(root)).toBe(false);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('relative error is symmetric, zero for equal entries and infinite against a non-finite one', () => {
    expect(relativeError(Infinity, 1)).toBe(Infinity);
    expect(relativeError(NaN, NaN)).toBe(Infinity);
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
        expect(relativeError(a, b)).toBe(relativeError(b, a));
        expect(relativeError(a, a)).toBe(0);
        expect(relativeError(a, b) === 0 || a !== b).toBe(true);
      }),
    );
  });
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}
