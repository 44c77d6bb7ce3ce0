/** Properties every correct KL(q ‖ N(0, I)) output satisfies, checked on students' outputs. */
import type { PropertyFn } from 'dlgrade';

const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');

/** A KL divergence is never negative; a rounding error far below the tolerances is allowed. */
export const klNonNegative: PropertyFn = (_args, output) => {
  if (typeof output !== 'number' || Number.isNaN(output)) return `should return a number, got ${String(output)}`;
  return output >= -1e-12 ? null : `should never be negative (KL ≥ 0), got ${output}`;
};

/** q = N(0, I) is the prior itself, so the divergence vanishes there. */
export const klZeroAtPrior: PropertyFn = (args, output) => {
  const [mu, logVar] = args;
  if (!isNumberArray(mu) || !isNumberArray(logVar)) return null;
  if (!mu.every((m) => m === 0) || !logVar.every((l) => l === 0)) return null;
  if (typeof output !== 'number' || !(Math.abs(output) <= 1e-12)) {
    return `should be 0 when every mu and logVar is 0 (q equals the prior), got ${String(output)}`;
  }
  return null;
};
