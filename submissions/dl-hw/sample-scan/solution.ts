// The skip-gram loss and gradients as written on the scanned answer sheet (q5.3, q5.4): the
// log-partition term is counted m times instead of 2m, and the gradient is that of one output word.

function scores(W: number[][], Wp: number[][], center: number): number[] {
  const v = W[center]!;
  const V = Wp[0]!.length;
  const s: number[] = [];
  for (let j = 0; j < V; j++) {
    let t = 0;
    for (let i = 0; i < v.length; i++) t += Wp[i]![j]! * v[i]!;
    s.push(t);
  }
  return s;
}

function logSumExp(s: number[]): number {
  const m = Math.max(...s);
  return m + Math.log(s.reduce((acc, v) => acc + Math.exp(v - m), 0));
}


export function skipGramLoss(W: number[][], Wp: number[][], center: number, contexts: number[]): number {
  const s = scores(W, Wp, center);
  const m = contexts.length / 2;
  let loss = 0;
  for (const o of contexts) loss -= s[o]!;
  return loss + m * logSumExp(s);
}

export function skipGramGradients(
  W: number[][],
  Wp: number[][],
  center: number,
  contexts: number[],
): { dW: number[][]; dWp: number[][] } {
  const s = scores(W, Wp, center);
  const lse = logSumExp(s);
  const y = s.map((v) => Math.exp(v - lse));
  const EI = y.slice();
  EI[contexts[0]!]! -= 1;
  const v = W[center]!;
  const dWp = Wp.map((_, i) => EI.map((e) => v[i]! * e));
  const dW = W.map((row) => row.map(() => 0));
  for (let i = 0; i < v.length; i++) {
    dW[center]![i] = Wp[i]!.reduce((acc, w, j) => acc + w * EI[j]!, 0);
  }
  return { dW, dWp };
}
