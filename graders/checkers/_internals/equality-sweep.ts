import type { EqualityWeights } from '../../../reference/rnn.ts';
/**
 * The exhaustive check of q4.4: every pair of binary sequences of length 1..maxLength.
 *
 * The network's only memory is y(t−1) ∈ {0, 1} and the target's is "equal so far", so both are
 * finite automata over the four inputs (x1(t), x2(t)). Their transition tables are computed once
 * from the weights (with the registry simulator's exact order of float operations, which matters
 * when a sum lands on z = 0), and the counts of failing pairs per length follow by dynamic
 * programming in microseconds instead of 87,380 simulations. The tables are confirmed against the
 * registry's simulator and target on all short pairs; if they ever disagree, the sweep falls back
 * to simulating every pair with the registry functions.
 */

export type Bits = number[];
export type Simulate = (x1: Bits, x2: Bits) => readonly unknown[];

/** The inputs (x1(t), x2(t)) in the order of their index 2·x1 + x2. */
const INPUTS: readonly (readonly [number, number])[] = [[0, 0], [0, 1], [1, 0], [1, 1]];
const CONFIRM_LENGTH = 3;

export interface SweepSummary {
  /** Number of pairs of length 1..maxLength. */
  pairs: number;
  /** Pairs on which some step is wrong. */
  failing: number;
  /** y(1) is right on all four inputs. */
  firstStepOk: boolean;
  /** Length of the shortest failing pair, or null when none fails. */
  shortest: number | null;
}

/** One wrong step: the pair, the step t (1-based), what the network gave and what was wanted. */
export interface StepFailure {
  x1: Bits;
  x2: Bits;
  t: number;
  got: unknown;
  want: unknown;
}

/** The q4.4 weights the sweep tabulates: the reference simulator's own parameter type. */
export type EqualityParams = EqualityWeights;

interface Tables {
  /** y(1) per input. */
  first: number[];
  /** next[y][input]: y(t) given y(t−1) = y. */
  next: [number[], number[]];
}

const g = (z: number, strict: boolean): number => ((strict ? z > 0 : z >= 0) ? 1 : 0);

function tablesOf(w: EqualityParams, strict: boolean): Tables {
  const vh = INPUTS.map(([a, bit]) => {
    let sum = 0;
    w.W.forEach((row, i) => {
      const h = g((row[0] ?? 0) * a + (row[1] ?? 0) * bit + (w.b[i] ?? 0), strict);
      sum = sum + (w.v[i] ?? 0) * h;
    });
    return sum;
  });
  return {
    first: vh.map((s) => g(s + w.c0, strict)),
    next: [vh.map((s) => g(s + w.r * 0 + w.c, strict)), vh.map((s) => g(s + w.r * 1 + w.c, strict))],
  };
}

function runTables(tables: Tables, x1: Bits, x2: Bits): number[] {
  const ys: number[] = [];
  for (let t = 0; t < Math.min(x1.length, x2.length); t++) {
    const input = 2 * (x1[t] ?? 0) + (x2[t] ?? 0);
    const prev = ys[t - 1];
    ys.push(prev === undefined ? (tables.first[input] ?? 0) : (tables.next[prev === 1 ? 1 : 0][input] ?? 0));
  }
  return ys;
}

function equalSoFar(x1: Bits, x2: Bits): number[] {
  let same = true;
  return x1.map((a, t) => {
    same = same && a === x2[t];
    return same ? 1 : 0;
  });
}

/** Every pair of length `length`, in lexicographic order of (x1, x2). */
export function* pairsOfLength(length: number): Generator<[Bits, Bits]> {
  for (let code = 0; code < 4 ** length; code++) {
    const x1: Bits = [];
    const x2: Bits = [];
    for (let t = 0; t < length; t++) {
      x1.push(Math.floor(code / 2 ** (2 * length - 1 - t)) % 2);
      x2.push(Math.floor(code / 2 ** (length - 1 - t)) % 2);
    }
    yield [x1, x2];
  }
}

/** The first step at which `got` differs from `want` (1-based), or 0 when none does. */
export function firstWrongStep(got: readonly unknown[], want: readonly unknown[]): number {
  for (let t = 0; t < want.length; t++) if (got[t] !== want[t]) return t + 1;
  return 0;
}

