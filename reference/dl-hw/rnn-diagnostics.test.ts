import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Weights } from 'dlgrade';
import registry from './index.ts';
import type { EqualityWeights } from './rnn.ts';
import { designs } from './testing/answer-key-vectors.ts';

const diagnostics = Object.entries(registry.diagnostics);
const firing = (w: unknown) =>
  diagnostics.filter(([, recognise]) => recognise(w as Weights)).map(([name]) => name.replace('rnn.diag.', ''));

const extra = {
  /** AND and OR read out as h1 − h2: a correct design whose hidden units are not exclusive. */
  andMinusOr: { W: [[1, 1], [1, 1]], b: [-1.5, -0.5], v: [1, -1], c0: 0.5, r: 1, c: -0.5 },
  /** AND/NOR placed on the z ≥ 0 boundaries: right only if g(0) = 1. */
  nonStrictOnly: { W: [[1, 1], [-1, -1]], b: [-2, 0], v: [1, 1], c0: -1, r: 1, c: -2 },
  /** Mismatch detectors read out with v = (1, 1). */
  mismatchPositiveV: { W: [[1, -1], [-1, 1]], b: [-0.5, -0.5], v: [1, 1], c0: 0.5, r: 1, c: -0.5 },
  /** h1 = x1, h2 = x2: both fire on (1, 1). */
  copyInputs: { W: [[1, 0], [0, 1]], b: [-0.5, -0.5], v: [1, 1], c0: -0.5, r: 1, c: -1.5 },
};

const cases: [string, EqualityWeights, string[]][] = [
  ['key', designs.key, []],
  ['boundary AND/NOR (b2 = 0.5)', designs.boundaryNor, []],
  ['boundary AND/NOR (b2 = 1)', designs.boundaryB2, []],
  ['mismatch detectors, v = (−1, −1)', designs.mismatch, []],
  ['AND − OR readout', extra.andMinusOr, []],
  ['a z ≥ 0-only design', extra.nonStrictOnly, ['nonStrictOnly']],
  ['literal OCR (h2 = OR)', designs.literalOcr, ['orDetector', 'notExclusive']],
  ['r = 0', designs.noMemory, ['noMemory']],
  ['c = −0.5', designs.orRecurrence, ['orRecurrence']],
  ['only the AND detector', designs.onlyAnd, ['oneDetector']],
  ['mismatch detectors, v = (1, 1)', extra.mismatchPositiveV, ['mismatchPositiveV']],
  ['h = x', extra.copyInputs, ['notExclusive']],
];

describe('q4.4 diagnostics', () => {
  it.each(cases)('should recognise exactly the mistakes of %s', (_name, weights, want) => {
    expect(firing(weights).sort()).toEqual([...want].sort());
  });

  it('should recognise a mistake by behaviour, whatever the scale or the order of the hidden units', () => {
    const scaled = (w: EqualityWeights, k: number, swap: boolean): EqualityWeights => {
      const order = swap ? [1, 0] : [0, 1];
      return {
        W: order.map((i) => (w.W[i] ?? []).map((x) => k * x)),
        b: order.map((i) => k * (w.b[i] ?? 0)),
        v: order.map((i) => k * (w.v[i] ?? 0)),
        c0: k * w.c0,
        r: k * w.r,
        c: k * w.c,
      };
    };
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.double({ min: 0.01, max: 100, noNaN: true }), fc.boolean(), ([, w, want], k, swap) => {
        expect(firing(scaled(w, k, swap)).sort()).toEqual([...want].sort());
      }),
      { seed: 4404, numRuns: 60 },
    );
  });

  it('should recognise nothing in any AND/NOR design of the strict feasible set', () => {
    // answer-key.md: −1 < c0 ≤ 0, c ≤ −1, −1 < r + c ≤ 0 with AND/NOR units and v = (1, 1).
    const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
    fc.assert(
      fc.property(unit, fc.double({ min: 0, max: 5, noNaN: true }), unit, (a, extraC, t) => {
        const c = -1 - extraC;
        expect(firing({ ...designs.key, c0: -a, c, r: -t - c })).toEqual([]);
      }),
      { seed: 4405, numRuns: 40 },
    );
  });

  it.each([
    ['nothing', undefined],
    ['an empty map', {}],
    ['strings', { W: 'x', b: [1, 2], v: [1, 1], c0: 0, r: 1, c: -1 }],
    ['a 3×2 W', { ...designs.literalOcr, W: [[1, 1], [1, 1], [1, 1]] }],
    ['NaN', { ...designs.literalOcr, c: NaN }],
    ['a null v', { ...designs.literalOcr, v: null }],
  ])('should report nothing and not throw for %s', (_name, weights) => {
    expect(firing(weights)).toEqual([]);
  });
});
