/** fast-check generators of valid solver inputs, shared by the tests of the reference. */
import fc from 'fast-check';

const entry = (bound: number) => fc.double({ min: -bound, max: bound, noNaN: true });
const vector = (n: number, bound: number) => fc.array(entry(bound), { minLength: n, maxLength: n });
const matrix = (rows: number, cols: number, bound: number) =>
  fc.array(vector(cols, bound), { minLength: rows, maxLength: rows });

/** W (H×D), b and x of a sigmoid encoder. */
export const encoderProblem = fc
  .record({ H: fc.integer({ min: 1, max: 4 }), D: fc.integer({ min: 1, max: 5 }) })
  .chain(({ H, D }) => fc.record({ W: matrix(H, D, 2), b: vector(H, 2), x: vector(D, 2) }));

/** A skip-gram problem: V words, N dimensions, 2m context indices with repeats. */
export const skipgramProblem = fc
  .record({ V: fc.integer({ min: 2, max: 8 }), N: fc.integer({ min: 1, max: 4 }), m: fc.integer({ min: 1, max: 3 }) })
  .chain(({ V, N, m }) =>
    fc.record({
      W: matrix(V, N, 2),
      Wp: matrix(N, V, 2),
      center: fc.integer({ min: 0, max: V - 1 }),
      contexts: fc.array(fc.integer({ min: 0, max: V - 1 }), { minLength: 2 * m, maxLength: 2 * m }),
    }),
  );

/** mu and logVar of one diagonal Gaussian. */
export const gaussianProblem = fc
  .integer({ min: 1, max: 6 })
  .chain((d) => fc.record({ mu: vector(d, 3), logVar: vector(d, 3) }));

/** x, hPrev, cPrev and the stacked (i, f, g, o) parameters of one LSTM step. */
export const lstmProblem = fc
  .record({ X: fc.integer({ min: 1, max: 4 }), H: fc.integer({ min: 1, max: 4 }) })
  .chain(({ X, H }) =>
    fc.record({
      x: vector(X, 2),
      hPrev: vector(H, 1),
      cPrev: vector(H, 2),
      p: fc.record({ Wx: matrix(4 * H, X, 1), Wh: matrix(4 * H, H, 1), b: vector(4 * H, 1) }),
    }),
  );

/** A list of gradient tensors (flattened) and a positive maxNorm. */
export const clipProblem = fc.record({
  grads: fc.array(fc.array(entry(10), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
  maxNorm: fc.double({ min: 0.01, max: 20, noNaN: true }),
});
