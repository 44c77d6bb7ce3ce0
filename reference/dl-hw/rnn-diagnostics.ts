/**
 * Recognisers of the known q4.4 mistakes (common-mistakes.md). They look only at behaviour:
 * the truth tables of the hidden units and of the output unit under the stated strict threshold,
 * and simulations, so any weights that act like a mistake are recognised, whatever their values.
 *
 * A design that is right under either threshold convention is never reported as one of the
 * structural mistakes: a right design has none of them, and a design that is right only under
 * z ≥ 0 has exactly one (`nonStrictOnly`).
 */
import { equalityRnn, equalityTarget, hiddenUnits, threshold, type EqualityWeights } from './rnn.ts';
import type { DiagnosticFn } from 'dlgrade';

const INPUTS: readonly (readonly [number, number])[] = [[0, 0], [0, 1], [1, 0], [1, 1]];
const isMatch = ([a, bit]: readonly [number, number]) => a === bit;
const SIMULATED_LENGTH = 4;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const finitePair = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every(finite);

/** The weights when they have the shapes of q4.4 (W 2×2, b and v of 2, scalars), else null. */
function readWeights(weights: Record<string, unknown>): EqualityWeights | null {
  const { W, b, v, c0, r, c } = weights ?? {};
  if (!Array.isArray(W) || W.length !== 2 || !W.every(finitePair)) return null;
  if (!finitePair(b) || !finitePair(v) || !finite(c0) || !finite(r) || !finite(c)) return null;
  return { W, b, v, c0, r, c };
}

function allPairs(maxLength: number): [number[], number[]][] {
  const pairs: [number[], number[]][] = [];
  for (let T = 1; T <= maxLength; T++) {
    for (let code = 0; code < 4 ** T; code++) {
      const x1: number[] = [];
      const x2: number[] = [];
      for (let t = 0; t < T; t++) {
        const step = Math.floor(code / 4 ** t) % 4;
        x1.push(step >> 1);
        x2.push(step & 1);
      }
      pairs.push([x1, x2]);
    }
  }
  return pairs;
}

const PAIRS = allPairs(SIMULATED_LENGTH);

function isCorrect(w: EqualityWeights, strict: boolean): boolean {
  return PAIRS.every(([x1, x2]) => {
    const got = equalityRnn(w, x1, x2, strict);
    return equalityTarget(x1, x2).every((want, t) => got[t] === want);
  });
}

/** What the weights do under the strict threshold, one entry per input of INPUTS. */
interface Behaviour {
  /** hidden[x][i]: unit i on input x. */
  hidden: number[][];
  /** y(1) on input x. */
  first: number[];
  /** next(y, x): y(t) given y(t−1) = y and input x, for t > 1. */
  next: (yPrev: number, x: number) => number;
}

function behaviour(w: EqualityWeights): Behaviour {
  const hidden = INPUTS.map(([a, bit]) => hiddenUnits(w, a, bit, true));
  const vh = hidden.map((h) => h.reduce((s, hi, i) => s + (w.v[i] ?? 0) * hi, 0));
  return {
    hidden,
    first: vh.map((s) => threshold(s + w.c0, true)),
    next: (yPrev, x) => threshold((vh[x] ?? 0) + w.r * yPrev + w.c, true),
  };
}

const unitTable = (b: Behaviour, unit: number) => b.hidden.map((h) => h[unit] ?? 0);
const sameTable = (table: number[], want: readonly number[]) => table.every((v, x) => v === want[x]);
const OR_TABLE = [0, 1, 1, 1];
const NOR_TABLE = [1, 0, 0, 0];
const UNITS = [0, 1];

/**
 * Wraps a recogniser of a structural mistake: it only runs on well-formed weights that are wrong
 * under both conventions.
 */
function structural(recognise: (b: Behaviour, w: EqualityWeights) => boolean): DiagnosticFn {
  return (weights) => {
    const w = readWeights(weights);
    if (!w || isCorrect(w, true) || isCorrect(w, false)) return false;
    return recognise(behaviour(w), w);
  };
}

/** Right only if g(z) = 1 for z = 0, which the statement does not say. */
export const nonStrictOnly: DiagnosticFn = (weights) => {
  const w = readWeights(weights);
  return w !== null && !isCorrect(w, true) && isCorrect(w, false);
};

/** A unit fires for (0,1), (1,0), (1,1) but not (0,0), and no unit covers (0,0) alone (NOR). */
export const orDetector = structural(
  (b) => UNITS.some((i) => sameTable(unitTable(b, i), OR_TABLE)) && !UNITS.some((i) => sameTable(unitTable(b, i), NOR_TABLE)),
);

/** Both hidden units are 1 on some input, so v·h no longer encodes "match" as 0 or 1. */
export const notExclusive = structural((b) => b.hidden.some((h) => UNITS.every((i) => h[i] === 1)));

/** y(t) is the same whatever y(t−1) was. */
export const noMemory = structural((b) => INPUTS.every((_, x) => b.next(0, x) === b.next(1, x)));

/** y(t) = y(t−1) OR match(t) instead of AND. */
export const orRecurrence = structural((b) =>
  INPUTS.every((input, x) => [0, 1].every((y) => b.next(y, x) === (y === 1 || isMatch(input) ? 1 : 0))),
);

/** A hidden unit never changes, and a matching input (0,0) or (1,1) is then not recognised. */
export const oneDetector = structural((b) => {
  const constant = UNITS.some((i) => new Set(unitTable(b, i)).size === 1);
  const missed = INPUTS.some((input, x) => isMatch(input) && (b.first[x] === 0 || b.next(1, x) === 0));
  return constant && missed;
});

/** Hidden units that fire only on mismatches, read out with positive weights as if they meant "match". */
export const mismatchPositiveV = structural((b, w) => {
  const active = UNITS.filter((i) => unitTable(b, i).includes(1));
  return (
    active.length > 0 &&
    active.every((i) => unitTable(b, i).every((fires, x) => fires === 0 || !isMatch(INPUTS[x] ?? [0, 0]))) &&
    active.every((i) => (w.v[i] ?? 0) > 0)
  );
});
