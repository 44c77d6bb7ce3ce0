import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realArbitrary } from './real-arbitrary.ts';

const bounds = fc
  .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }))
  .map(([min, width]) => ({ min, max: min + width }));

describe('realArbitrary', () => {
  it('should draw only values of the domain', () => {
    fc.assert(
      fc.property(bounds, fc.integer(), ({ min, max }, seed) => {
        for (const x of fc.sample(realArbitrary(min, max), { seed, numRuns: 50 })) {
          expect(x).toBeGreaterThanOrEqual(min);
          expect(x).toBeLessThanOrEqual(max);
        }
      }),
    );
  });

  it('should spread over the domain rather than crowd near zero as fc.double does', () => {
    const xs = fc.sample(realArbitrary(-2, 2), { seed: 1, numRuns: 2000 });
    const tiny = xs.filter((x) => Math.abs(x) < 1e-3).length / xs.length;
    const large = xs.filter((x) => Math.abs(x) >= 0.5).length / xs.length;
    expect(tiny).toBeLessThan(0.35);
    expect(large).toBeGreaterThan(0.5);
    expect(new Set(xs).size).toBeGreaterThan(1500);
  });

  it('should draw short decimals that print as written', () => {
    for (const x of fc.sample(realArbitrary(-2, 2), { seed: 2, numRuns: 500 })) {
      expect(String(x)).toMatch(/^-?\d(\.\d{1,6})?$/);
    }
  });

  it('should give the single value of a degenerate domain', () => {
    expect(fc.sample(realArbitrary(3, 3), { seed: 1, numRuns: 5 })).toEqual([3, 3, 3, 3, 3]);
  });
});
