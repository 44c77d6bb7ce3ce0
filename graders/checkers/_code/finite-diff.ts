/**
 * Central differences of a scalar function with respect to one argument (a number, a vector or a
 * matrix), in float64: (f(x + h) − f(x − h)) / 2h per entry. Returns the gradient shaped like the
 * argument.
 */
export function centralDifferences(loss: (...args: unknown[]) => unknown, args: readonly unknown[], index: number, step: number): unknown {
  // Each evaluation gets a fresh copy of every argument, with one entry of args[index] moved.
  const evalAt = (path: number[], entry: number): number => {
    const copy = cloneArgs(args) as unknown[];
    if (path.length === 0) copy[index] = entry;
    else {
      let node = copy[index] as unknown[];
      for (let i = 0; i < path.length - 1; i++) node = node[path[i]!] as unknown[];
      node[path[path.length - 1]!] = entry;
    }
    const v = loss(...copy);
    if (typeof v !== 'number') throw new TypeError(`the loss returned ${typeof v}, not a number`);
    return v;
  };
  const target = args[index];
  const grad = (value: unknown, path: number[]): unknown => {
    if (typeof value === 'number') {
      // Divide by the step actually taken, which rounding makes differ slightly from 2h.
      const up = value + step;
      const down = value - step;
      return (evalAt(path, up) - evalAt(path, down)) / (up - down);
    }
    if (Array.isArray(value)) return value.map((v, i) => grad(v, [...path, i]));
    throw new TypeError(`argument ${index} is neither a number nor an array of numbers`);
  };
  return grad(target, []);
}

/**
 * How far central differences can be off from the true derivative through rounding alone
 * (a few ulps of the loss divided by the step) plus the truncation term, of order step².
 * Below it, a relative error says nothing about the analytic gradient.
 */
export function finiteDifferenceNoise(lossValue: number, step: number): number {
  return (8 * Number.EPSILON * (Math.abs(lossValue) + 1)) / step + step * step;
}

/**
 * A deep copy of plain arguments (numbers, arrays, plain objects), as `structuredClone` would
 * make it but several times faster: finite differences copy the arguments twice per entry, which
 * made copying the largest cost of grading a gradient. Anything else goes to `structuredClone`.
 */
function cloneArgs(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    // slice() keeps a numeric array packed (fast for the loss to read) and holes as holes.
    const out = value.slice() as unknown[];
    for (let i = 0; i < out.length; i++) {
      const v = out[i];
      if (typeof v === 'object' && v !== null) out[i] = cloneArgs(v);
    }
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = cloneArgs(v);
  return out;
}
