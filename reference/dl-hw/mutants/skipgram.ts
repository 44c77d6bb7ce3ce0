/** Wrong versions of the q5 solvers, one per known mistake (common-mistakes.md q5.3, q5.4). */
import { contextLoss, gradients, gradientsFromError, scores, summedError } from '../skipgram.ts';

type Matrix = readonly (readonly number[])[];

/** The log-partition term counted m = K/2 times instead of 2m = K. */
export const lossMInsteadOf2m = (W: Matrix, Wp: Matrix, center: number, contexts: readonly number[]): number =>
  contextLoss(scores(W, Wp, center), contexts, contexts.length / 2);

/** Only the first context word's term. */
export const lossSingleContext = (W: Matrix, Wp: Matrix, center: number, contexts: readonly number[]): number =>
  contextLoss(scores(W, Wp, center), contexts.slice(0, 1), 1);

/** The context treated as a set: a repeated word counted once. */
export function lossUniqueContexts(W: Matrix, Wp: Matrix, center: number, contexts: readonly number[]): number {
  const unique = [...new Set(contexts)];
  return contextLoss(scores(W, Wp, center), unique, unique.length);
}

/** The gradient of the first context word's term only, e = y − t instead of EI. */
export const gradientsSingleContext = (W: Matrix, Wp: Matrix, center: number, contexts: readonly number[]) =>
  gradientsFromError(W, Wp, center, summedError(scores(W, Wp, center), contexts.slice(0, 1)));

/** t − y instead of y − t: the exact negative of the gradient. */
export function gradientsSignFlip(W: Matrix, Wp: Matrix, center: number, contexts: readonly number[]) {
  const { dW, dWp } = gradients(W, Wp, center, contexts);
  const negate = (m: number[][]) => m.map((row) => row.map((v) => (v === 0 ? 0 : -v)));
  return { dW: negate(dW), dWp: negate(dWp) };
}
