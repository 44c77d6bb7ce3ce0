/**
 * Equivalence of matrix formulas at random matrices of random admissible sizes.
 *
 * Why the sizes are drawn too, not fixed: an answer can be right at one size by accident
 * (`xᵀx` and `‖x‖₁²` agree for any one-entry vector; `W Wᵀ` and `Wᵀ W` for 1×1), so each run
 * draws every symbolic dimension from its range and then entries for those sizes, through one
 * fast-check arbitrary: a failure shrinks towards the smallest sizes and the shortest entries,
 * which is the counterexample a student can check by hand. Shapes are compared first and
 * symbolically (tensor-formula.ts), so a mismatch is reported with both shapes before any
 * number is drawn.
 */
import fc from 'fast-check';
import { ReferenceFault } from '../../errors.ts';
import { formatNumber, formatPair } from '../_internals/render.ts';
import { realArbitrary } from '../_internals/real-arbitrary.ts';
import { agrees } from '../_internals/sample-points.ts';
import { declaredShape, shapeText, type Dim, type Shape, type TensorDomain, type TensorEnv } from './tensor-formula.ts';
import { fromNested, tensor, toNested, type Tensor } from './tensor-ops.ts';

/** Something that evaluates to a tensor of a known symbolic shape: a compiled formula, or a solver. */
export interface TensorTarget {
  shape: Shape;
  evaluate: (env: TensorEnv) => Tensor;
}

export type TensorVerdict =
  | { ok: true; runs: number }
  | { ok: false; kind: 'shape'; message: string }
  | { ok: false; kind: 'value'; runs: number; env: TensorEnv; got: Tensor; want: Tensor; entry: [number, number]; message: string };

/** Sizes of every dimension, then entries of every variable at those sizes. */
export function tensorEnvArbitrary(domain: TensorDomain): fc.Arbitrary<TensorEnv> {
  const dims: Record<string, fc.Arbitrary<number>> = {};
  for (const [name, r] of Object.entries(domain.dims)) dims[name] = fc.integer({ min: Math.ceil(r.min), max: Math.floor(r.max) });
  return fc.record(dims).chain((sizes) => {
    const values: Record<string, fc.Arbitrary<Tensor>> = {};
    for (const [name, v] of Object.entries(domain.variables)) {
      const [r, c] = declaredShape(v).map((d) => resolveDim(d, sizes)) as [number, number];
      const entry = realArbitrary(v.min ?? -2, v.max ?? 2);
      values[name] = fc.array(entry, { minLength: r * c, maxLength: r * c }).map((data) => tensor(r, c, data));
    }
    return fc.record(values).map((vals) => ({ dims: sizes, values: vals }));
  });
}

export function resolveDim(d: Dim, sizes: Readonly<Record<string, number>>): number {
  return typeof d === 'number' ? d : (sizes[d] ?? Number.NaN);
}

/**
 * A reference solver as a target: it receives every variable as plain arrays (vectors as
 * lists, matrices as lists of rows) and every dimension by name, and returns the same.
 */
export function solverTarget(partId: string, solverName: string, solver: (input: Record<string, unknown>) => unknown, shape: Shape, domain: TensorDomain): TensorTarget {
  return {
    shape,
    evaluate(env) {
      const input: Record<string, unknown> = { ...env.dims };
      for (const [name, t] of Object.entries(env.values)) input[name] = toNested(t, rankOf(domain, name));
      const out = fromNested(solver(input));
      const rows = resolveDim(shape[0], env.dims);
      const cols = resolveDim(shape[1], env.dims);
      if (out === undefined || out.rows !== rows || out.cols !== cols) {
        throw new ReferenceFault(partId, `reference solver "${solverName}" did not return ${shapeText(shape)} (${rows}×${cols}) for ${renderEnv(env, domain)}`);
      }
      return out;
    },
  };
}

export interface TensorComparison {
  student: TensorTarget;
  reference: TensorTarget;
  domain: TensorDomain;
  samples: number;
  seed: number;
  tolerance: number;
}

/** Shapes first, then entries at `samples` random sizes and matrices. Throws only a reference's fault. */
export function compareTensors(c: TensorComparison): TensorVerdict {
  if (!sameShape(c.student.shape, c.reference.shape)) {
    return { ok: false, kind: 'shape', message: `Your formula is ${shapeText(c.student.shape)} but the answer is ${shapeText(c.reference.shape)}.` };
  }
  const differs = (env: TensorEnv): [number, number] | undefined => {
    const want = c.reference.evaluate(env);
    const got = c.student.evaluate(env);
    for (let k = 0; k < want.data.length; k++) {
      const w = want.data[k]!;
      if (!Number.isFinite(w)) continue;
      if (!agrees(got.data[k] ?? Number.NaN, w, c.tolerance)) return [Math.floor(k / want.cols), k % want.cols];
    }
    return undefined;
  };
  const details = fc.check(
    fc.property(tensorEnvArbitrary(c.domain), (env) => differs(env) === undefined),
    { numRuns: c.samples, seed: c.seed },
  );
  if (details.errorInstance instanceof ReferenceFault) throw details.errorInstance;
  if (!details.failed) return { ok: true, runs: details.numRuns };
  const shrunk = details.counterexample?.[0];
  if (shrunk === undefined) throw new Error('the comparison failed without a counterexample');
  const env = readableCounterexample(shrunk, c);
  const entry = differs(env) ?? [0, 0];
  const got = c.student.evaluate(env);
  const want = c.reference.evaluate(env);
  return { ok: false, kind: 'value', runs: details.numRuns, env, got, want, entry, message: valueMessage(env, c.domain, got, want, entry) };
}

