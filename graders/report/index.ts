import { classSummaryReporter } from './class-summary.ts';
import { csvReporter } from './csv.ts';
import { feedbackReporter } from './feedback.ts';
import { githubSummaryReporter } from './github-summary.ts';
import { gradescopeReporter } from './gradescope.ts';
import { jsonReporter } from './json.ts';
import { junitReporter } from './junit.ts';
import { reviewSheetReporter } from './review-sheet.ts';
import type { Reporter, ReportContext } from './types.ts';

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

export async function writeReports(ctx: ReportContext, reporters: readonly Reporter[] = REPORTERS): Promise<void> {
  for (const reporter of reporters) {
    await reporter.write(ctx);
  }
}
