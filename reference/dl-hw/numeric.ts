/** Small float64 helpers shared by the solvers. */

/** σ(a) without overflow: exp is only ever taken of a non-positive number. */
export function sigmoid(a: number): number {
  if (a >= 0) return 1 / (1 + Math.exp(-a));
  const e = Math.exp(a);
  return e / (1 + e);
}

/** σ(a)(1 − σ(a)), computed as e/(1+e)² with e = exp(−|a|) so it neither overflows nor cancels. */
export function sigmoidDerivative(a: number): number {
  const e = Math.exp(-Math.abs(a));
  return e / ((1 + e) * (1 + e));
}

/** 1 − 2σ(a) = −tanh(a/2), without the cancellation of the direct form near a = 0. */
export function oneMinusTwoSigmoid(a: number): number {
  return -Math.tanh(a / 2);
}

export function logSumExp(s: readonly number[]): number {
  let max = -Infinity;
  for (const v of s) if (v > max) max = v;
  if (max === -Infinity || !Number.isFinite(max)) return max;
  let sum = 0;
  for (const v of s) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

export function softmax(s: readonly number[]): number[] {
  const lse = logSumExp(s);
  return s.map((v) => Math.exp(v - lse));
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

export function sumOfSquares(a: readonly number[]): number {
  let sum = 0;
  for (const v of a) sum += v * v;
  return sum;
}

/** y = M v for a row-major matrix M. */
export function matVec(m: readonly (readonly number[])[], v: readonly number[]): number[] {
  return m.map((row) => dot(row, v));
}

/**
 * The L2 norm of all entries of all vectors, scaled by the largest magnitude first so that
 * squaring neither overflows nor underflows.
 */
export function globalNorm(vectors: readonly (readonly number[])[]): number {
  let scale = 0;
  for (const vec of vectors) for (const v of vec) scale = Math.max(scale, Math.abs(v));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let sum = 0;
  for (const vec of vectors) {
    for (const v of vec) {
      const r = v / scale;
      sum += r * r;
    }
  }
  return scale * Math.sqrt(sum);
}
