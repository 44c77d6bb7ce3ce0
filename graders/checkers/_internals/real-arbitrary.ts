import fc from 'fast-check';

// Grid points across a real domain: enough that two draws rarely coincide, few enough decimals
// that a shrunk counterexample reads like 0.25 or -1.5.
const GRID_POINTS = 1e6;
const MAX_DIGITS = 12;

/**
 * Reals of [min, max] to feed a numerical function or formula: decimals on a fine uniform grid,
 * drawn through fast-check's integers, so the bounds, zero and small values come up often and
 * shrinking heads for zero and short decimals.
 *
 * Not `fc.double`: it draws uniformly among the representable doubles, so on [-2, 2] about two
 * thirds of its values are below 1e-100 in magnitude, which tests little of a homework function.
 */
export function realArbitrary(min: number, max: number): fc.Arbitrary<number> {
  const grid = realGrid(min, max);
  if (grid === 'constant') return fc.constant(min);
  if (grid === 'double') return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  const { lo, hi, scale } = grid;
  // Dividing by a power of ten gives the double nearest the decimal, which prints as written.
  return fc.integer({ min: lo, max: hi }).map((i) => i / scale);
}

/**
 * How realArbitrary draws on [min, max]: the integers lo..hi divided by scale, or the constant
 * min on an empty range, or fc.double where the grid's integers would not be safe. Shared with
 * the sampler of draw-args.ts, which must draw exactly what realArbitrary draws.
 */
export function realGrid(min: number, max: number): 'constant' | 'double' | { lo: number; hi: number; scale: number } {
  if (!(max > min)) return 'constant';
  let digits = Math.min(MAX_DIGITS, Math.max(0, Math.ceil(Math.log10(GRID_POINTS / (max - min)))));
  while (digits > 0 && Math.max(Math.abs(min), Math.abs(max)) * 10 ** digits > Number.MAX_SAFE_INTEGER) digits--;
  const scale = 10 ** digits;
  const lo = Math.ceil(min * scale);
  const hi = Math.floor(max * scale);
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo > hi) return 'double';
  return { lo, hi, scale };
}
