import { describe, expect, it } from 'vitest';
import * as mutants from './mutants/rnn.ts';
import { clipByGlobalNorm, equalityRnn, equalityTarget, lstmStep, type EqualityWeights } from './rnn.ts';
import { designs } from './testing/answer-key-vectors.ts';

const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));

describe('clipByGlobalNorm', () => {
  it('should scale every tensor by maxNorm / norm above the threshold', () => {
    // Global norm of (3, 4 | 12) is 13.
    const out = clipByGlobalNorm([[3, 4], [12]], 6.5);
    expect(out).toEqual([[1.5, 2], [6]]);
  });

  it('should return an equal copy at or below the threshold', () => {
    const grads = [[3, 4], [12]];
    const out = clipByGlobalNorm(grads, 13);
    expect(out).toEqual(grads);
    expect(out).not.toBe(grads);
    expect(out[0]).not.toBe(grads[0]);
  });

  it('should not overflow on huge entries', () => {
    const out = clipByGlobalNorm([[3e200, 4e200]], 1);
    expect(out[0]?.[0]).toBeCloseTo(0.6, 12);
    expect(out[0]?.[1]).toBeCloseTo(0.8, 12);
  });

  it('should differ from its mutants where they are wrong', () => {
    expect(mutants.clipElementwise([[6, 8], [12]], 6.5)).toEqual([[6, 6.5], [6.5]]);
    const perTensor = mutants.clipPerTensor([[6, 8], [12]], 6.5).flat();
    [3.9, 5.2, 6.5].forEach((want, k) => expect(perTensor[k]).toBeCloseTo(want, 14));
  });
});

describe('lstmStep', () => {
  // H = 1, X = 1: one row per gate, stacked i, f, g, o.
  const p = { Wx: [[0.5], [-1], [2], [0.3]], Wh: [[0.1], [0.2], [-0.4], [1]], b: [0, 0.5, 0.1, -0.2] };
  const x = [0.8];
  const hPrev = [-0.5];
  const cPrev = [1.2];
  const z = p.Wx.map((row, k) => (row[0] ?? 0) * 0.8 + (p.Wh[k]?.[0] ?? 0) * -0.5 + (p.b[k] ?? 0));
  const [zi = 0, zf = 0, zg = 0, zo = 0] = z;

  it('should compute c = f⊙cPrev + i⊙g and h = o⊙tanh(c) with blocks i, f, g, o', () => {
    const c = sigmoid(zf) * 1.2 + sigmoid(zi) * Math.tanh(zg);
    const { h, c: cOut } = lstmStep(x, hPrev, cPrev, p);
    expect(cOut[0]).toBeCloseTo(c, 14);
    expect(h[0]).toBeCloseTo(sigmoid(zo) * Math.tanh(c), 14);
  });

  it('should make each mutant differ as its mistake predicts', () => {
    const swapped = mutants.lstmGateOrderIFOG(x, hPrev, cPrev, p);
    const cSwapped = sigmoid(zf) * 1.2 + sigmoid(zi) * Math.tanh(zo);
    expect(swapped.c[0]).toBeCloseTo(cSwapped, 14);
    expect(swapped.h[0]).toBeCloseTo(sigmoid(zg) * Math.tanh(cSwapped), 14);
    const noTanh = mutants.lstmNoOutputTanh(x, hPrev, cPrev, p);
    const c = lstmStep(x, hPrev, cPrev, p).c[0] ?? NaN;
    expect(noTanh.h[0]).toBeCloseTo(sigmoid(zo) * c, 14);
  });

  it('should handle several hidden units block by block', () => {
    // H = 2, X = 0: only biases; the gates are known in closed form.
    const b = [1, -1, 0, 2, 0.5, 0.5, -3, 3];
    const { h, c } = lstmStep([], [0, 0], [1, -1], { Wx: b.map(() => []), Wh: b.map(() => [0, 0]), b });
    const want = [0, 1].map((k) => sigmoid(b[2 + k] ?? 0) * [1, -1][k]! + sigmoid(b[k] ?? 0) * Math.tanh(b[4 + k] ?? 0));
    expect(c[0]).toBeCloseTo(want[0]!, 14);
    expect(c[1]).toBeCloseTo(want[1]!, 14);
    expect(h[1]).toBeCloseTo(sigmoid(3) * Math.tanh(want[1]!), 14);
  });
});

/** Every pair of sequences of length 1..maxLength (87,380 pairs for 8). */
function* allPairs(maxLength: number): Generator<[number[], number[]]> {
  for (let T = 1; T <= maxLength; T++) {
    for (let code = 0; code < 4 ** T; code++) {
      const steps = Array.from({ length: T }, (_, t) => Math.floor(code / 4 ** t) % 4);
      yield [steps.map((s) => s >> 1), steps.map((s) => s & 1)];
    }
  }
}

function wrongPairs(w: EqualityWeights, strict: boolean): { total: number; wrong: number } {
  let total = 0;
  let wrong = 0;
  for (const [x1, x2] of allPairs(8)) {
    total++;
    const got = equalityRnn(w, x1, x2, strict);
    if (equalityTarget(x1, x2).some((want, t) => got[t] !== want)) wrong++;
  }
  return { total, wrong };
}

describe('equalityRnn and equalityTarget', () => {
  const vectors: [number[], number[], number[]][] = [
    [[0, 1, 1, 0], [0, 1, 1, 0], [1, 1, 1, 1]],
    [[1, 0, 1], [1, 1, 1], [1, 0, 0]],
    [[0], [1], [0]],
    [[1, 1, 0, 0], [1, 1, 0, 1], [1, 1, 1, 0]],
  ];

  it.each(vectors)('should map %j, %j to %j (target, key and mismatch design)', (x1, x2, want) => {
    expect(equalityTarget(x1, x2)).toEqual(want);
    expect(equalityRnn(designs.key, x1, x2, true)).toEqual(want);
    expect(equalityRnn(designs.mismatch, x1, x2, true)).toEqual(want);
  });

  // Counts of wrong pairs out of 87,380, from the verification output of answer-key.md.
  const expected: [keyof typeof designs, number, number][] = [
    ['key', 0, 0],
    ['boundaryNor', 0, 86870],
    ['boundaryB2', 0, 86870],
    ['mismatch', 0, 0],
    ['literalOcr', 87372, 86870],
    ['noMemory', 83284, 83284],
    ['orRecurrence', 86360, 86360],
    ['onlyAnd', 29124, 29124],
  ];

  it.each(expected)('should get %s wrong on %i pairs (strict) and %i (z ≥ 0)', (name, strict, nonStrict) => {
    expect(wrongPairs(designs[name], true)).toEqual({ total: 87380, wrong: strict });
    expect(wrongPairs(designs[name], false)).toEqual({ total: 87380, wrong: nonStrict });
  });

  it('should output nothing for empty sequences', () => {
    expect(equalityRnn(designs.key, [], [], true)).toEqual([]);
    expect(equalityTarget([], [])).toEqual([]);
  });
});
