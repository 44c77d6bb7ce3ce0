import { cloneArgs } from './clone-args.ts';

/**
 * Central differences of a scalar function with respect to one argument (a number, a vector or a
 * matrix), in float64: (f(x + h) − f(x − h)) / 2h per entry. Returns the gradient shaped like the
 * argument. The loss is a reference solver and must not modify its arguments: one private copy of
 * them is moved entry by entry and put back, instead of a fresh copy per evaluation.
 */
export function centralDifferences(loss: (...args: unknown[]) => unknown, args: readonly unknown[], index: number, step: number): unknown {
  const work = cloneArgs(args as unknown[]);
  const evaluate = (): number => {
    const v = loss(...work);
    if (typeof v !== 'number') throw new TypeError(`the loss returned ${typeof v}, not a number`);
    return v;
  };
  // Moves entry i of node, which is work itself or an array inside it, and puts it back.
  // Divide by the step actually taken, which rounding makes differ slightly from 2h.
  const at = (node: unknown[], i: number): number => {
    const x = node[i] as number;
    const up = x + step;
    const down = x - step;
    node[i] = up;
    const fUp = evaluate();
    node[i] = down;
    const fDown = evaluate();
    node[i] = x;
    return (fUp - fDown) / (up - down);
  };
  const grad = (node: unknown): unknown => {
    if (!Array.isArray(node)) throw new TypeError(`argument ${index} is neither a number nor an array of numbers`);
    return node.map((v, i) => (typeof v === 'number' ? at(node, i) : grad(v)));
  };
  const gradient = typeof work[index] === 'number' ? at(work, index) : grad(work[index]);
  // A loss that changed its arguments would have moved the point the differences are taken at.
  if (!sameNumbers(work, args)) throw new TypeError('the loss modified its arguments; finite differences need a pure loss');
  return gradient;
}

// Same numbers (Object.is) in the same nesting. node:util's isDeepStrictEqual says the same but
// takes ten times as long on these small arrays, and this runs once per gradient key per input.
function sameNumbers(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameNumbers(v, b[i]));
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => sameNumbers((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return Object.is(a, b);
}

/**
 * How far central differences can be off from the true derivative through rounding alone
 * (a few ulps of the loss divided by the step) plus the truncation term, of order step².
 * Below it, a relative error says nothing about the analytic gradient.
 */
export function finiteDifferenceNoise(lossValue: number, step: number): number {
  return (8 * Number.EPSILON * (Math.abs(lossValue) + 1)) / step + step * step;
}

/** The numbers of a number or nested arrays of numbers, in walk order. */
export function flatNumbers(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  return Array.isArray(value) ? value.flatMap(flatNumbers) : [];
}

/**
 * How far central differences of each entry move when the step is doubled or halved, beyond what
 * rounding alone explains: an empirical bound on their error. It is worth computing only when an
 * analytic value and the differences disagree by about the rounding bound, where a loss computed
 * through large intermediate terms (a log-sum-exp) can lose more digits than its value suggests.
 */
export function differenceSpread(loss: (...args: unknown[]) => unknown, args: readonly unknown[], index: number, step: number, at: unknown): number[] {
  const here = flatNumbers(at);
  const wide = flatNumbers(centralDifferences(loss, args, index, 2 * step));
  const narrow = flatNumbers(centralDifferences(loss, args, index, step / 2));
  return here.map((v, i) => Math.max(Math.abs((wide[i] ?? v) - v), Math.abs((narrow[i] ?? v) - v)));
}
