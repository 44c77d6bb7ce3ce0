/**
 * Dense scalars, vectors and matrices for the matrix formulas, in float64.
 *
 * Why our own small kernel rather than mathjs's matrices or TensorFlow.js: shapes are checked
 * symbolically before anything is evaluated (tensor-formula.ts), so the kernel only ever sees
 * operands that fit, and the sizes drawn for a comparison are small (a handful of rows). What is
 * left is a few loops over Float64Array, synchronous, with no backend to load; tfjs is async
 * and mathjs's full build costs a second to load and allocates per entry.
 *
 * Every value is a matrix: a scalar is 1×1 and a vector is a column (n×1), as in the notation
 * DL courses write (`xᵀy` is a scalar, `x xᵀ` a matrix). Every operation is iterative.
 */

export interface Tensor {
  rows: number;
  cols: number;
  /** Row-major entries. */
  data: Float64Array;
}

export function tensor(rows: number, cols: number, data?: ArrayLike<number>): Tensor {
  const t = { rows, cols, data: new Float64Array(rows * cols) };
  if (data) t.data.set(data);
  return t;
}

export function scalar(value: number): Tensor {
  return tensor(1, 1, [value]);
}

export function at(t: Tensor, i: number, j: number): number {
  return t.data[i * t.cols + j]!;
}

/** Nested arrays (a number, a list of numbers, or a list of rows) as a tensor; undefined when ragged or not numbers. */
export function fromNested(value: unknown): Tensor | undefined {
  if (typeof value === 'number') return scalar(value);
  if (!Array.isArray(value) || value.length === 0) return undefined;
  if (value.every((v) => typeof v === 'number')) return tensor(value.length, 1, value as number[]);
  if (!value.every((r) => Array.isArray(r) && r.length === (value[0] as unknown[]).length && r.length > 0 && r.every((v: unknown) => typeof v === 'number'))) return undefined;
  const rows = value as number[][];
  return tensor(rows.length, rows[0]!.length, rows.flat());
}

/**
 * A vector as a list, a matrix as a list of rows, a scalar as a number. `rank` says which a
 * 1×1 or n×1 value is (a 1×1 matrix is still a list of one row); by default it is read from the size.
 */
export function toNested(t: Tensor, rank?: 0 | 1 | 2): number | number[] | number[][] {
  const r = rank ?? (t.rows === 1 && t.cols === 1 ? 0 : t.cols === 1 ? 1 : 2);
  if (r === 0) return t.data[0]!;
  if (r === 1) return Array.from(t.data);
  return Array.from({ length: t.rows }, (_, i) => Array.from(t.data.subarray(i * t.cols, (i + 1) * t.cols)));
}

export function transpose(a: Tensor): Tensor {
  const out = tensor(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j]!;
  return out;
}

export function matmul(a: Tensor, b: Tensor): Tensor {
  const out = tensor(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k]!;
      for (let j = 0; j < b.cols; j++) out.data[i * b.cols + j]! += aik * b.data[k * b.cols + j]!;
    }
  }
  return out;
}

/** Entrywise `f`, with a 1×1 operand broadcast to the other's shape. */
export function zip(a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const rows = a.rows * a.cols === 1 ? b.rows : a.rows;
  const cols = a.rows * a.cols === 1 ? b.cols : a.cols;
  const out = tensor(rows, cols);
  const sa = a.data.length === 1;
  const sb = b.data.length === 1;
  for (let k = 0; k < out.data.length; k++) out.data[k] = f(sa ? a.data[0]! : a.data[k]!, sb ? b.data[0]! : b.data[k]!);
  return out;
}

export function map(a: Tensor, f: (x: number) => number): Tensor {
  const out = tensor(a.rows, a.cols);
  for (let k = 0; k < a.data.length; k++) out.data[k] = f(a.data[k]!);
  return out;
}

export function sum(a: Tensor): number {
  let s = 0;
  for (const v of a.data) s += v;
  return s;
}

/** The largest entry (a loop: spreading a large tensor into Math.max would overflow the stack). */
export function maxEntry(a: Tensor): number {
  let m = -Infinity;
  for (const v of a.data) m = v > m || Number.isNaN(v) ? v : m;
  return m;
}

export function trace(a: Tensor): number {
  let s = 0;
  for (let i = 0; i < Math.min(a.rows, a.cols); i++) s += at(a, i, i);
  return s;
}

/** A vector to its diagonal matrix, a square matrix to its diagonal. */
export function diag(a: Tensor): Tensor {
  if (a.cols === 1 || a.rows === 1) {
    const n = a.data.length;
    const out = tensor(n, n);
    for (let i = 0; i < n; i++) out.data[i * n + i] = a.data[i]!;
    return out;
  }
  const out = tensor(a.rows, 1);
  for (let i = 0; i < a.rows; i++) out.data[i] = at(a, i, i);
  return out;
}

/** Largest first: logsumexp without overflow. */
export function logsumexp(a: Tensor): number {
  let m = -Infinity;
  for (const v of a.data) m = Math.max(m, v);
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (const v of a.data) s += Math.exp(v - m);
  return m + Math.log(s);
}

export function softmax(a: Tensor): Tensor {
  const l = logsumexp(a);
  return map(a, (v) => Math.exp(v - l));
}

export type NormKind = 1 | 2 | 'inf' | 'fro';

/**
 * Vector norms as usual; for a matrix, 1 and inf are the largest column and row sums, 'fro' the
 * root of the sum of squares, 2 the largest singular value.
 */
export function norm(a: Tensor, kind: NormKind): number {
  const vector = a.cols === 1 || a.rows === 1;
  if (kind === 'fro' || (vector && kind === 2)) return Math.sqrt(sum(map(a, (v) => v * v)));
  if (vector) return kind === 1 ? sum(map(a, Math.abs)) : Math.max(...Array.from(a.data, Math.abs));
  if (kind === 1) return Math.max(...Array.from({ length: a.cols }, (_, j) => Array.from({ length: a.rows }, (_, i) => Math.abs(at(a, i, j))).reduce((x, y) => x + y, 0)));
  if (kind === 'inf') return Math.max(...Array.from({ length: a.rows }, (_, i) => Array.from({ length: a.cols }, (_, j) => Math.abs(at(a, i, j))).reduce((x, y) => x + y, 0)));
  return Math.sqrt(Math.max(0, ...symmetricEigenvalues(matmul(transpose(a), a))));
}

/** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations (sizes here are a few rows). */
export function symmetricEigenvalues(s: Tensor): number[] {
  const n = s.rows;
  const a = Float64Array.from(s.data);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - sn * akq;
          a[k * n + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - sn * aqk;
          a[q * n + k] = sn * apk + c * aqk;
        }
      }
    }
  }
  return Array.from({ length: n }, (_, i) => a[i * n + i]!);
}

export const ELEMENTWISE: Readonly<Record<string, (x: number) => number>> = {
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  tanh: Math.tanh,
  sin: Math.sin,
  cos: Math.cos,
  sigmoid: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  relu: (x) => (x > 0 ? x : 0),
  softplus: (x) => (x > 30 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))),
};
