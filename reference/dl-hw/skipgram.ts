/**
 * Question 5 (skip-gram with a full softmax). W is V×N (row c is v_c), Wp is N×V (column j is
 * u_j), `contexts` the multiset of 2m context word indices.
 */
import { logSumExp, softmax } from './numeric.ts';

/** s_j = u_jᵀ v_c for every word j. */
export function scores(W: readonly (readonly number[])[], Wp: readonly (readonly number[])[], center: number): number[] {
  const vc = W[center] ?? [];
  const V = Wp[0]?.length ?? 0;
  const s = new Array<number>(V).fill(0);
  Wp.forEach((row, i) => {
    const vi = vc[i] ?? 0;
    for (let j = 0; j < V; j++) s[j] = (s[j] ?? 0) + vi * (row[j] ?? 0);
  });
  return s;
}

/** Σ_k −log softmax(s)[o_k] = K·logΣexp(s) − Σ_k s[o_k], with the log-partition term once per context. */
export function loss(
  W: readonly (readonly number[])[],
  Wp: readonly (readonly number[])[],
  center: number,
  contexts: readonly number[],
): number {
  return contextLoss(scores(W, Wp, center), contexts, contexts.length);
}

/** −Σ_k s[o_k] + partitions·logΣexp(s); mutants reuse it with a wrong count or context list. */
export function contextLoss(s: readonly number[], contexts: readonly number[], partitions: number): number {
  let picked = 0;
  for (const o of contexts) picked += s[o] ?? 0;
  return partitions * logSumExp(s) - picked;
}

/**
 * The summed prediction error EI_j = Σ_k (y_j − t_{k,j}) = K y_j − n_j, then dL/dWp = v_c EIᵀ and
 * dL/dW = x (Wp EI)ᵀ, i.e. only row `center` is non-zero.
 */
export function gradients(
  W: readonly (readonly number[])[],
  Wp: readonly (readonly number[])[],
  center: number,
  contexts: readonly number[],
): { dW: number[][]; dWp: number[][] } {
  return gradientsFromError(W, Wp, center, summedError(scores(W, Wp, center), contexts));
}

export function summedError(s: readonly number[], contexts: readonly number[]): number[] {
  const EI = softmax(s).map((y) => contexts.length * y);
  for (const o of contexts) EI[o] = (EI[o] ?? 0) - 1;
  return EI;
}

export function gradientsFromError(
  W: readonly (readonly number[])[],
  Wp: readonly (readonly number[])[],
  center: number,
  EI: readonly number[],
): { dW: number[][]; dWp: number[][] } {
  const vc = W[center] ?? [];
  const dWp = Wp.map((_, i) => EI.map((e) => (vc[i] ?? 0) * e));
  const dvc = Wp.map((row) => row.reduce((sum, w, j) => sum + w * (EI[j] ?? 0), 0));
  const dW = W.map((row, k) => (k === center ? dvc.slice() : row.map(() => 0)));
  return { dW, dWp };
}
