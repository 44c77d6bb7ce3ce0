import type { SubmissionResult } from '../engine/result.ts';
import type { Assignment } from '../spec/types.ts';

/** What a grading run was asked to do; printed in reports so a regrade can be reproduced. */
export interface RunInfo {
  /** dlgrade version that produced the results. */
  version: string;
  /** Spec folder, relative to the working directory. */
  spec: string;
  /** True when hidden checks were skipped (a student's own run). */
  visibleOnly: boolean;
  /** Extra salt mixed into every part seed (empty by default). */
  seedSalt: string;
}

/** Everything a reporter renders from: the canonical results, never the raw submissions. */
export interface ReportContext {
  assignment: Assignment;
  /** Results sorted by student id. */
  results: readonly SubmissionResult[];
  outDir: string;
  run: RunInfo;
}

/**
 * A reporter writes its files under `ctx.outDir`. Reporters run after every submission has been
 * graded; one that throws fails the run (exit 3), since a missing report is a harness fault.
 */
export interface Reporter {
  name: string;
  write(ctx: ReportContext): Promise<void>;
}
