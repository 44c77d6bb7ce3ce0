import type { SequenceAutomaton } from '../../pack/define-pack.ts';

/**
 * The exhaustive check of a sequence task: every input of `streams` binary streams of length
 * 1..maxLength. Plain simulation enumerates only the inputs of the longest length (a prefix fails
 * iff the first wrong step of every extension is within it). A pack's fast path describes the
 * network and the target as automata; then the counts follow by dynamic programming over their
 * product, once both automata are confirmed against the simulator and the target on every input
 * up to CONFIRM_LENGTH. If they ever disagree, the sweep simulates.
 */

export type Bits = number[];
/** Runs the network (or the target) on one input, one list of bits per stream; one output per step. */
export type Simulate = (streams: readonly Bits[]) => readonly unknown[];

const CONFIRM_LENGTH = 3;

export interface SweepSummary {
  /** Number of inputs of length 1..maxLength. */
  inputs: number;
  /** Inputs on which some step is wrong. */
  failing: number;
  /** The output at the first step is right on every symbol. */
  firstStepOk: boolean;
  /** Length of the shortest failing input, or null when none fails. */
  shortest: number | null;
}

/** One wrong step: the input, the step t (1-based), what the network gave and what was wanted. */
export interface StepFailure {
  streams: Bits[];
  t: number;
  got: unknown;
  want: unknown;
}

/** The bits of symbol `s` (stream i of n is bit n−1−i). */
export function symbolBits(symbol: number, streams: number): number[] {
  return Array.from({ length: streams }, (_, i) => (symbol >> (streams - 1 - i)) & 1);
}

/** Splits a list of symbols into one list of bits per stream. */
export function splitSymbols(symbols: readonly number[], streams: number): Bits[] {
  // Thousands of random inputs per submission go through here: no array per symbol.
  const out: Bits[] = [];
  for (let i = 0; i < streams; i++) {
    const shift = streams - 1 - i;
    const row: Bits = [];
    for (let t = 0; t < symbols.length; t++) row.push((symbols[t]! >> shift) & 1);
    out.push(row);
  }
  return out;
}

