/**
 * The contract between specs and reference solvers: specs refer to entries by name
 * (`solver: skipgram.loss`), never copy numbers computed elsewhere.
 */

/** A pure float64 function; formula solvers take one record of the named variables. */
export type SolverFn = (...args: any[]) => unknown;

/**
 * A property that every correct output satisfies, checked on the student's output.
 * Returns null when it holds, else a sentence saying what is violated.
 * `argsAfter` are the arguments as the student's function left them (to detect mutation).
 */
export type PropertyFn = (args: unknown[], output: unknown, argsAfter: unknown[]) => string | null;

/** Recognises a known mistake in a set of hand-designed network weights (by behaviour). */
export type DiagnosticFn = (weights: Record<string, unknown>) => boolean;

export interface SolverRegistry {
  solvers: Readonly<Record<string, SolverFn>>;
  properties: Readonly<Record<string, PropertyFn>>;
  diagnostics: Readonly<Record<string, DiagnosticFn>>;
}