function sameArrays(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function dynamicSweep(tables: Tables, maxLength: number): SweepSummary {
  // State index: 4·y + 2·same + failed; counts of pairs reaching it at the current length.
  let counts = new Array<number>(8).fill(0);
  let pairs = 0;
  let failing = 0;
  let shortest: number | null = null;
  let firstStepOk = true;
  for (let length = 1; length <= maxLength; length++) {
    const nextCounts = new Array<number>(8).fill(0);
    const add = (y: number, same: boolean, failed: boolean, n: number) => {
      const wrong = failed || y !== (same ? 1 : 0);
      nextCounts[4 * y + (same ? 2 : 0) + (wrong ? 1 : 0)]! += n;
    };
    INPUTS.forEach(([a, bit], input) => {
      if (length === 1) {
        add(tables.first[input] ?? 0, a === bit, false, 1);
        return;
      }
      counts.forEach((n, state) => {
        if (n === 0) return;
        const y = state >> 2;
        add(tables.next[y === 1 ? 1 : 0][input] ?? 0, (state & 2) !== 0 && a === bit, (state & 1) !== 0, n);
      });
    });
    counts = nextCounts;
    const wrongHere = counts.reduce((s, n, state) => s + (state & 1 ? n : 0), 0);
    pairs += 4 ** length;
    failing += wrongHere;
    if (wrongHere > 0 && shortest === null) shortest = length;
    if (length === 1) firstStepOk = wrongHere === 0;
  }
  return { pairs, failing, firstStepOk, shortest };
}

/** The slow path: every pair of the longest length through the registry functions. */
function simulatedSweep(simulate: Simulate, target: Simulate, maxLength: number): SweepSummary {
  // A prefix fails iff the first wrong step of any (every) extension is within it.
  const wrongAt = new Array<number>(maxLength + 2).fill(0);
  for (const [x1, x2] of pairsOfLength(maxLength)) wrongAt[firstWrongStep(simulate(x1, x2), target(x1, x2)) || maxLength + 1]! += 1;
  let pairs = 0;
  let failing = 0;
  let cumulative = 0;
  let shortest: number | null = null;
  for (let length = 1; length <= maxLength; length++) {
    cumulative += wrongAt[length] ?? 0;
    const wrongHere = cumulative / 4 ** (maxLength - length);
    pairs += 4 ** length;
    failing += wrongHere;
    if (wrongHere > 0 && shortest === null) shortest = length;
  }
  return { pairs, failing, firstStepOk: (wrongAt[1] ?? 0) === 0, shortest };
}

/** The lexicographically first pair of `length` that fails, with its first wrong step. */
function firstFailure(simulate: Simulate, target: Simulate, length: number): StepFailure | null {
  for (const [x1, x2] of pairsOfLength(length)) {
    const got = simulate(x1, x2);
    const want = target(x1, x2);
    const t = firstWrongStep(got, want);
    if (t > 0) return { x1, x2, t, got: got[t - 1], want: want[t - 1] };
  }
  return null;
}

/**
 * Checks every pair of length 1..maxLength. `params` enables the fast path when the weights are
 * those of the q4.4 network; `simulate` and `target` (the registry's) are the authority. When the
 * fast path holds, `fast` runs the same automata on pairs of any length.
 */
export function equalitySweep(
  params: EqualityParams | null,
  strict: boolean,
  maxLength: number,
  simulate: Simulate,
  target: Simulate,
): { summary: SweepSummary; failure: StepFailure | null; fast?: { simulate: Simulate; target: Simulate } } {
  let summary: SweepSummary | null = null;
  let tables: Tables | undefined;
  if (params !== null) {
    tables = tablesOf(params, strict);
    let confirmed = true;
    for (let length = 1; length <= Math.min(CONFIRM_LENGTH, maxLength) && confirmed; length++) {
      for (const [x1, x2] of pairsOfLength(length)) {
        if (!sameArrays(runTables(tables, x1, x2), simulate(x1, x2)) || !sameArrays(equalSoFar(x1, x2), target(x1, x2))) {
          confirmed = false;
          break;
        }
      }
    }
    if (confirmed) summary = dynamicSweep(tables, maxLength);
  }
  if (summary !== null) {
    const failure = summary.shortest === null ? null : firstFailure(simulate, target, summary.shortest);
    // The tables agree with the registry, so longer pairs can run through them too.
    const fast = { simulate: (x1: Bits, x2: Bits) => runTables(tables!, x1, x2), target: equalSoFar };
    if (summary.shortest === null || failure !== null) return { summary, failure, fast };
  }
  summary = simulatedSweep(simulate, target, maxLength);
  return { summary, failure: summary.shortest === null ? null : firstFailure(simulate, target, summary.shortest) };
}
