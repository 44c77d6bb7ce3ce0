import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registry } from '../../../reference/index.ts';
import { equalitySweep, pairsOfLength, type EqualityParams, type Simulate } from './equality-sweep.ts';

const simulator = registry.solvers['rnn.equalityRnn']!;
const target: Simulate = (x1, x2) => registry.solvers['rnn.equalityTarget']!(x1, x2) as number[];
const simulate =
  (w: EqualityParams, strict: boolean): Simulate =>
  (x1, x2) =>
    simulator(w, x1, x2, strict) as number[];

// Values on and around the thresholds, where the two conventions and the float order matter.
const value = fc.constantFrom(-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 0.1, 0.2, -0.3);
const pair = fc.tuple(value, value);
const weights: fc.Arbitrary<EqualityParams> = fc.record({ W: fc.tuple(pair, pair), b: pair, v: pair, c0: value, r: value, c: value });

describe('equalitySweep', () => {
  it('lists the pairs of a length in lexicographic order of (x1, x2)', () => {
    expect([...pairsOfLength(1)]).toEqual([[[0], [0]], [[0], [1]], [[1], [0]], [[1], [1]]]);
    const two = [...pairsOfLength(2)].map(([a, b]) => `${a.join('')}|${b.join('')}`);
    expect(two).toEqual([...two].sort());
    expect(two).toHaveLength(16);
  });

  it('should agree with simulating every pair through the registry', () => {
    fc.assert(
      fc.property(weights, fc.boolean(), (w, strict) => {
        const { fast: _tables, ...fast } = equalitySweep(w, strict, 5, simulate(w, strict), target);
        const slow = equalitySweep(null, strict, 5, simulate(w, strict), target);
        expect(fast).toEqual(slow);
      }),
      { numRuns: 150, seed: 4404 },
    );
  });

  it('counts the failing pairs of the boundary design under z >= 0 as the answer key does', () => {
    const scan = { W: [[1, 1], [-1, -1]], b: [-1, 0.5], v: [1, 1], c0: 0, r: 1, c: -1 };
    const { summary, failure } = equalitySweep(scan, false, 8, simulate(scan, false), target);
    expect(summary).toEqual({ pairs: 87380, failing: 86870, firstStepOk: false, shortest: 1 });
    expect(failure).toEqual({ x1: [0], x2: [1], t: 1, got: 1, want: 0 });
    const strict = equalitySweep(scan, true, 8, simulate(scan, true), target);
    expect(strict).toMatchObject({ summary: { pairs: 87380, failing: 0, firstStepOk: true, shortest: null }, failure: null });
  });

  it('should run the same automata as the registry on long pairs once the tables are confirmed', () => {
    const bits = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 64 });
    fc.assert(
      fc.property(weights, fc.boolean(), bits, (w, strict, steps) => {
        const { fast } = equalitySweep(w, strict, 3, simulate(w, strict), target);
        const x1 = steps.map((s) => s >> 1);
        const x2 = steps.map((s) => s & 1);
        expect(fast).toBeDefined();
        expect(fast!.simulate(x1, x2)).toEqual(simulate(w, strict)(x1, x2));
        expect(fast!.target(x1, x2)).toEqual(target(x1, x2));
      }),
      { numRuns: 300 },
    );
  });

  it('should offer no fast automata when the tables disagree with the registry', () => {
    const key = { W: [[1, 1], [-1, -1]], b: [-1.5, 0.5], v: [1, 1], c0: -0.5, r: 1, c: -1.5 };
    const odd: Simulate = (x1, x2) => (simulator(key, x1, x2, true) as number[]).map((y, t) => (t >= 2 ? 0 : y));
    expect(equalitySweep(key, true, 6, odd, target).fast).toBeUndefined();
  });

  it('falls back to the registry when the fast tables disagree with it', () => {
    const key = { W: [[1, 1], [-1, -1]], b: [-1.5, 0.5], v: [1, 1], c0: -0.5, r: 1, c: -1.5 };
    // A simulator that, unlike the tables, never outputs 1 after step 2.
    const odd: Simulate = (x1, x2) => (simulator(key, x1, x2, true) as number[]).map((y, t) => (t >= 2 ? 0 : y));
    const { summary, failure } = equalitySweep(key, true, 6, odd, target);
    expect(summary).toMatchObject({ shortest: 3, firstStepOk: true });
    expect(failure).toEqual({ x1: [0, 0, 0], x2: [0, 0, 0], t: 3, got: 0, want: 1 });
  });
});
