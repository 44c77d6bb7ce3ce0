import { describeValue, fmt, renderValue } from './render.ts';

/** Why one output is wrong. Messages quote values but never the input. */
export interface Failure {
  /** `value` for the comparison with the reference, else the property's name. */
  check: string;
  message: string;
  /** True when the type or shape is wrong (the message then holds no hidden values). */
  shape: boolean;
  where?: string;
  expected?: string;
  actual?: string;
}

type Leaf = { expected: number; actual: number };

/** The numbers to compare, in walk order; `where(i)` names leaf i (`dW[2][0]`) when it is reported. */
export interface Leaves {
  leaves: Leaf[];
  where(index: number): string;
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !isArrayLike(v);
}

function expectedKind(e: unknown): string {
  if (typeof e === 'number') return 'a number';
  if (isArrayLike(e)) return `an array of ${e.length}`;
  if (isRecord(e)) return `an object with keys ${Object.keys(e).join(', ')}`;
  return describeValue(e);
}

// Paths are kept as segments and joined only for the entry that is reported: building a string
// per compared number was a leading cost of judging gradients.
type Segment = number | string;

function pathText(root: string, path: readonly Segment[]): string {
  let at = root;
  for (const s of path) at = typeof s === 'number' ? `${at}[${s}]` : at ? `${at}.${s}` : s;
  return at;
}

/**
 * Checks that `actual` has the structure of `expected` (numbers, arrays of the same lengths,
 * records with at least the same keys) and lists the pairs of numbers to compare.
 */
export function matchShape(expected: unknown, actual: unknown, where = ''): { failure: Failure } | Leaves {
  const leaves: Leaf[] = [];
  const failure = walkShape(expected, actual, where, (e, a) => {
    leaves.push({ expected: e, actual: a });
  });
  return failure ? { failure } : { leaves, where: (index) => leafPath(expected, where, index) };
}

/**
 * The walk of {@link matchShape}: calls `leaf` on each pair of numbers in walk order, and returns
 * the first shape failure. The comparisons walk with it rather than over a list of pairs, which
 * was an object per compared number; a shape failure anywhere still wins over any leaf.
 */
function walkShape(expected: unknown, actual: unknown, where: string, leaf: (expected: number, actual: number) => void): Failure | undefined {
  const path: Segment[] = [];
  const walk = (e: unknown, a: unknown): Failure | undefined => {
    if (typeof e === 'number') {
      if (typeof a !== 'number') return shapeFailure(e, a, pathText(where, path));
      leaf(e, a);
      return undefined;
    }
    if (isArrayLike(e)) {
      if (!isArrayLike(a) || a.length !== e.length) return shapeFailure(e, a, pathText(where, path));
      for (let i = 0; i < e.length; i++) {
        path.push(i);
        const f = walk(e[i], a[i]);
        path.pop();
        if (f) return f;
      }
      return undefined;
    }
    if (isRecord(e)) {
      if (!isRecord(a)) return shapeFailure(e, a, pathText(where, path));
      for (const k of Object.keys(e)) {
        if (!(k in a)) {
          const at = pathText(where, path);
          return { check: 'value', shape: true, message: `${at ? `${at}: ` : ''}the result has no key "${k}" (expected keys ${Object.keys(e).join(', ')})`, ...(at ? { where: at } : {}) };
        }
        path.push(k);
        const f = walk(e[k], a[k]);
        path.pop();
        if (f) return f;
      }
      return undefined;
    }
    return Object.is(e, a) ? undefined : shapeFailure(e, a, pathText(where, path));
  };
  return walk(expected, actual);
}

function shapeFailure(e: unknown, a: unknown, at: string): Failure {
  return { check: 'value', shape: true, message: `${at ? `${at}: ` : ''}expected ${expectedKind(e)}, got ${describeValue(a)}`, ...(at ? { where: at } : {}) };
}

/** The path of the index-th number of `expected`, in the order matchShape lists them. */
function leafPath(expected: unknown, root: string, index: number): string {
  let seen = 0;
  const path: Segment[] = [];
  const find = (e: unknown): boolean => {
    if (typeof e === 'number') return seen++ === index;
    if (isArrayLike(e)) {
      for (let i = 0; i < e.length; i++) {
        path.push(i);
        if (find(e[i])) return true;
        path.pop();
      }
      return false;
    }
    if (!isRecord(e)) return false;
    for (const k of Object.keys(e)) {
      path.push(k);
      if (find(e[k])) return true;
      path.pop();
    }
    return false;
  };
  return find(expected) ? pathText(root, path) : root;
}

/** |a − e| ≤ abs + rel·|e| per entry; NaN only matches NaN, ±Infinity only itself. */
export function withinTolerance(e: number, a: number, tol: { rel: number; abs: number }): boolean {
  if (Number.isNaN(e) || Number.isNaN(a)) return Number.isNaN(e) && Number.isNaN(a);
  if (!Number.isFinite(e) || !Number.isFinite(a)) return e === a;
  return Math.abs(a - e) <= tol.abs + tol.rel * Math.abs(e);
}

/** Compares an output with the reference's; the first entry out of tolerance is reported. */
export function compareWithTolerance(expected: unknown, actual: unknown, tol: { rel: number; abs: number }): Failure | undefined {
  let i = -1;
  let n = 0;
  let bad: Leaf | undefined;
  const failure = walkShape(expected, actual, '', (e, a) => {
    if (i < 0 && !withinTolerance(e, a, tol)) {
      i = n;
      bad = { expected: e, actual: a };
    }
    n++;
  });
  if (failure) return failure;
  if (!bad) return undefined;
  const where = leafPath(expected, '', i);
  const at = where ? `${where}: ` : '';
  return {
    check: 'value',
    shape: false,
    message: `${at}expected ${fmt(bad.expected, 12)}, got ${fmt(bad.actual, 12)}`,
    ...(where ? { where } : {}),
    expected: renderValue(expected, 12),
    actual: renderValue(actual, 12),
  };
}

/**
 * CS231n-style relative error; entries where both sides are below `tiny`, or that differ by no
 * more than `noise` (the finite differences' own rounding error), count as equal.
 */
export function relativeError(a: number, n: number, noise = 0, tiny = 1e-7): number {
  if (!Number.isFinite(a) || !Number.isFinite(n)) return a === n ? 0 : Infinity;
  if (Math.abs(a) < tiny && Math.abs(n) < tiny) return 0;
  if (Math.abs(a - n) <= noise) return 0;
  return Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n), 1e-8);
}

/** The entry with the largest relative error between two same-shaped values. */
export function worstRelative(
  expected: unknown,
  actual: unknown,
  where: string,
  /** One bound for every entry, or one per entry in walk order. */
  noise: number | readonly number[] = 0,
): { failure: Failure } | { worst: (Leaf & { where: string; error: number }) | undefined } {
  let worstAt = -1;
  let worstError = -Infinity;
  let worstExpected = 0;
  let worstActual = 0;
  let i = 0;
  const failure = walkShape(expected, actual, where, (e, a) => {
    const error = relativeError(a, e, typeof noise === 'number' ? noise : (noise[i] ?? 0));
    if (worstAt < 0 || error > worstError) {
      worstAt = i;
      worstError = error;
      worstExpected = e;
      worstActual = a;
    }
    i++;
  });
  if (failure) return { failure };
  if (worstAt < 0) return { worst: undefined };
  return { worst: { expected: worstExpected, actual: worstActual, where: leafPath(expected, where, worstAt), error: worstError } };
}
