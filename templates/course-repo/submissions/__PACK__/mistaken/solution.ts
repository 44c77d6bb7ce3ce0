// Sums the squared errors instead of averaging them.
export function meanSquaredError(pred: number[], target: number[]): number {
  let sum = 0;
  for (let i = 0; i < pred.length; i++) sum += (pred[i]! - target[i]!) ** 2;
  return sum;
}

export function mseGradient(pred: number[], target: number[]): { dPred: number[] } {
  return { dPred: pred.map((p, i) => (2 * (p - target[i]!)) / pred.length) };
}
