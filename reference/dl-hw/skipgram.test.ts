import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as mutants from './mutants/skipgram.ts';
import { gradients, loss } from './skipgram.ts';
import { skipgramVector } from './testing/answer-key-vectors.ts';
import { skipgramProblem } from './testing/arbitraries.ts';
import { maxRelativeError, numericGradient } from './testing/finite-differences.ts';

const expectNear = (got: number, want: number, tol = 1e-9) => expect(Math.abs(got - want)).toBeLessThan(tol);
const maxAbsDiff = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((row, i) => row.map((v, j) => Math.abs(v - (b[i]?.[j] ?? NaN)))));

const { W, Wp, center, contexts } = skipgramVector;

describe('q5 answer-key vectors', () => {
  it('should give the loss 6.513554419847', () => {
    expectNear(loss(W, Wp, center, contexts), 6.513554419847);
  });

  it('should give dL/dv_c and dL/dW′ of verify/q5_skipgram.py, and zero rows elsewhere', () => {
    const { dW, dWp } = gradients(W, Wp, center, contexts);
    [0.378961713723, -0.188186080706, -0.275830015345].forEach((want, i) => expectNear(dW[center]?.[i] ?? NaN, want));
    dW.forEach((row, k) => k !== center && expect(row).toEqual([0, 0, 0]));
    const dWpKey = [
      [-0.069082101685, -0.091454196715, 0.324365284902, 0.327625210212, -0.491454196715],
      [-0.017270525421, -0.022863549179, 0.081091321226, 0.081906302553, -0.122863549179],
      [-0.034541050842, -0.045727098357, 0.162182642451, 0.163812605106, -0.245727098357],
    ];
    expect(maxAbsDiff(dWp, dWpKey)).toBeLessThan(1e-9);
  });

  it('should give the known wrong losses 3.181777209923, 1.575888604962, 4.867665814885', () => {
    expectNear(mutants.lossMInsteadOf2m(W, Wp, center, contexts), 3.181777209923);
    expectNear(mutants.lossSingleContext(W, Wp, center, contexts), 1.575888604962);
    expectNear(mutants.lossUniqueContexts(W, Wp, center, contexts), 4.867665814885);
  });

  it('should give the known wrong gradients (differences 0.568590647536 and 0.982908393429)', () => {
    const right = gradients(W, Wp, center, contexts).dWp;
    expectNear(maxAbsDiff(mutants.gradientsSingleContext(W, Wp, center, contexts).dWp, right), 0.568590647536);
    expectNear(maxAbsDiff(mutants.gradientsSignFlip(W, Wp, center, contexts).dWp, right), 0.982908393429);
  });
});

describe('gradients', () => {
  it('should match float64 central differences of the loss (1e-6 relative)', () => {
    fc.assert(
      fc.property(skipgramProblem, ({ W, Wp, center, contexts }) => {
        const { dW, dWp } = gradients(W, Wp, center, contexts);
        expect(maxRelativeError(dW, numericGradient(W, (Wh) => loss(Wh, Wp, center, contexts)))).toBeLessThan(1e-6);
        expect(maxRelativeError(dWp, numericGradient(Wp, (Wph) => loss(W, Wph, center, contexts)))).toBeLessThan(1e-6);
      }),
      { seed: 5150, numRuns: 20 },
    );
  });

  it('should tell both gradient mutants from central differences', () => {
    const numeric = numericGradient(Wp, (Wph) => loss(W, Wph, center, contexts));
    for (const wrong of [mutants.gradientsSingleContext, mutants.gradientsSignFlip]) {
      expect(maxRelativeError(wrong(W, Wp, center, contexts).dWp, numeric)).toBeGreaterThan(1e-2);
    }
  });
});

describe('numerical care', () => {
  it('should stay finite and exact for huge scores (log-sum-exp)', () => {
    const big = loss([[1000]], [[1, -1, 0.5]], 0, [1, 1]);
    // s = (1000, −1000, 500): −log softmax(s)[1] = 2000 up to e^−500.
    expectNear(big, 2 * 2000, 1e-9);
    const { dW, dWp } = gradients([[1000]], [[1, -1, 0.5]], 0, [1, 1]);
    expect([...dW.flat(), ...dWp.flat()].every(Number.isFinite)).toBe(true);
  });
});
