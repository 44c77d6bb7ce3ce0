/** Properties every correct clipByGlobalNorm(grads, maxNorm) output satisfies. */
import { globalNorm } from './numeric.ts';
import type { PropertyFn } from 'dlgrade';

type Tensors = number[][];

const isTensors = (v: unknown): v is Tensors =>
  Array.isArray(v) && v.every((g) => Array.isArray(g) && g.every((x) => typeof x === 'number'));

/** The inputs as a well-formed pair, or null: other checks say what is wrong with the output. */
function inputs(args: unknown[]): { grads: Tensors; maxNorm: number } | null {
  const [grads, maxNorm] = args;
  return isTensors(grads) && typeof maxNorm === 'number' ? { grads, maxNorm } : null;
}

function maxAbs(values: readonly number[]): number {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v));
  return m;
}

function sameShape(a: Tensors, b: Tensors): boolean {
  return a.length === b.length && a.every((g, k) => g.length === b[k]?.length);
}

export const clipShapeKept: PropertyFn = (args, output) => {
  const input = inputs(args);
  if (!input) return null;
  if (!isTensors(output)) return 'should return a list of number arrays';
  if (!sameShape(input.grads, output)) {
    const shape = (t: Tensors) => `[${t.map((g) => g.length).join(', ')}]`;
    return `should keep the shape: ${input.grads.length} tensors of lengths ${shape(input.grads)}, got ${output.length} of lengths ${shape(output)}`;
  }
  return null;
};

export const clipNormBounded: PropertyFn = (args, output) => {
  const input = inputs(args);
  if (!input || !isTensors(output)) return null;
  const norm = globalNorm(output);
  return norm <= input.maxNorm * (1 + 1e-9) ? null : `the global norm of the result should be at most maxNorm = ${input.maxNorm}, got ${norm}`;
};

/** output = s·input for a single s in (0, 1]: one factor for every entry of every tensor. */
export const clipDirectionKept: PropertyFn = (args, output) => {
  const input = inputs(args);
  if (!input || !isTensors(output) || !sameShape(input.grads, output)) return null;
  const a = input.grads.flat();
  const o = output.flat();
  // Rescale both so the least-squares factor neither overflows nor underflows.
  const scaleA = maxAbs(a);
  const scaleO = maxAbs(o);
  if (scaleA === 0) return scaleO === 0 ? null : 'should return zeros for an all-zero gradient';
  let ao = 0;
  let aa = 0;
  for (let k = 0; k < a.length; k++) {
    const ak = (a[k] ?? 0) / scaleA;
    ao += ak * ((o[k] ?? 0) / (scaleO || 1));
    aa += ak * ak;
  }
  const s = (ao / aa) * ((scaleO || 1) / scaleA);
  let residual = 0;
  for (let k = 0; k < a.length; k++) residual = Math.max(residual, Math.abs((o[k] ?? 0) - s * (a[k] ?? 0)));
  if (!(residual <= 1e-9 * scaleO) || !(s > 0) || !(s <= 1 + 1e-9)) {
    return `should scale every entry by one factor in (0, 1] (direction kept); the closest factor ${s} leaves an error of ${residual}`;
  }
  return null;
};

export const clipUnchangedBelow: PropertyFn = (args, output) => {
  const input = inputs(args);
  if (!input || !isTensors(output) || !sameShape(input.grads, output)) return null;
  const norm = globalNorm(input.grads);
  if (!(norm <= input.maxNorm)) return null;
  const tol = 1e-12 * norm;
  const changed = input.grads.some((g, k) => g.some((v, i) => !(Math.abs((output[k]?.[i] ?? NaN) - v) <= tol)));
  return changed ? `should return the gradients unchanged when their norm ${norm} is at most maxNorm = ${input.maxNorm}` : null;
};

function deepEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  return Object.is(a, b) || a === b;
}

export const clipInputNotMutated: PropertyFn = (args, _output, argsAfter) => {
  // The sandbox reports the arguments only when the call changed them.
  if (argsAfter === undefined) return null;
  return deepEqual(args, argsAfter) ? null : 'should not modify its arguments (return new arrays)';
};
