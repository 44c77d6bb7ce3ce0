import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import pack from './index.ts';
import { batchNormBackward, batchNormForward, batchNormLoss } from './batch-norm.ts';
import { outputWidth, ownOutputWidth, ownOutputWidthNoFloor, ownOutputWidthNoPadding, ownParamCount, paramCount, validOutputWidth } from './conv.ts';
import { softmax, softmaxCrossEntropy, softmaxCrossEntropyGradient } from './softmax.ts';
import { computesOr, ignoresAnInput, xor, xorNetwork } from './xor.ts';
import { crossCorrelate, crossCorrelationExample, crossEntropyGradZ, IMAGE, KERNEL, leastSquaresGradW, leastSquaresGradX, softmaxExample, softmaxJacobian, weightDecayGrad } from './linear-algebra.ts';
import { attentionCost, convergentRate, exactStride, gaussianNll, momentumWeight, softplusSlope, treeReductionRounds } from './limits-growth.ts';

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

  it("should give a student's own layer its width, and keep both known mistakes off it for every layer q1's where: admits", () => {
    expect(ownOutputWidth({ params: { width: 40, kernel: 7, stride: 2, pad: 2 } })).toBe(19);
    expect(ownParamCount({ C: 64, F: 128 }, { params: { width: 40, kernel: 3, stride: 2, pad: 1 } })).toBe(73_856);
    // The ranges and constraints of specs/nn-basics/q1.yaml.
    const layer = fc
      .record({ width: fc.integer({ min: 20, max: 64 }), kernel: fc.constantFrom(3, 5, 7), stride: fc.integer({ min: 2, max: 3 }), pad: fc.integer({ min: 1, max: 3 }) })
      .filter((l) => l.pad <= (l.kernel - 1) / 2 && 2 * l.pad >= l.stride && !Number.isInteger((l.width + 2 * l.pad - l.kernel) / l.stride));
    fc.assert(
      fc.property(layer, (params) => {
        const right = ownOutputWidth({ params });
        expect(ownOutputWidthNoPadding({ params })).toBeLessThan(right);
        expect(Number.isInteger(ownOutputWidthNoFloor({ params }))).toBe(false);
        expect(Math.floor(ownOutputWidthNoFloor({ params }))).toBe(right);
      }),
    );
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

describe('linear algebra of a layer', () => {
  const sizes = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }));
  const problem = sizes.chain(([n, d]) => fc.tuple(fc.array(vector(-2, 2, d), { minLength: n, maxLength: n }), vector(-2, 2, d), vector(-2, 2, n)));
  const loss = (W: number[][], x: number[], t: number[]) => 0.5 * W.reduce((s, row, i) => s + (row.reduce((a, w, j) => a + w * x[j]!, 0) - t[i]!) ** 2, 0);

  it('should have the least-squares gradients central differences give, in x and in W', () => {
    fc.assert(
      fc.property(problem, ([W, x, t]) => {
        numericGradient((v) => loss(W, v, t), x).forEach((g, j) => expect(leastSquaresGradX({ W, x, t })[j]).toBeCloseTo(g, 5));
        const flat = W.flat();
        const cols = x.length;
        const unflat = (v: number[]) => W.map((_, i) => v.slice(i * cols, (i + 1) * cols));
        numericGradient((v) => loss(unflat(v), x, t), flat).forEach((g, k) => expect(leastSquaresGradW({ W, x, t })[Math.floor(k / cols)]![k % cols]).toBeCloseTo(g, 5));
      }),
      { numRuns: 50 },
    );
  });

  it('should differentiate weight decay, the cross-entropy and softmax as central differences do', () => {
    expect(weightDecayGrad({ W: [[1, -2]], lambda: 0.5 })).toEqual([[0.5, -1]]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((k) => fc.tuple(vector(-5, 5, k), vector(0, 1, k))), ([z, y]) => {
        const ce = (v: number[]) => Math.log(v.reduce((s, x) => s + Math.exp(x), 0)) - v.reduce((s, x, i) => s + x * y[i]!, 0);
        numericGradient(ce, z).forEach((g, i) => expect(crossEntropyGradZ({ z, y })[i]).toBeCloseTo(g, 5));
        const J = softmaxJacobian({ z });
        z.forEach((_, j) => numericGradient((v) => softmax(v)[j]!, z).forEach((g, i) => expect(J[j]![i]).toBeCloseTo(g, 5)));
      }),
      { numRuns: 50 },
    );
  });

  it('should cross-correlate without flipping the kernel', () => {
    expect(crossCorrelationExample()).toEqual([[3, 7], [0, 2]]);
    const flipped = KERNEL.map((row) => [...row].reverse()).reverse();
    expect(crossCorrelate(IMAGE, flipped)).toEqual([[1, 7], [0, 0]]);
    expect(softmaxExample().map((p) => Number(p.toFixed(3)))).toEqual([0.09, 0.245, 0.665]);
  });
});

describe('limits, growth and sets', () => {
  it('should approach the limits the question asks for', () => {
    expect(softplusSlope({ x: 1e-6 })).toBeCloseTo(0.5, 6);
    expect(momentumWeight({ t: 10_000, beta: 0.9 })).toBeCloseTo(10, 9);
  });

  it('should count the costs and rounds', () => {
    expect(attentionCost({ n: 10 })).toBe(2 * 100 * 64);
    expect([1, 2, 3, 4, 5, 8, 9, 1024, 1025].map((n) => treeReductionRounds({ n }))).toEqual([0, 1, 2, 2, 3, 3, 4, 10, 11]);
  });

  it('should have the sets the answers give', () => {
    expect([0, 0.1, 0.25, 0.49, 0.5, 0.6].map((eta) => convergentRate({ eta }))).toEqual([false, true, true, true, false, false]);
    expect([1, 2, 3, 4, 5, 6, 7, 8].filter((s) => exactStride({ s }))).toEqual([1, 3, 5]);
  });

  it('should be the Gaussian negative log-likelihood', () => {
    expect(gaussianNll({ x: 0, mu: 0, s: 1 })).toBeCloseTo(0.5 * Math.log(2 * Math.PI), 12);
  });
});
