/** Wrong versions of the q4 solvers, one per known mistake (common-mistakes.md q4.1, q4.2). */
import { clipByGlobalNorm, gateBlocks, lstmCombine, type LstmParams } from '../rnn.ts';

/** Clamps every entry to [−maxNorm, maxNorm]: value clipping, which turns the direction. */
export const clipElementwise = (grads: readonly (readonly number[])[], maxNorm: number): number[][] =>
  grads.map((g) => g.map((v) => Math.min(maxNorm, Math.max(-maxNorm, v))));

/** Each tensor clipped by its own norm, so the global norm can reach √k·maxNorm. */
export const clipPerTensor = (grads: readonly (readonly number[])[], maxNorm: number): number[][] =>
  grads.map((g) => clipByGlobalNorm([g], maxNorm)[0] ?? []);

/** The stacked blocks read as i, f, o, g instead of i, f, g, o. */
export function lstmGateOrderIFOG(x: readonly number[], hPrev: readonly number[], cPrev: readonly number[], p: LstmParams) {
  const [zi = [], zf = [], zo = [], zg = []] = gateBlocks(x, hPrev, p);
  return lstmCombine([zi, zf, zg, zo], cPrev);
}

/** h = o⊙c, without the tanh of the cell. */
export const lstmNoOutputTanh = (x: readonly number[], hPrev: readonly number[], cPrev: readonly number[], p: LstmParams) =>
  lstmCombine(gateBlocks(x, hPrev, p), cPrev, false);
