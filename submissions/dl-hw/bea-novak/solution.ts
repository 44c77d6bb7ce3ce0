const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

function matVec(M: number[][], v: number[]): number[] {
  return M.map((row) => row.reduce((s, w, j) => s + w * v[j]!, 0));
}

export function klToStdNormal(mu: number[], logVar: number[]): number {
  let sum = 0;
  for (let j = 0; j < mu.length; j++) {
    sum += mu[j]! * mu[j]! + Math.exp(logVar[j]!) - 1 - logVar[j]!;
  }
  return sum;
}

export function contractivePenalty(W: number[][], b: number[], x: number[]): number {
  const a = matVec(W, x);
  let total = 0;
  for (let i = 0; i < W.length; i++) {
    const h = sigmoid(a[i]! + b[i]!);
    const d = h * (1 - h);
    const rowNorm2 = W[i]!.reduce((s, w) => s + w * w, 0);
    total += d * d * rowNorm2;
  }
  return total;
}

export function contractivePenaltyGrad(W: number[][], b: number[], x: number[]): { dW: number[][]; db: number[] } {
  const a = matVec(W, x);
  const dW: number[][] = [];
  const db: number[] = [];
  for (let i = 0; i < W.length; i++) {
    const h = sigmoid(a[i]! + b[i]!);
    const d = h * (1 - h);
    const rowNorm2 = W[i]!.reduce((s, w) => s + w * w, 0);
    // d/dz of (h(1-h))^2 is 2 (h(1-h)) * h(1-h)(1-2h).
    const dz = 2 * rowNorm2 * d * d * (1 - 2 * h);
    db.push(dz);
    dW.push(W[i]!.map((w, j) => 2 * d * d * w + dz * x[j]!));
  }
  return { dW, db };
}

export function clipByGlobalNorm(grads: number[][], maxNorm: number): number[][] {
  let sq = 0;
  for (const g of grads) for (const v of g) sq += v * v;
  const norm = Math.sqrt(sq);
  if (norm <= maxNorm) return grads.map((g) => g.slice());
  const scale = maxNorm / norm;
  return grads.map((g) => g.map((v) => v * scale));
}

export function lstmStep(
  x: number[],
  hPrev: number[],
  cPrev: number[],
  p: { Wx: number[][]; Wh: number[][]; b: number[] },
): { h: number[]; c: number[] } {
  const H = hPrev.length;
  const zx = matVec(p.Wx, x);
  const zh = matVec(p.Wh, hPrev);
  const z = p.b.map((bi, k) => bi + zx[k]! + zh[k]!);
  const h: number[] = [];
  const c: number[] = [];
  for (let j = 0; j < H; j++) {
    const i = sigmoid(z[j]!);
    const f = sigmoid(z[H + j]!);
    const o = sigmoid(z[2 * H + j]!);
    const g = Math.tanh(z[3 * H + j]!);
    const cj = f * cPrev[j]! + i * g;
    c.push(cj);
    h.push(o * Math.tanh(cj));
  }
  return { h, c };
}

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
  const lse = logSumExp(s);
  let loss = 0;
  for (const o of contexts) loss += lse - s[o]!;
  return loss;
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
  const EI = y.map((yj) => contexts.length * yj);
  for (const o of contexts) EI[o]! -= 1;
  const v = W[center]!;
  const dWp = Wp.map((_, i) => EI.map((e) => v[i]! * e));
  const dW = W.map((row) => row.map(() => 0));
  for (let i = 0; i < v.length; i++) {
    dW[center]![i] = Wp[i]!.reduce((acc, w, j) => acc + w * EI[j]!, 0);
  }
  return { dW, dWp };
}
