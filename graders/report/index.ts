import { csvReporter } from './csv.ts';
import { gradescopeReporter } from './gradescope.ts';
import { jsonReporter } from './json.ts';
import type { Reporter, ReportContext } from './types.ts';

/** Built-in reporters, the canonical JSON first: every other one renders from the same results. */
export const REPORTERS: readonly Reporter[] = [jsonReporter, gradescopeReporter, csvReporter];

export async function writeReports(ctx: ReportContext, reporters: readonly Reporter[] = REPORTERS): Promise<void> {
  for (const reporter of reporters) {
    await reporter.write(ctx);
  }
}
