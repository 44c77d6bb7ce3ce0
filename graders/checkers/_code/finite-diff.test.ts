import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneArgs } from './clone-args.ts';
import { centralDifferences } from './finite-diff.ts';

const matrix = fc.integer({ min: 1, max: 4 }).chain((r) =>
  fc.array(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: r, maxLength: r }),
);

// L(A, b) = Σ_ij b_j A_ij² + Σ_j b_j³: dL/dA_ij = 2 b_j A_ij, dL/db_j = Σ_i A_ij² + 3 b_j².
const loss = (A: unknown, b: unknown): number => {
  const m = A as number[][];
  const v = b as number[];
  return m.reduce((s, row) => s + row.reduce((t, x, j) => t + v[j]! * x * x, 0), 0) + v.reduce((s, x) => s + x ** 3, 0);
};

describe('centralDifferences', () => {
  it('should agree with the analytic gradient of a polynomial loss, for a matrix and a vector argument', () => {
    fc.assert(
      fc.property(matrix, fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 }), (A, b) => {
        const dA = centralDifferences(loss as never, [A, b], 0, 1e-5) as number[][];
        const db = centralDifferences(loss as never, [A, b], 1, 1e-5) as number[];
        A.forEach((row, i) => row.forEach((x, j) => expect(dA[i]![j]).toBeCloseTo(2 * b[j]! * x, 4)));
        b.forEach((x, j) => expect(db[j]).toBeCloseTo(A.reduce((s, row) => s + row[j]! ** 2, 0) + 3 * x * x, 4));
      }),
    );
  });

  it('should leave the caller’s arguments exactly as they were', () => {
    fc.assert(
      fc.property(matrix, (A) => {
        const args = [A, [1, -2, 0.5]];
        const before = cloneArgs(args);
        centralDifferences(loss as never, args, 0, 1e-5);
        centralDifferences(loss as never, args, 1, 1e-5);
        expect(args).toStrictEqual(before);
      }),
    );
  });

  it('should differentiate a scalar argument', () => {
    expect(centralDifferences((x) => (x as number) ** 2, [1.5], 0, 1e-5)).toBeCloseTo(3, 6);
  });

  it('should refuse a loss that modifies its arguments, since the point would have moved', () => {
    const sloppy = (v: unknown): number => {
      const xs = v as number[];
      xs[0] = Math.abs(xs[0]!);
      return xs[0]! + xs[1]!;
    };
    expect(() => centralDifferences(sloppy, [[-1, 2]], 0, 1e-5)).toThrow(/modified its arguments/);
  });
});
