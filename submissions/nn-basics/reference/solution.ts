export function softmaxCrossEntropy(logits: number[], label: number): number {
  const top = Math.max(...logits);
  let sum = 0;
  for (const z of logits) sum += Math.exp(z - top);
  return top + Math.log(sum) - logits[label]!;
}

export function softmaxCrossEntropyGradient(logits: number[], label: number): { dLogits: number[] } {
  const top = Math.max(...logits);
  const e = logits.map((z) => Math.exp(z - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return { dLogits: e.map((v, i) => v / sum - (i === label ? 1 : 0)) };
}

function stats(x: number[]): { mean: number; inv: number; xhat: number[] } {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
  const inv = 1 / Math.sqrt(variance + 1e-5);
  return { mean, inv, xhat: x.map((v) => (v - mean) * inv) };
}

export function batchNormForward(x: number[], gamma: number, beta: number): number[] {
  return stats(x).xhat.map((h) => gamma * h + beta);
}

export function batchNormBackward(x: number[], gamma: number, _beta: number, dy: number[]): { dx: number[]; dgamma: number; dbeta: number } {
  const n = x.length;
  const { inv, xhat } = stats(x);
  const dbeta = dy.reduce((a, b) => a + b, 0);
  const dgamma = dy.reduce((s, d, i) => s + d * xhat[i]!, 0);
  return { dx: dy.map((d, i) => ((gamma * inv) / n) * (n * d - dbeta - xhat[i]! * dgamma)), dgamma, dbeta };
}
