// Unbiased variance in the forward pass; the backward pass treats the batch statistics as constants.
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
  return { dLogits: e.map((v, i) => (i === label ? 1 : 0) - v / sum) };
}

export function batchNormForward(x: number[], gamma: number, beta: number): number[] {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / (x.length - 1);
  return x.map((v) => (gamma * (v - mean)) / Math.sqrt(variance + 1e-5) + beta);
}

export function batchNormBackward(x: number[], gamma: number, _beta: number, dy: number[]): { dx: number[]; dgamma: number; dbeta: number } {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  const inv = 1 / Math.sqrt(variance + 1e-5);
  const xhat = x.map((v) => (v - mean) * inv);
  return { dx: dy.map((d) => gamma * d * inv), dgamma: dy.reduce((s, d, i) => s + d * xhat[i]!, 0), dbeta: dy.reduce((a, b) => a + b, 0) };
}