/**
 * Shrinking drives every entry towards 0, which for an answer off by a small term lands where
 * the difference barely exceeds the tolerance ("gives 0.001001… but the correct value is
 * 0.001…"): a true counterexample no student can check by hand. Unless the shrunk entries are
 * simple already (whole numbers or halves) or show the error plainly (off by CLEAR_GAP of the
 * value), entries of a few simple patterns (ones, 1 2 3…, alternating signs, ...; kept inside
 * each variable's range) are tried at the shrunk sizes, and the first that still fails is
 * shown; the shrunk one when none does.
 */
const CLEAR_GAP = 1e-3;
const PATTERNS: ReadonlyArray<(k: number) => number> = [
  () => 1,
  (k) => k + 1,
  (k) => (k % 2 === 0 ? 1 : -1),
  () => 2,
  () => -1,
  (k) => (k % 3) - 1,
  (k) => k % 2,
  () => 0.5,
  (k) => -(k + 1),
];

const isSimple = (x: number): boolean => Number.isInteger(2 * x) && Math.abs(x) <= 10;

function readableCounterexample(shrunk: TensorEnv, c: TensorComparison): TensorEnv {
  const simple = Object.values(shrunk.values).every((t) => t.data.every(isSimple));
  if (simple || (largestGap(shrunk, c) ?? 0) >= CLEAR_GAP) return shrunk;
  for (const pattern of PATTERNS) {
    const values: Record<string, Tensor> = {};
    for (const [name, t] of Object.entries(shrunk.values)) {
      const v = c.domain.variables[name];
      const lo = v?.min ?? -2;
      const hi = v?.max ?? 2;
      const data = Array.from({ length: t.data.length }, (_, k) => Math.min(hi, Math.max(lo, pattern(k))));
      values[name] = tensor(t.rows, t.cols, data);
    }
    const env = { dims: shrunk.dims, values };
    if (largestGap(env, c) !== undefined) return env;
  }
  return shrunk;
}

/** How far the student's entries are from the reference's, relative to their size; undefined when they agree. */
function largestGap(env: TensorEnv, c: TensorComparison): number | undefined {
  let want: Tensor;
  let got: Tensor;
  try {
    want = c.reference.evaluate(env);
    got = c.student.evaluate(env);
  } catch (err) {
    if (err instanceof ReferenceFault) throw err;
    return undefined;
  }
  let gap: number | undefined;
  for (let k = 0; k < want.data.length; k++) {
    const w = want.data[k]!;
    const g = got.data[k] ?? Number.NaN;
    if (!Number.isFinite(w) || agrees(g, w, c.tolerance)) continue;
    const d = Number.isFinite(g) ? Math.abs(g - w) / Math.max(1, Math.abs(g), Math.abs(w)) : Number.POSITIVE_INFINITY;
    gap = Math.max(gap ?? 0, d);
  }
  return gap;
}

function sameShape(a: Shape, b: Shape): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function valueMessage(env: TensorEnv, domain: TensorDomain, got: Tensor, want: Tensor, [i, j]: [number, number]): string {
  const [g, w] = formatPair(got.data[i * got.cols + j]!, want.data[i * want.cols + j]!);
  const where = want.data.length === 1 ? '' : want.cols === 1 ? ` entry ${i + 1} of` : ` entry (${i + 1}, ${j + 1}) of`;
  return `At ${renderEnv(env, domain)},${where} your formula gives ${g} but the correct value is ${w}.`;
}

/** "N = 1, V = 2, W = [[0, 1]], x = [0.5, -1]". */
export function renderEnv(env: TensorEnv, domain: TensorDomain): string {
  const dims = Object.entries(env.dims).map(([n, v]) => `${n} = ${v}`);
  const values = Object.entries(env.values).map(([n, t]) => `${n} = ${renderTensor(t, rankOf(domain, n))}`);
  return [...dims, ...values].join(', ');
}

function rankOf(domain: TensorDomain, name: string): 0 | 1 | 2 {
  return Math.min(2, domain.variables[name]?.shape.length ?? 2) as 0 | 1 | 2;
}

export function renderTensor(t: Tensor, rank?: 0 | 1 | 2): string {
  const nested = toNested(t, rank);
  const show = (x: number) => formatNumber(x);
  if (typeof nested === 'number') return show(nested);
  if (typeof nested[0] === 'number') return `[${(nested as number[]).map(show).join(', ')}]`;
  return `[${(nested as number[][]).map((r) => `[${r.map(show).join(', ')}]`).join(', ')}]`;
}
