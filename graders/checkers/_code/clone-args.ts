/**
 * A deep copy of plain arguments (numbers, arrays, plain objects), as `structuredClone` would
 * make it but several times faster on the small nested arrays of homework functions, where
 * copying inputs before every reference call was a leading cost of grading. Anything else goes
 * to `structuredClone`.
 */
export function cloneArgs<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    // slice() keeps a numeric array packed (fast for the callee to read) and holes as holes.
    const out = value.slice() as unknown[];
    for (let i = 0; i < out.length; i++) {
      const v = out[i];
      if (typeof v === 'object' && v !== null) out[i] = cloneArgs(v);
    }
    return out as T;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = cloneArgs(v);
  return out as T;
}
