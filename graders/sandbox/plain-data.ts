/** How much of a value from the child the grader accepts before it renders or compares it. */
export interface PlainDataLimits {
  /** Deepest nesting of arrays and objects. */
  maxDepth: number;
  /** Most entries (array elements, object properties, primitives) in one value. */
  maxEntries: number;
  /** Most characters of all strings and keys in one value together. */
  maxStringChars: number;
}

export const PLAIN_DATA_LIMITS: PlainDataLimits = { maxDepth: 32, maxEntries: 1_000_000, maxStringChars: 4_000_000 };

/**
 * Checks that a decoded value is plain data: numbers, strings, booleans, null and undefined,
 * inside arrays and plain objects, with no object reached twice (so no cycles and no shared
 * parts a walk would visit exponentially often), within the limits. Maps, Sets, Dates, typed
 * arrays, boxed primitives, errors and objects with another prototype are refused: the runner
 * never sends them, so only a student writing to the channel can. Iterative, so no nesting can
 * overflow the grader's stack. Returns why not, or undefined when the value is fine;
 * `seen` may be shared by the values of one message.
 */
export function plainDataProblem(value: unknown, limits: PlainDataLimits = PLAIN_DATA_LIMITS, seen = new Set<object>()): string | undefined {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  let entries = 0;
  let chars = 0;
  while (stack.length) {
    const { v, depth } = stack.pop()!;
    if (++entries > limits.maxEntries) return `more than ${limits.maxEntries} entries`;
    switch (typeof v) {
      case 'number':
      case 'boolean':
      case 'undefined':
        continue;
      case 'string':
        chars += v.length;
        if (chars > limits.maxStringChars) return `more than ${limits.maxStringChars} characters of text`;
        continue;
      case 'object':
        break;
      default:
        return `a value of type ${typeof v}`;
    }
    if (v === null) continue;
    if (depth >= limits.maxDepth) return `nesting deeper than ${limits.maxDepth} levels`;
    if (seen.has(v)) return 'an object that appears more than once (a cycle or a shared reference)';
    seen.add(v);
    const proto = Object.getPrototypeOf(v) as unknown;
    if (Array.isArray(v)) {
      if (proto !== Array.prototype) return 'an array with a foreign prototype';
      // The length first: a sparse array can claim 2^32 - 1 elements in a few bytes.
      if (entries + v.length > limits.maxEntries) return `more than ${limits.maxEntries} entries`;
      for (let i = v.length - 1; i >= 0; i--) {
        const e: unknown = v[i];
        // Numbers are nearly all of it: count them here instead of visiting each.
        if (typeof e === 'number') entries++;
        else stack.push({ v: e, depth: depth + 1 });
      }
      continue;
    }
    if (proto !== Object.prototype && proto !== null) {
      const name = Object.prototype.toString.call(v).slice(8, -1);
      return `an object of kind ${name}, not plain data`;
    }
    const keys = Object.keys(v);
    if (entries + keys.length > limits.maxEntries) return `more than ${limits.maxEntries} entries`;
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      if (k === '__proto__') return 'an object with a "__proto__" key';
      chars += k.length;
      if (chars > limits.maxStringChars) return `more than ${limits.maxStringChars} characters of text`;
      stack.push({ v: (v as Record<string, unknown>)[k], depth: depth + 1 });
    }
  }
  return undefined;
}