/** Every input of `length`, in lexicographic order of (x1, x2, ...). */
export function* inputsOfLength(streams: number, length: number): Generator<Bits[]> {
  const bits = streams * length;
  for (let code = 0; code < 2 ** bits; code++) {
    const input: Bits[] = [];
    for (let i = 0; i < streams; i++) {
      const row: Bits = [];
      for (let t = 0; t < length; t++) row.push(Math.floor(code / 2 ** ((streams - 1 - i) * length + (length - 1 - t))) % 2);
      input.push(row);
    }
    yield input;
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

/** Runs an automaton on one input; undefined when it steps outside its own tables. */
export function runAutomaton(m: SequenceAutomaton, streams: readonly Bits[]): unknown[] | undefined {
  const n = streams.length;
  const length = Math.min(...streams.map((s) => s.length));
  const out: unknown[] = [];
  let state = m.start;
  for (let t = 0; t < length; t++) {
    let symbol = 0;
    for (let i = 0; i < n; i++) symbol = 2 * symbol + (streams[i]![t] === 1 ? 1 : 0);
    const row = m.output[state];
    const next = m.next[state]?.[symbol];
    if (!row || !Object.hasOwn(row, symbol) || next === undefined) return undefined;
    out.push(row[symbol]);
    state = next;
  }
  return out;
}

/**
 * firstWrongStep(runAutomaton(network, input) ?? [], runAutomaton(target, input) ?? []), without
 * building either list of outputs: thousands of random inputs per submission go through here.
 */
export function firstWrongOfAutomata(network: SequenceAutomaton, target: SequenceAutomaton, streams: readonly Bits[]): number {
  const n = streams.length;
  if (n === 0) return firstWrongStep(runAutomaton(network, streams) ?? [], runAutomaton(target, streams) ?? []);
  let length = Infinity;
  for (let i = 0; i < n; i++) length = Math.min(length, streams[i]!.length);
  let ns = network.start;
  let ts = target.start;
  let wrong = 0;
  for (let t = 0; t < length; t++) {
    let symbol = 0;
    for (let i = 0; i < n; i++) symbol = 2 * symbol + (streams[i]![t] === 1 ? 1 : 0);
    const wantRow = target.output[ts];
    const wantNext = target.next[ts]?.[symbol];
    // The target leaves its tables: it has no outputs at all, so no step can be wrong.
    if (!wantRow || !Object.hasOwn(wantRow, symbol) || wantNext === undefined) return 0;
    const gotRow = network.output[ns];
    const gotNext = network.next[ns]?.[symbol];
    // The network leaves its tables: it has no outputs at all, and every step is compared with nothing.
    if (!gotRow || !Object.hasOwn(gotRow, symbol) || gotNext === undefined) return firstWrongStep([], runAutomaton(target, streams) ?? []);
    if (wrong === 0 && gotRow[symbol] !== wantRow[symbol]) wrong = t + 1;
    ns = gotNext;
    ts = wantNext;
  }
  return wrong;
}

function wellFormed(m: SequenceAutomaton, symbols: number): boolean {
  const states = m.next.length;
  const isState = (s: unknown) => Number.isInteger(s) && (s as number) >= 0 && (s as number) < states;
  return isState(m.start) && m.output.length === states && m.next.every((row, s) => row.length === symbols && row.every(isState) && m.output[s]!.length === symbols);
}

function dynamicSweep(network: SequenceAutomaton, target: SequenceAutomaton, symbols: number, maxLength: number): SweepSummary {
  // Counts of inputs reaching (network state, target state, failed yet) at the current length.
  const tStates = target.next.length;
  const index = (ns: number, ts: number, failed: boolean) => (ns * tStates + ts) * 2 + (failed ? 1 : 0);
  let counts = new Array<number>(network.next.length * tStates * 2).fill(0);
  counts[index(network.start, target.start, false)] = 1;
  let inputs = 0;
  let failing = 0;
  let shortest: number | null = null;
  let firstStepOk = true;
  for (let length = 1; length <= maxLength; length++) {
    const nextCounts = new Array<number>(counts.length).fill(0);
    counts.forEach((n, state) => {
      if (n === 0) return;
      const failed = (state & 1) === 1;
      const pair = state >> 1;
      const ns = Math.floor(pair / tStates);
      const ts = pair % tStates;
      for (let x = 0; x < symbols; x++) {
        const wrong = failed || network.output[ns]![x] !== target.output[ts]![x];
        nextCounts[index(network.next[ns]![x]!, target.next[ts]![x]!, wrong)]! += n;
      }
    });
    counts = nextCounts;
    const wrongHere = counts.reduce((s, n, state) => s + (state & 1 ? n : 0), 0);
    inputs += symbols ** length;
    failing += wrongHere;
    if (wrongHere > 0 && shortest === null) shortest = length;
    if (length === 1) firstStepOk = wrongHere === 0;
  }
  return { inputs, failing, firstStepOk, shortest };
}

function simulatedSweep(simulate: Simulate, target: Simulate, streams: number, maxLength: number): SweepSummary {
  const symbols = 2 ** streams;
  const wrongAt = new Array<number>(maxLength + 2).fill(0);
  for (const input of inputsOfLength(streams, maxLength)) wrongAt[firstWrongStep(simulate(input), target(input)) || maxLength + 1]! += 1;
  let inputs = 0;
  let failing = 0;
  let cumulative = 0;
  let shortest: number | null = null;
  for (let length = 1; length <= maxLength; length++) {
    cumulative += wrongAt[length] ?? 0;
    const wrongHere = cumulative / symbols ** (maxLength - length);
    inputs += symbols ** length;
    failing += wrongHere;
    if (wrongHere > 0 && shortest === null) shortest = length;
  }
  return { inputs, failing, firstStepOk: (wrongAt[1] ?? 0) === 0, shortest };
}

/** The lexicographically first input of `length` that fails, with its first wrong step. */
function firstFailure(simulate: Simulate, target: Simulate, streams: number, length: number): StepFailure | null {
  for (const input of inputsOfLength(streams, length)) {
    const got = simulate(input);
    const want = target(input);
    const t = firstWrongStep(got, want);
    if (t > 0) return { streams: input, t, got: got[t - 1], want: want[t - 1] };
  }
  return null;
}

/** A pack's automata, once they proved to agree with the simulator and the target. */
function confirmed(automata: { network: SequenceAutomaton; target: SequenceAutomaton }, simulate: Simulate, target: Simulate, streams: number, maxLength: number): boolean {
  const symbols = 2 ** streams;
  if (!wellFormed(automata.network, symbols) || !wellFormed(automata.target, symbols)) return false;
  for (let length = 1; length <= Math.min(CONFIRM_LENGTH, maxLength); length++) {
    for (const input of inputsOfLength(streams, length)) {
      const net = runAutomaton(automata.network, input);
      const want = runAutomaton(automata.target, input);
      if (!net || !want || !sameArrays(net, simulate(input)) || !sameArrays(want, target(input))) return false;
    }
  }
  return true;
}

/**
 * Checks every input of length 1..maxLength. `simulate` and `target` are the authority; when the
 * pack's automata agree with them, the counts come from the automata, and `fast` runs the same
 * automata on inputs of any length.
 */
export function sequenceSweep(
  automata: { network: SequenceAutomaton; target: SequenceAutomaton } | null,
  streams: number,
  maxLength: number,
  simulate: Simulate,
  target: Simulate,
): { summary: SweepSummary; failure: StepFailure | null; fast?: { simulate: Simulate; target: Simulate; firstWrong: (input: readonly Bits[]) => number } } {
  if (automata !== null && confirmed(automata, simulate, target, streams, maxLength)) {
    const summary = dynamicSweep(automata.network, automata.target, 2 ** streams, maxLength);
    const failure = summary.shortest === null ? null : firstFailure(simulate, target, streams, summary.shortest);
    const fast = {
      simulate: (input: readonly Bits[]) => runAutomaton(automata.network, input) ?? [],
      target: (input: readonly Bits[]) => runAutomaton(automata.target, input) ?? [],
      firstWrong: (input: readonly Bits[]) => firstWrongOfAutomata(automata.network, automata.target, input),
    };
    if (summary.shortest === null || failure !== null) return { summary, failure, fast };
  }
  const summary = simulatedSweep(simulate, target, streams, maxLength);
  return { summary, failure: summary.shortest === null ? null : firstFailure(simulate, target, streams, summary.shortest) };
}
