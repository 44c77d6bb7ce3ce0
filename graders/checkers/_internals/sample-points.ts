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
