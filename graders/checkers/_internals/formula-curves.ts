import type { Curve } from '../../results/result.ts';
import type { VariableDomain } from '../../pack/types.ts';
import type { Point } from './sample-points.ts';

const SAMPLES = 41;
// More variables than this make a wall of small plots; the first ones still show the disagreement.
const MAX_CURVES = 4;

/**
 * Samples two formulas along each variable through `point`, the other variables held at it, over
 * a quarter of the variable's domain around the point (all of it for a short integer range): the
 * window where a reader can see the two part.
 */
export function curvesThrough(point: Point, variables: Readonly<Record<string, VariableDomain>>, student: (p: Point) => number, reference: (p: Point) => number): Curve[] {
  return Object.entries(variables)
    .slice(0, MAX_CURVES)
    .map(([variable, domain]) => {
      const at = point[variable] ?? domain.min;
      const x = positions(at, domain);
      const along = (f: (p: Point) => number) => x.map((v) => finiteOrNull(f({ ...point, [variable]: v })));
      return { variable, at, x, expected: along(reference), actual: along(student) };
    });
}

function positions(at: number, domain: VariableDomain): number[] {
  const width = (domain.max - domain.min) / 4;
  const lo = Math.min(Math.max(domain.min, at - width / 2), domain.max - width);
  const hi = lo + width;
  let xs: number[];
  if (domain.type === 'integer') {
    const first = Math.ceil(domain.max - domain.min < 2 * SAMPLES ? domain.min : lo);
    const last = Math.floor(domain.max - domain.min < 2 * SAMPLES ? domain.max : hi);
    const step = Math.max(1, Math.ceil((last - first) / (SAMPLES - 1)));
    xs = [];
    for (let v = first; v <= last; v += step) xs.push(v);
  } else {
    xs = Array.from({ length: SAMPLES }, (_, i) => lo + ((hi - lo) * i) / (SAMPLES - 1));
  }
  return [...new Set([...xs, at])].sort((a, b) => a - b);
}

/** Seven significant digits: enough for a plot, and a result file stays small. */
function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? Number(v.toPrecision(7)) : null;
}
