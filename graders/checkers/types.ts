import type { IsolationLevel, PartResult } from '../results/result.ts';
import type { Assignment, PartSpec } from '../pack/types.ts';
import type { Pack } from '../pack/define-pack.ts';

/** The outcome of one call of a student's function inside the sandbox. */
export type CallOutcome =
  | { ok: true; value: unknown; /** The arguments as the function left them, when it changed them. */ argsAfter?: unknown[] }
  | { ok: false; error: string; kind: 'threw' | 'timeout' | 'crashed' | 'not-a-function' | 'bad-output' };

/**
 * A handle on the student's code, running in the sandbox. Inputs go in, outputs come back as
 * plain data; the comparison happens in the grader.
 */
export interface CodeHandle {
  /** Names of the functions the module exports. */
  exports(): Promise<string[]>;
  /** Calls `fn` once per argument list, in order, on copies: the caller's arguments never change. */
  callBatch(fn: string, argLists: unknown[][]): Promise<CallOutcome[]>;
  /**
   * The same code, with its calls charged to the submission's separate shrinking budget: a
   * counterexample search can then never use up the time a later part needs.
   */
  shrinking?(): CodeHandle;
  /** The grader's own time (judging outputs, shrinking) the code parts of this submission may use, ms. */
  readonly graderTimeMs?: number;
}

/** An open handle on a submission's code, for the code and gradient parts. */
export interface CodeSession {
  handle?: CodeHandle;
  /** Why the code cannot be run (compile error, refused file); code parts become invalid. */
  problem?: string;
  isolation?: IsolationLevel;
  /** Remarks for the student about their code (files not made available, ...). */
  notes?: string[];
  close(): Promise<void>;
}

/** Opens the student's code, or resolves undefined when the submission has no solution file. */
export type CodeOpener = (studentDir: string, assignment: Assignment) => Promise<CodeSession | undefined>;

export interface CheckContext {
  assignmentId: string;
  studentId: string;
  /** Derived from (assignment, part, student): the only source of randomness a checker may use. */
  seed: number;
  solvers: Pack;
  /** Only the visible checks are run (a student's own CI run). */
  visibleOnly: boolean;
  /** Present for code and gradient parts when the submission has a solution file. */
  code?: CodeHandle;
  /** Set when the solution file could not be compiled; code parts report it as invalid. */
  codeProblem?: string;
}

/**
 * One checker per answer kind. `answer` is the raw value read from answers.yaml (undefined when
 * absent); code kinds ignore it and use `ctx.code`. A checker never throws for bad student input:
 * it returns `invalid`, `failed` or `error`.
 */
export interface Checker<P extends PartSpec = PartSpec> {
  kind: P['kind'];
  check(part: P, answer: unknown, ctx: CheckContext): Promise<PartResult>;
}
