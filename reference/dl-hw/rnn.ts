/** Question 4 (recurrent networks): gradient clipping, one LSTM step, and the equality RNN of q4.4. */
import { globalNorm, matVec, sigmoid } from './numeric.ts';

/**
 * Scales every entry by maxNorm / norm when the global L2 norm of all tensors exceeds maxNorm,
 * so the direction of the whole gradient is kept; otherwise returns an unchanged copy.
 */
export function clipByGlobalNorm(grads: readonly (readonly number[])[], maxNorm: number): number[][] {
  const norm = globalNorm(grads);
  if (!(norm > maxNorm)) return grads.map((g) => [...g]);
  const scale = maxNorm / norm;
  return grads.map((g) => g.map((v) => v * scale));
}

export interface LstmParams {
  /** 4H×X, gate blocks stacked i, f, g, o. */
  Wx: readonly (readonly number[])[];
  /** 4H×H. */
  Wh: readonly (readonly number[])[];
  /** 4H. */
  b: readonly number[];
}

/** The four gate pre-activation blocks, in the order they are stacked (i, f, g, o). */
export function gateBlocks(x: readonly number[], hPrev: readonly number[], p: LstmParams): number[][] {
  const zx = matVec(p.Wx, x);
  const zh = matVec(p.Wh, hPrev);
  const z = p.b.map((bi, k) => bi + (zx[k] ?? 0) + (zh[k] ?? 0));
  const H = z.length / 4;
  return [0, 1, 2, 3].map((blk) => z.slice(blk * H, (blk + 1) * H));
}

/** Combines gate pre-activations given in the roles i, f, g, o into the next state. */
export function lstmCombine(
  [zi, zf, zg, zo]: number[][],
  cPrev: readonly number[],
  outputTanh = true,
): { h: number[]; c: number[] } {
  const c = (zi ?? []).map((a, k) => sigmoid(zf?.[k] ?? 0) * (cPrev[k] ?? 0) + sigmoid(a) * Math.tanh(zg?.[k] ?? 0));
  const h = c.map((ck, k) => sigmoid(zo?.[k] ?? 0) * (outputTanh ? Math.tanh(ck) : ck));
  return { h, c };
}

/** c = f⊙cPrev + i⊙g, h = o⊙tanh(c), with i, f, o = σ(·) and g = tanh(·). */
export function lstmStep(
  x: readonly number[],
  hPrev: readonly number[],
  cPrev: readonly number[],
  p: LstmParams,
): { h: number[]; c: number[] } {
  return lstmCombine(gateBlocks(x, hPrev, p), cPrev);
}

/** The hand-designed network of q4.4 (weights as in answers.yaml). */
export interface EqualityWeights {
  W: readonly (readonly number[])[];
  b: readonly number[];
  v: readonly number[];
  c0: number;
  r: number;
  c: number;
}

/** The binary threshold unit: g(z) = 1 iff z > 0 (strict) or z ≥ 0. */
export const threshold = (z: number, strict: boolean): number => ((strict ? z > 0 : z >= 0) ? 1 : 0);

export function hiddenUnits(weights: EqualityWeights, a: number, bit: number, strict: boolean): number[] {
  return weights.W.map((row, i) => threshold((row[0] ?? 0) * a + (row[1] ?? 0) * bit + (weights.b[i] ?? 0), strict));
}

/** y(1..T) of the network: h(t) = g(W x(t) + b), y(1) = g(v·h(1) + c0), y(t) = g(v·h(t) + r y(t−1) + c). */
export function equalityRnn(
  weights: EqualityWeights,
  x1: readonly number[],
  x2: readonly number[],
  strict: boolean,
): number[] {
  const T = Math.min(x1.length, x2.length);
  const ys: number[] = [];
  for (let t = 0; t < T; t++) {
    const h = hiddenUnits(weights, x1[t] ?? 0, x2[t] ?? 0, strict);
    const vh = h.reduce((s, hi, i) => s + (weights.v[i] ?? 0) * hi, 0);
    const prev = ys[t - 1];
    ys.push(prev === undefined ? threshold(vh + weights.c0, strict) : threshold(vh + weights.r * prev + weights.c, strict));
  }
  return ys;
}

/** y(t) = 1 iff x1(τ) = x2(τ) for every τ ≤ t. */
export function equalityTarget(x1: readonly number[], x2: readonly number[]): number[] {
  const T = Math.min(x1.length, x2.length);
  const ys: number[] = [];
  let same = true;
  for (let t = 0; t < T; t++) {
    same = same && x1[t] === x2[t];
    ys.push(same ? 1 : 0);
  }
  return ys;
}
