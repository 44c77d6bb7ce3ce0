/**
 * Question 4 (batch normalisation) of one feature over a batch x of N values:
 * y_i = γ x̂_i + β with x̂_i = (x_i − μ) / sqrt(σ² + ε), μ and σ² the batch mean and biased variance.
 * The backward pass is graded as the gradient of L = Σ dy_i y_i, a loss whose upstream gradient is dy.
 */
import type { Vector } from 'dlgrade';

export const EPS = 1e-5;

function moments(x: Vector, unbiased = false): { mean: number; variance: number } {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const squares = x.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { mean, variance: squares / (unbiased ? Math.max(1, n - 1) : n) };
}

export function batchNormForward(x: Vector, gamma: number, beta: number): Vector {
  const { mean, variance } = moments(x);
  return x.map((v) => (gamma * (v - mean)) / Math.sqrt(variance + EPS) + beta);
}

/** Mutant: the unbiased variance (divided by N − 1), which batch norm does not use. */
export function batchNormForwardUnbiased(x: Vector, gamma: number, beta: number): Vector {
  const { mean, variance } = moments(x, true);
  return x.map((v) => (gamma * (v - mean)) / Math.sqrt(variance + EPS) + beta);
}

/** L = Σ dy_i y_i: its gradient w.r.t. y is dy. */
export function batchNormLoss(x: Vector, gamma: number, beta: number, dy: Vector): number {
  return batchNormForward(x, gamma, beta).reduce((s, y, i) => s + (dy[i] ?? 0) * y, 0);
}

/** dx_i = γ / (N sqrt(σ² + ε)) · (N dy_i − Σ dy − x̂_i Σ dy x̂), dγ = Σ dy x̂, dβ = Σ dy. */
export function batchNormBackward(x: Vector, gamma: number, beta: number, dy: Vector): { dx: Vector; dgamma: number; dbeta: number } {
  const n = x.length;
  const { mean, variance } = moments(x);
  const inv = 1 / Math.sqrt(variance + EPS);
  const xhat = x.map((v) => (v - mean) * inv);
  const sumDy = dy.reduce((a, b) => a + b, 0);
  const sumDyXhat = dy.reduce((s, d, i) => s + d * (xhat[i] ?? 0), 0);
  return {
    dx: x.map((_, i) => ((gamma * inv) / n) * (n * (dy[i] ?? 0) - sumDy - (xhat[i] ?? 0) * sumDyXhat)),
    dgamma: sumDyXhat,
    dbeta: sumDy,
  };
}

/** Mutant: dx = γ dy / sqrt(σ² + ε), as if the batch mean and variance did not depend on x. */
export function batchNormBackwardConstantStats(x: Vector, gamma: number, beta: number, dy: Vector): { dx: Vector; dgamma: number; dbeta: number } {
  const { variance } = moments(x);
  const inv = 1 / Math.sqrt(variance + EPS);
  return { ...batchNormBackward(x, gamma, beta, dy), dx: dy.map((d) => gamma * d * inv) };
}
