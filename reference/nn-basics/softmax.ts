/** Question 3 (softmax cross-entropy): the loss of one example and its gradient w.r.t. the logits. */
import type { Vector } from 'dlgrade';

/** softmax(z), shifted by max z so no exp overflows. */
export function softmax(logits: Vector): Vector {
  const top = Math.max(...logits);
  const e = logits.map((z) => Math.exp(z - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** L = −log softmax(z)[label] = log Σ exp(z) − z[label]. */
export function softmaxCrossEntropy(logits: Vector, label: number): number {
  const top = Math.max(...logits);
  const logSumExp = top + Math.log(logits.reduce((s, z) => s + Math.exp(z - top), 0));
  return logSumExp - (logits[label] ?? 0);
}

/** dL/dz = softmax(z) − onehot(label). */
export function softmaxCrossEntropyGradient(logits: Vector, label: number): { dLogits: Vector } {
  return { dLogits: softmax(logits).map((p, i) => p - (i === label ? 1 : 0)) };
}

/** Mutant: −z[label] alone, the normaliser log Σ exp(z) forgotten. */
export function lossWithoutNormaliser(logits: Vector, label: number): number {
  return -(logits[label] ?? 0);
}

/** Mutant: onehot − softmax, the sign flipped. */
export function gradientSignFlipped(logits: Vector, label: number): { dLogits: Vector } {
  return { dLogits: softmaxCrossEntropyGradient(logits, label).dLogits.map((d) => -d) };
}
