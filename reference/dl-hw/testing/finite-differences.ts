/** Central finite differences in float64, to check analytic gradients. */

type Matrix = number[][];

/** d f / d M_ij for every entry of `m`, by (f(M + hE_ij) − f(M − hE_ij)) / 2h on copies of `m`. */
export function numericGradient(m: Matrix, f: (perturbed: Matrix) => number, h = 1e-5): Matrix {
  return m.map((row, i) =>
    row.map((v, j) => {
      const at = (value: number) => f(m.map((r, k) => (k === i ? r.map((w, l) => (l === j ? value : w)) : r)));
      return (at(v + h) - at(v - h)) / (2 * h);
    }),
  );
}

/**
 * The largest entrywise relative error |a − n| / max(|a|, |n|, floor). The floor keeps entries
 * that are zero up to rounding from dominating.
 */
export function maxRelativeError(analytic: Matrix, numeric: Matrix, floor = 1e-4): number {
  let worst = 0;
  analytic.forEach((row, i) =>
    row.forEach((a, j) => {
      const n = numeric[i]?.[j] ?? NaN;
      const err = Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n), floor);
      worst = Number.isNaN(err) ? Infinity : Math.max(worst, err);
    }),
  );
  return worst;
}
