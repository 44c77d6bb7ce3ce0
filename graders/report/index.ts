import { classSummaryReporter } from './class-summary.ts';
import { csvReporter } from './csv.ts';
import { feedbackReporter } from './feedback.ts';
import { githubSummaryReporter } from './github-summary.ts';
import { gradescopeReporter } from './gradescope.ts';
import { jsonReporter } from './json.ts';
import { junitReporter } from './junit.ts';
import { reviewSheetReporter } from './review-sheet.ts';
import type { SubmissionResult } from '../results/result.ts';
import type { Reporter, ReportContext, StudentReportContext } from './types.ts';

/** Built-in reporters, the canonical JSON first: every other one renders from the same results. */
export const REPORTERS: readonly Reporter[] = [
  jsonReporter,
  gradescopeReporter,
  csvReporter,
  feedbackReporter,
  classSummaryReporter,
  junitReporter,
  githubSummaryReporter,
  reviewSheetReporter,
];

/**
 * The reporters of a run that grades one student's own folder (`--submission`): everything but
 * the class summary page, whose distributions and charts say nothing about a class of one.
 */
export const SINGLE_SUBMISSION_REPORTERS: readonly Reporter[] = REPORTERS.filter((r) => r !== classSummaryReporter);

export interface WriteReportsOptions {
  /** Students whose per-student files are already written from their final result (see student-report-queue.ts). */
  studentsWritten?: ReadonlySet<string>;
}

/** Every file of a run: each student's own files (but those already written), then the class files. */
export async function writeReports(ctx: ReportContext, reporters: readonly Reporter[] = REPORTERS, options: WriteReportsOptions = {}): Promise<void> {
  for (const result of ctx.results) {
    if (!options.studentsWritten?.has(result.student)) await writeStudentReports(result, ctx, reporters);
  }
  for (const reporter of reporters) {
    await reporter.classWide?.(ctx);
  }
}

/** One student's files from every reporter that writes any, in the reporters' order. */
export async function writeStudentReports(result: SubmissionResult, ctx: StudentReportContext, reporters: readonly Reporter[]): Promise<void> {
  for (const reporter of reporters) {
    await reporter.student?.(result, ctx);
  }
}
