/** Wrong versions of the q2 solvers, one per known mistake (common-mistakes.md q2.1, q2.3). */
import { contractivePenalty, encoderTerms } from '../vae.ts';
import { sigmoid } from '../numeric.ts';

type Matrix = readonly (readonly number[])[];

function klTerms(mu: readonly number[], logVar: readonly number[], term: (m: number, l: number) => number): number {
  let sum = 0;
  for (let j = 0; j < mu.length; j++) sum += term(mu[j] ?? 0, logVar[j] ?? 0);
  return sum;
}

/** Σ (mu² + exp(l) − 1 − l), without the ½. */
export const klNoHalf = (mu: readonly number[], logVar: readonly number[]): number =>
  klTerms(mu, logVar, (m, l) => m * m + Math.expm1(l) - l);

/** log σ (= logVar/2) where log σ² belongs. */
export const klLogSigma = (mu: readonly number[], logVar: readonly number[]): number =>
  klTerms(mu, logVar, (m, l) => m * m + Math.expm1(l) - l / 2) / 2;

/** The −1 dropped. */
export const klNoMinusOne = (mu: readonly number[], logVar: readonly number[]): number =>
  klTerms(mu, logVar, (m, l) => m * m + Math.exp(l) - l) / 2;

/** exp(logVar) taken as σ throughout, so σ² = exp(2 logVar) and log σ² = 2 logVar. */
export const klExpAsSigma = (mu: readonly number[], logVar: readonly number[]): number =>
  klTerms(mu, logVar, (m, l) => m * m + Math.expm1(2 * l) - 2 * l) / 2;

function rowSum(W: Matrix, b: readonly number[], x: readonly number[], f: (a: number) => number): number {
  const { a, rowNorm2 } = encoderTerms(W, b, x);
  return a.reduce((sum, ai, i) => sum + f(ai) * (rowNorm2[i] ?? 0), 0);
}

/** Σ h(1−h) ‖W_i‖²: the sigmoid derivative not squared. */
export const penaltyDerivativeNotSquared = (W: Matrix, b: readonly number[], x: readonly number[]): number =>
  rowSum(W, b, x, (a) => sigmoid(a) * sigmoid(-a));

/** Σ h² ‖W_i‖²: the unit's value taken for its derivative. */
export const penaltyHSquared = (W: Matrix, b: readonly number[], x: readonly number[]): number =>
  rowSum(W, b, x, (a) => sigmoid(a) ** 2);

/** ‖J‖_F instead of ‖J‖_F². */
export const penaltyNormNotSquared = (W: Matrix, b: readonly number[], x: readonly number[]): number =>
  Math.sqrt(contractivePenalty(W, b, x));

/** h(1−h) treated as a constant: only the weight-decay-like part 2 (h(1−h))² W survives. */
export function penaltyGradIgnoreSigmoid(W: Matrix, b: readonly number[], x: readonly number[]): { dW: number[][]; db: number[] } {
  const { d } = encoderTerms(W, b, x);
  return {
    dW: W.map((row, i) => row.map((w) => 2 * (d[i] ?? 0) ** 2 * w)),
    db: d.map(() => 0),
  };
}
