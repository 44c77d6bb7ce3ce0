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

export async function writeReports(ctx: ReportContext, reporters: readonly Reporter[] = REPORTERS): Promise<void> {
  for (const reporter of reporters) {
    await reporter.write(ctx);
  }
}
