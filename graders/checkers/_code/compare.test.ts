import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneArgs } from './clone-args.ts';
import { compareWithTolerance, matchShape, worstRelative } from './compare.ts';

const tol = { rel: 1e-6, abs: 1e-9 };
const matrix = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
  .chain(([r, c]) => fc.array(fc.array(fc.integer({ min: -100, max: 100 }), { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));

describe('compare', () => {
  it('should name the one wrong entry of a nested result by its path', () => {
    fc.assert(
      fc.property(matrix, fc.nat(), fc.nat(), (m, ri, ci) => {
        const r = ri % m.length;
        const c = ci % m[0]!.length;
        const actual = cloneArgs(m);
        actual[r]![c]! += 1;
        const f = compareWithTolerance({ dW: m, db: [1, 2] }, { dW: actual, db: [1, 2] }, tol);
        expect(f?.where).toBe(`dW[${r}][${c}]`);
        const w = worstRelative(m, actual, 'dWp');
        expect('worst' in w && w.worst?.where).toBe(`dWp[${r}][${c}]`);
      }),
    );
  });

  it('should report a wrong shape at the place it starts', () => {
    expect(compareWithTolerance({ a: [[1, 2], [3, 4]] }, { a: [[1, 2], [3]] }, tol)).toMatchObject({ shape: true, where: 'a[1]', message: 'a[1]: expected an array of 2, got an array of 1' });
    expect(compareWithTolerance({ a: 1, b: 2 }, { a: 1 }, tol)).toMatchObject({ shape: true, message: 'the result has no key "b" (expected keys a, b)' });
    expect(matchShape([1, 2], [1, '2'])).toMatchObject({ failure: { where: '[1]' } });
  });

  it('should accept values within tolerance', () => {
    expect(compareWithTolerance([1, [2, 3]], [1 + 1e-12, [2, 3 - 1e-10]], tol)).toBeUndefined();
  });
});
