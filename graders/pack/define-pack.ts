/**
 * The contract between a course pack's YAML and its code. The assignment file names the pack's
 * module (`reference: ../../reference/<pack>/index.ts`); its default export is
 * `definePack({ ... })`, and the specs refer to its entries by name (`solver: topic.loss`),
 * never copying numbers computed elsewhere. Course code is trusted: it runs in the grader, never
 * in the student sandbox.
 *
 * @packageDocumentation
 */

/** A vector of float64 numbers. */
export type Vector = number[];

/** A matrix as a list of rows of equal length. */
export type Matrix = number[][];

/**
 * A reference solver: a pure float64 function. A `number` part's solver takes no argument; a
 * `formula` part's takes one record of the part's variables (`{ F: 3 }`); a `code` or `gradient`
 * part's takes the same arguments as the student's function; a `weights` part's `target` takes
 * the input (for sequence inputs, one list of bits per stream).
 */
// A solver's arguments are whatever the spec's generators draw: the spec, not the type, says which.
export type SolverFn = (...args: any[]) => unknown;

/**
 * A property every correct output satisfies, checked on the student's output of a code part.
 * Returns null when it holds, else one sentence saying what is violated. `argsAfter` holds the
 * arguments as the student's function left them (to detect mutation).
 */
export type PropertyFn = (args: unknown[], output: unknown, argsAfter: unknown[]) => string | null;

/** The parameters of a `weights` answer, each of the shape the spec declares. */
export type Weights = Readonly<Record<string, number | Vector | Matrix>>;

/**
 * Recognises a known mistake in a hand-designed network by its behaviour. It sees the weights
 * exactly as `shapes` declares them, and answers whether they show the mistake.
 */
export type DiagnosticFn = (weights: Weights) => boolean;

/**
 * Runs a hand-designed network on one input. For sequence inputs `input` holds one list of bits
 * per stream (`[x1, x2]`) and the result is the list of outputs, one per step; for generated
 * inputs `input` holds the generated arguments and the result is compared with the target's.
 * `variant` is undefined for the network as the task states it, or the `variant` the spec's
 * `also_simulate` names (e.g. another threshold convention).
 */
export type SimulatorFn = (weights: Weights, input: readonly unknown[], variant?: string) => unknown;

/**
 * A Mealy machine over the symbols of a sequence task: one symbol per step encodes the bits of
 * every stream (stream i of n is bit n−1−i, so with two streams symbol 2·x1 + x2). From state
 * `s`, reading symbol `x` emits `output[s][x]` and moves to `next[s][x]`.
 */
export interface SequenceAutomaton {
  start: number;
  next: readonly (readonly number[])[];
  output: readonly (readonly unknown[])[];
}

/**
 * An optional fast path for a sequence task: the network and the target as automata, so every
 * input up to the exhaustive length is counted by dynamic programming instead of simulated one by
 * one. Return null when these weights are not a network the fast path describes. The grader
 * confirms both automata against the simulator and the target on every short input and falls back
 * to plain simulation when they disagree, so a fast path can make grading faster, never different.
 */
export type FastPathFn = (weights: Weights, variant?: string) => { network: SequenceAutomaton; target: SequenceAutomaton } | null;

/**
 * Hand-designed answers for the self-test of `weights` parts: a correct design per part id (or per
 * simulator name, for every part using it), and per diagnostic a design that shows that mistake
 * and no mistake listed before it in the part.
 */
export interface ExampleDesigns {
  correct?: Readonly<Record<string, Weights>>;
  mistaken?: Readonly<Record<string, Weights>>;
}

/** What a pack module defines; every table is optional and keyed by the names the specs use. */
export interface PackDefinition {
  solvers?: Readonly<Record<string, SolverFn>>;
  properties?: Readonly<Record<string, PropertyFn>>;
  diagnostics?: Readonly<Record<string, DiagnosticFn>>;
  simulators?: Readonly<Record<string, SimulatorFn>>;
  fastPaths?: Readonly<Record<string, FastPathFn>>;
  examples?: ExampleDesigns;
}

/** Marks a value as made by `definePack`, whichever copy of dlgrade made it. */
export const PACK_BRAND: unique symbol = Symbol.for('dlgrade.pack') as never;

/** A pack as the grader uses it: every table present and frozen. */
export interface Pack {
  readonly [PACK_BRAND]: 1;
  readonly solvers: Readonly<Record<string, SolverFn>>;
  readonly properties: Readonly<Record<string, PropertyFn>>;
  readonly diagnostics: Readonly<Record<string, DiagnosticFn>>;
  readonly simulators: Readonly<Record<string, SimulatorFn>>;
  readonly fastPaths: Readonly<Record<string, FastPathFn>>;
  readonly examples: { readonly correct: Readonly<Record<string, Weights>>; readonly mistaken: Readonly<Record<string, Weights>> };
}

const TABLES = ['solvers', 'properties', 'diagnostics', 'simulators', 'fastPaths'] as const;

/**
 * Declares a course pack's code; the pack module's default export. Throws a `TypeError` naming the
 * entry when a table holds something that is not a function, so a broken pack fails when it is
 * loaded, not in the middle of grading.
 */
export function definePack(definition: PackDefinition): Pack {
  if (definition === null || typeof definition !== 'object') throw new TypeError(`definePack expects an object of tables (${TABLES.join(', ')}, examples), found ${definition === null ? 'null' : typeof definition}`);
  const known = new Set<string>([...TABLES, 'examples']);
  const unknown = Object.keys(definition).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new TypeError(`definePack: unknown table ${unknown.map((k) => `"${k}"`).join(', ')} (the tables are ${[...known].join(', ')})`);
  const tables: Record<string, Readonly<Record<string, unknown>>> = {};
  for (const table of TABLES) {
    const given = definition[table] ?? {};
    if (given === null || typeof given !== 'object') throw new TypeError(`definePack: ${table} must be an object of named functions`);
    for (const [name, fn] of Object.entries(given)) {
      if (typeof fn !== 'function') throw new TypeError(`definePack: ${table}["${name}"] is ${fn === null ? 'null' : typeof fn}, not a function`);
    }
    tables[table] = Object.freeze({ ...given });
  }
  const examples = definition.examples ?? {};
  return Object.freeze({
    [PACK_BRAND]: 1 as const,
    ...(tables as Omit<Pack, typeof PACK_BRAND | 'examples'>),
    examples: Object.freeze({ correct: Object.freeze({ ...(examples.correct ?? {}) }), mistaken: Object.freeze({ ...(examples.mistaken ?? {}) }) }),
  });
}

/** True for a value made by `definePack` (of this or another copy of dlgrade). */
export function isPack(value: unknown): value is Pack {
  return value !== null && typeof value === 'object' && (value as Record<symbol, unknown>)[PACK_BRAND] === 1;
}

/** The pack of an assignment that names no module: nothing to look up, so every name is unknown. */
export const EMPTY_PACK: Pack = definePack({});
