import type { SubmissionResult } from '../results/result.ts';
import type { Assignment } from '../pack/types.ts';

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

/** What one student's reports render from besides that student's result: no other result. */
export interface StudentReportContext {
  assignment: Assignment;
  outDir: string;
  run: RunInfo;
  /** Where reporters that print (the terminal summary) write: the CLI's standard output. Without it they print nothing. */
  print?: (text: string) => void;
}

/** Everything a class report renders from: the canonical results, never the raw submissions. */
export interface ReportContext extends StudentReportContext {
  /** Results sorted by student id. */
  results: readonly SubmissionResult[];
}

/**
 * A reporter writes its files under `ctx.outDir`, in up to two parts. One that throws fails the
 * run (exit 3), since a missing report is a harness fault.
 */
export interface Reporter {
  /** What `--reporters` calls it; a reporter loaded from a module may choose any name. */
  name: string;
  /**
   * Names of the files (or folders) this reporter writes directly under `outDir` for the class.
   * No student folder may take one of these names: such ids are refused before grading.
   */
  classFiles?: readonly string[];
  /**
   * Writes one student's files, only under `<outDir>/<student>/`, from that student's final
   * result alone; it may run while other students are still being graded.
   */
  student?(result: SubmissionResult, ctx: StudentReportContext): Promise<void>;
  /** Writes the files of the whole class, once every result is final. */
  classWide?(ctx: ReportContext): Promise<void>;
}
