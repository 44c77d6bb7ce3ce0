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

type Leaf = { where: string; expected: number; actual: number };

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

/**
 * Checks that `actual` has the structure of `expected` (numbers, arrays of the same lengths,
 * records with at least the same keys) and lists the pairs of numbers to compare.
 */
export function matchShape(expected: unknown, actual: unknown, where = ''): { failure: Failure } | { leaves: Leaf[] } {
  const leaves: Leaf[] = [];
  const walk = (e: unknown, a: unknown, at: string): Failure | undefined => {
    const shapeFail = (): Failure => ({
      check: 'value',
      shape: true,
      message: `${at ? `${at}: ` : ''}expected ${expectedKind(e)}, got ${describeValue(a)}`,
      ...(at ? { where: at } : {}),
    });
    if (typeof e === 'number') {
      if (typeof a !== 'number') return shapeFail();
      leaves.push({ where: at, expected: e, actual: a });
      return undefined;
    }
    if (isArrayLike(e)) {
      if (!isArrayLike(a) || a.length !== e.length) return shapeFail();
      for (let i = 0; i < e.length; i++) {
        const f = walk(e[i], a[i], `${at}[${i}]`);
        if (f) return f;
      }
      return undefined;
    }
    if (isRecord(e)) {
      if (!isRecord(a)) return shapeFail();
      for (const k of Object.keys(e)) {
        if (!(k in a)) return { check: 'value', shape: true, message: `${at ? `${at}: ` : ''}the result has no key "${k}" (expected keys ${Object.keys(e).join(', ')})`, ...(at ? { where: at } : {}) };
        const f = walk(e[k], a[k], at ? `${at}.${k}` : k);
        if (f) return f;
      }
      return undefined;
    }
    return Object.is(e, a) ? undefined : shapeFail();
  };
  const failure = walk(expected, actual, where);
  return failure ? { failure } : { leaves };
}

/** |a − e| ≤ abs + rel·|e| per entry; NaN only matches NaN, ±Infinity only itself. */
export function withinTolerance(e: number, a: number, tol: { rel: number; abs: number }): boolean {
  if (Number.isNaN(e) || Number.isNaN(a)) return Number.isNaN(e) && Number.isNaN(a);
  if (!Number.isFinite(e) || !Number.isFinite(a)) return e === a;
  return Math.abs(a - e) <= tol.abs + tol.rel * Math.abs(e);
}

/** Compares an output with the reference's; the first entry out of tolerance is reported. */
export function compareWithTolerance(expected: unknown, actual: unknown, tol: { rel: number; abs: number }): Failure | undefined {
  const m = matchShape(expected, actual);
  if ('failure' in m) return m.failure;
  const bad = m.leaves.find((l) => !withinTolerance(l.expected, l.actual, tol));
  if (!bad) return undefined;
  const at = bad.where ? `${bad.where}: ` : '';
  return {
    check: 'value',
    shape: false,
    message: `${at}expected ${fmt(bad.expected, 12)}, got ${fmt(bad.actual, 12)}`,
    ...(bad.where ? { where: bad.where } : {}),
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
export function worstRelative(expected: unknown, actual: unknown, where: string, noise = 0): { failure: Failure } | { worst: Leaf & { error: number } | undefined } {
  const m = matchShape(expected, actual, where);
  if ('failure' in m) return m;
  let worst: (Leaf & { error: number }) | undefined;
  for (const l of m.leaves) {
    const error = relativeError(l.actual, l.expected, noise);
    if (!worst || error > worst.error) worst = { ...l, error };
  }
  return { worst };
}
