import fc from 'fast-check';
import type { VariableDomain } from '../../pack/types.ts';
import { realArbitrary } from './real-arbitrary.ts';

export type Point = Readonly<Record<string, number>>;

/** Points of the declared domains; integers shrink towards their minimum, so failures read small. */
export function pointArbitrary(variables: Readonly<Record<string, VariableDomain>>): fc.Arbitrary<Point> {
  const fields: Record<string, fc.Arbitrary<number>> = {};
  for (const [name, domain] of Object.entries(variables)) {
    fields[name] =
      domain.type === 'integer'
        ? fc.integer({ min: Math.ceil(domain.min), max: Math.floor(domain.max) })
        : realArbitrary(domain.min, domain.max);
  }
  return fc.record(fields);
}

/** "F = 1", "mu1 = 0, mu2 = 0.5, s1 = 1, s2 = 2". */
export function renderPoint(point: Point): string {
  return Object.entries(point)
    .map(([name, value]) => `${name} = ${Object.is(value, -0) ? 0 : value}`)
    .join(', ');
}

/** "F an integer in [1, 1000]", "s1 a real number in [0.1, 10]". */
export function renderDomains(variables: Readonly<Record<string, VariableDomain>>): string {
  return Object.entries(variables)
    .map(([name, d]) => `${name} ${d.type === 'integer' ? 'an integer' : 'a real number'} in [${d.min}, ${d.max}]`)
    .join(', ');
}

/** Relative agreement |a − b| ≤ tol · max(1, |a|, |b|); both values must be finite. */
export function agrees(a: number, b: number, tolerance: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Integer domains with at most this many points are checked at every point. */
export const EXHAUSTIVE_LIMIT = 10_000;
/** ...as long as points × formula size stays under this (about half a second of evaluation). */
export const EXHAUSTIVE_WORK = 20_000_000;

/**
 * Where a formula is compared. Random points miss an answer that is wrong at a few points of a
 * small integer domain (200 points missed it in up to 32 of 41 seeds), so a domain of integers
 * with at most {@link EXHAUSTIVE_LIMIT} points is checked everywhere, smallest points first
 * (unless the formula is so long that it would take over {@link EXHAUSTIVE_WORK} steps); any
 * other domain gets seeded random points and then its bounds (the corners of the box).
 */
export type SamplePlan =
  | { kind: 'exhaustive'; points: Point[] }
  | { kind: 'random'; arbitrary: fc.Arbitrary<Point>; bounds: Point[]; samples: number };

export function samplePlan(variables: Readonly<Record<string, VariableDomain>>, samples: number, formulaSize = 1): SamplePlan {
  const names = Object.keys(variables);
  const ranges = names.map((name) => integerRange(variables[name]!));
  const size = ranges.reduce((n, r) => (r === undefined ? Number.POSITIVE_INFINITY : n * (r.max - r.min + 1)), 1);
  const limit = Math.min(EXHAUSTIVE_LIMIT, Math.floor(EXHAUSTIVE_WORK / Math.max(1, formulaSize)));
  if (names.length > 0 && size <= limit && ranges.every((r) => r !== undefined && r.max >= r.min)) {
    return { kind: 'exhaustive', points: everyPointOnce(names, ranges as { min: number; max: number }[]) };
  }
  return { kind: 'random', arbitrary: pointArbitrary(variables), bounds: boundPoints(variables), samples };
}

/** "all 512 points" or "200 random points and 16 bounds": the name of the check. */
export function planName(plan: SamplePlan): string {
  return plan.kind === 'exhaustive' ? `all ${plan.points.length} points` : `${plan.samples} random points and ${plan.bounds.length} bounds`;
}

/** "at all 512 points" or "at 200 random points, bounds included". */
export function planText(plan: SamplePlan): string {
  return plan.kind === 'exhaustive' ? `at all ${plan.points.length} points` : `at ${plan.samples} random points, bounds included`;
}

function integerRange(domain: VariableDomain): { min: number; max: number } | undefined {
  if (domain.type !== 'integer') return undefined;
  return { min: Math.ceil(domain.min), max: Math.floor(domain.max) };
}

// The points of a domain depend on the domain alone, not on the student: a grader process lists
// them once per domain instead of once per submission (a few ms and MB each time). Frozen, since
// every submission after the first reads the same arrays.
const EVERY_POINT_CACHE = new Map<string, readonly Point[]>();
const EVERY_POINT_CACHE_SIZE = 64;

function everyPointOnce(names: readonly string[], ranges: readonly { min: number; max: number }[]): Point[] {
  const key = JSON.stringify([names, ranges]);
  let points = EVERY_POINT_CACHE.get(key);
  if (!points) {
    points = Object.freeze(everyPoint(names, ranges).map((p) => Object.freeze(p)));
    if (EVERY_POINT_CACHE.size >= EVERY_POINT_CACHE_SIZE) EVERY_POINT_CACHE.delete(EVERY_POINT_CACHE.keys().next().value!);
    EVERY_POINT_CACHE.set(key, points);
  }
  return points as Point[];
}

/** Every point, ordered as a shrunk counterexample would be: nearest the shrink targets first. */
function everyPoint(names: readonly string[], ranges: readonly { min: number; max: number }[]): Point[] {
  const targets = ranges.map((r) => Math.min(Math.max(0, r.min), r.max));
  const points: { point: Record<string, number>; distance: number; key: number[] }[] = [];
  const values = ranges.map((r) => r.min);
  for (;;) {
    const point: Record<string, number> = {};
    let distance = 0;
    names.forEach((n, k) => {
      point[n] = values[k]!;
      distance += Math.abs(values[k]! - targets[k]!);
    });
    points.push({ point, distance, key: values.map((v, k) => Math.abs(v - targets[k]!) * 2 + (v < targets[k]! ? 1 : 0)) });
    let k = names.length - 1;
    while (k >= 0 && values[k] === ranges[k]!.max) {
      values[k] = ranges[k]!.min;
      k--;
    }
    if (k < 0) break;
    values[k]!++;
  }
  points.sort((a, b) => a.distance - b.distance || compareKeys(a.key, b.key));
  return points.map((p) => p.point);
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return 0;
}

/** The corners of the domain's box (at most 64), or each variable at either bound with the others at theirs. */
function boundPoints(variables: Readonly<Record<string, VariableDomain>>): Point[] {
  const names = Object.keys(variables);
  const ends = names.map((n) => {
    const d = variables[n]!;
    const r = integerRange(d);
    const lo = r ? r.min : d.min;
    const hi = r ? r.max : d.max;
    return hi > lo ? [lo, hi] : [lo];
  });
  const points: Point[] = [];
  if (names.length <= 6) {
    const total = ends.reduce((n, e) => n * e.length, 1);
    for (let i = 0; i < total; i++) {
      const point: Record<string, number> = {};
      let rest = i;
      names.forEach((n, k) => {
        const e = ends[k]!;
        point[n] = e[rest % e.length]!;
        rest = Math.floor(rest / e.length);
      });
      points.push(point);
    }
    return points;
  }
  const low = Object.fromEntries(names.map((n, k) => [n, ends[k]![0]!]));
  const high = Object.fromEntries(names.map((n, k) => [n, ends[k]!.at(-1)!]));
  points.push(low, high);
  names.forEach((n, k) => {
    points.push({ ...low, [n]: ends[k]!.at(-1)! }, { ...high, [n]: ends[k]![0]! });
  });
  return points;
}
