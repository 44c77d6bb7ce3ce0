import { describe, expect, it } from 'vitest';
import pack, { and, denseParams, mse, mseGradient, orGate, thresholdUnit } from './index.ts';

// The solvers are the ground truth every student is graded against: test them like any code.
describe('the __PACK__ solvers', () => {
  it('count the parameters of a 10 -> 5 dense layer', () => {
    expect(denseParams()).toBe(55);
  });

  it('compute the mean squared error of a worked example', () => {
    expect(mse([1, 2, 3], [1, 2, 5])).toBeCloseTo(4 / 3, 12);
  });

  it('give the gradient that central differences of the loss give', () => {
    const pred = [0.3, -1.2, 2];
    const target = [1, 0.5, -0.7];
    const h = 1e-6;
    const numeric = pred.map((_, i) => {
      const up = pred.map((p, j) => (j === i ? p + h : p));
      const down = pred.map((p, j) => (j === i ? p - h : p));
      return (mse(up, target) - mse(down, target)) / (2 * h);
    });
    mseGradient(pred, target).dPred.forEach((d, i) => expect(d).toBeCloseTo(numeric[i]!, 6));
  });

  it('simulate a unit that computes AND with the example design, and recognise OR', () => {
    const design = pack.examples.correct['q1.4.and_gate']!;
    for (const [a, b] of [[0, 0], [0, 1], [1, 0], [1, 1]] as const) expect(thresholdUnit(design, [a, b])).toBe(and(a, b));
    expect(orGate(design)).toBe(false);
    expect(orGate(pack.examples.mistaken['starter.diag.orGate']!)).toBe(true);
  });
});
