import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import pack from './index.ts';
import { batchNormBackward, batchNormForward, batchNormLoss } from './batch-norm.ts';
import { outputWidth, paramCount, validOutputWidth } from './conv.ts';
import { softmax, softmaxCrossEntropy, softmaxCrossEntropyGradient } from './softmax.ts';
import { computesOr, ignoresAnInput, xor, xorNetwork } from './xor.ts';

/** Central differences of f at x, one entry at a time. */
function numericGradient(f: (x: number[]) => number, x: number[], h = 1e-6): number[] {
  return x.map((_, i) => {
    const up = x.map((v, j) => (j === i ? v + h : v));
    const down = x.map((v, j) => (j === i ? v - h : v));
    return (f(up) - f(down)) / (2 * h);
  });
}

const vector = (min: number, max: number, n: number) => fc.array(fc.double({ min, max, noNaN: true }), { minLength: n, maxLength: n });

describe('convolution sizes', () => {
  it('match the worked examples', () => {
    expect(outputWidth(32, 3, 2, 1)).toBe(16);
    expect(outputWidth(224, 7, 2, 3)).toBe(112);
    expect(validOutputWidth({ n: 28, k: 5 })).toBe(24);
    expect(paramCount({ k: 3, C: 64, F: 128 })).toBe(73_856);
  });
});

describe('softmax cross-entropy', () => {
  it('should equal -log softmax(z)[y] and stay finite for large logits', () => {
    expect(softmaxCrossEntropy([2, 1, 0.1], 0)).toBeCloseTo(-Math.log(softmax([2, 1, 0.1])[0]!), 12);
    expect(softmaxCrossEntropy([800, 799, 0], 1)).toBeCloseTo(1 + Math.log1p(Math.exp(-1)), 9);
  });

  it('should have the gradient central differences give', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }).chain((k) => fc.tuple(vector(-5, 5, k), fc.integer({ min: 0, max: k - 1 }))), ([z, y]) => {
        const numeric = numericGradient((v) => softmaxCrossEntropy(v, y), z);
        softmaxCrossEntropyGradient(z, y).dLogits.forEach((d, i) => expect(d).toBeCloseTo(numeric[i]!, 5));
      }),
      { numRuns: 50 },
    );
  });
});

describe('batch normalisation', () => {
  it('should give outputs of mean beta and variance gamma^2 (up to epsilon)', () => {
    const y = batchNormForward([1, 2, 3, 4], 2, 0.5);
    const mean = y.reduce((a, b) => a + b, 0) / 4;
    expect(mean).toBeCloseTo(0.5, 12);
    expect(y.reduce((s, v) => s + (v - mean) ** 2, 0) / 4).toBeCloseTo(4, 4);
  });

  it('should have the gradients central differences give, for x, gamma and beta', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }).chain((n) => fc.tuple(vector(-3, 3, n), fc.double({ min: 0.5, max: 2, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), vector(-1, 1, n))),
        ([x, gamma, beta, dy]) => {
          // Values too close together make the normalisation ill-conditioned for differences.
          fc.pre(Math.max(...x) - Math.min(...x) > 0.1);
          const g = batchNormBackward(x, gamma, beta, dy);
          numericGradient((v) => batchNormLoss(v, gamma, beta, dy), x).forEach((d, i) => expect(g.dx[i]).toBeCloseTo(d, 4));
          expect(g.dgamma).toBeCloseTo(numericGradient(([v]) => batchNormLoss(x, v!, beta, dy), [gamma])[0]!, 4);
          expect(g.dbeta).toBeCloseTo(numericGradient(([v]) => batchNormLoss(x, gamma, v!, dy), [beta])[0]!, 4);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('XOR by hand', () => {
  it('should compute XOR with the example design, and each mistaken design show its mistake only', () => {
    const right = pack.examples.correct['xor.network']!;
    for (const [a, b] of [[0, 0], [0, 1], [1, 0], [1, 1]] as const) expect(xorNetwork(right, [a, b])).toBe(xor(a, b));
    expect([computesOr(right), ignoresAnInput(right)]).toEqual([false, false]);
    expect(computesOr(pack.examples.mistaken['xor.diag.computesOr']!)).toBe(true);
    expect(ignoresAnInput(pack.examples.mistaken['xor.diag.computesOr']!)).toBe(false);
    expect(ignoresAnInput(pack.examples.mistaken['xor.diag.ignoresAnInput']!)).toBe(true);
    expect(computesOr(pack.examples.mistaken['xor.diag.ignoresAnInput']!)).toBe(false);
  });
});
