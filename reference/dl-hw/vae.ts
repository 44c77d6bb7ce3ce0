/** Question 2 (autoencoders): the VAE's KL terms and the contractive penalty of a sigmoid encoder. */
import { matVec, oneMinusTwoSigmoid, sigmoidDerivative, sumOfSquares } from './numeric.ts';

/**
 * KL(N(mu, diag exp(logVar)) ‖ N(0, I)) = ½ Σ (mu² + exp(logVar) − 1 − logVar).
 * `expm1` keeps exp(l) − 1 − l accurate for small l, where the direct form cancels.
 */
export function klToStdNormal(mu: readonly number[], logVar: readonly number[]): number {
  let sum = 0;
  for (let j = 0; j < mu.length; j++) {
    const m = mu[j] ?? 0;
    const l = logVar[j] ?? 0;
    sum += m * m + (Math.expm1(l) - l);
  }
  return sum / 2;
}

/** KL(N(mu1, s1²) ‖ N(mu2, s2²)) for univariate Gaussians. */
export function klGaussians({ mu1, mu2, s1, s2 }: { mu1: number; mu2: number; s1: number; s2: number }): number {
  const d = mu1 - mu2;
  return Math.log(s2 / s1) + (s1 * s1 + d * d) / (2 * s2 * s2) - 0.5;
}

/** Pre-activations, σ'(a) and squared row norms: everything the penalty and its gradient share. */
export function encoderTerms(W: readonly (readonly number[])[], b: readonly number[], x: readonly number[]) {
  const a = matVec(W, x).map((v, i) => v + (b[i] ?? 0));
  return { a, d: a.map(sigmoidDerivative), rowNorm2: W.map(sumOfSquares) };
}

/** ‖J_h(x)‖_F² for h = σ(Wx + b): Σ_i (h_i(1 − h_i))² Σ_j W_ij². */
export function contractivePenalty(W: readonly (readonly number[])[], b: readonly number[], x: readonly number[]): number {
  const { d, rowNorm2 } = encoderTerms(W, b, x);
  let sum = 0;
  for (let i = 0; i < d.length; i++) sum += (d[i] ?? 0) ** 2 * (rowNorm2[i] ?? 0);
  return sum;
}

/**
 * Gradient of the penalty: with d_i = h_i(1 − h_i) and dd_i/da_i = d_i(1 − 2h_i),
 * dP/dW_ij = 2 d_i² W_ij + 2 ‖W_i‖² d_i² (1 − 2h_i) x_j and dP/db_i = 2 ‖W_i‖² d_i² (1 − 2h_i).
 */
export function contractivePenaltyGrad(
  W: readonly (readonly number[])[],
  b: readonly number[],
  x: readonly number[],
): { dW: number[][]; db: number[] } {
  const { a, d, rowNorm2 } = encoderTerms(W, b, x);
  const db = a.map((ai, i) => 2 * (rowNorm2[i] ?? 0) * (d[i] ?? 0) ** 2 * oneMinusTwoSigmoid(ai));
  const dW = W.map((row, i) => {
    const d2 = (d[i] ?? 0) ** 2;
    return row.map((w, j) => 2 * d2 * w + (db[i] ?? 0) * (x[j] ?? 0));
  });
  return { dW, db };
}
