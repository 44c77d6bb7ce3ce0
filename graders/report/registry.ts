import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../errors.ts';
import { classSummaryReporter } from './class-summary.ts';
import { csvReporter } from './csv.ts';
import { feedbackReporter } from './feedback.ts';
import { githubSummaryReporter } from './github-summary.ts';
import { gradescopeReporter } from './gradescope.ts';
import { jsonReporter } from './json.ts';
import { junitReporter } from './junit.ts';
import { reviewSheetReporter } from './review-sheet.ts';
import { terminalReporter } from './terminal.ts';
import type { Reporter } from './types.ts';

/**
 * Built-in reporters by the name `--reporters` uses, in the order they run: the canonical JSON
 * first, since every other one renders from the same results, and the terminal summary last.
 */
export const BUILT_IN_REPORTERS: ReadonlyMap<string, Reporter> = new Map(
  [jsonReporter, gradescopeReporter, csvReporter, feedbackReporter, classSummaryReporter, junitReporter, githubSummaryReporter, reviewSheetReporter, terminalReporter].map((r) => [r.name, r]),
);

/** Every built-in reporter: what a run writes when `--reporters` is not given. */
export const REPORTERS: readonly Reporter[] = [...BUILT_IN_REPORTERS.values()];

/**
 * The default reporters of a run that grades one student's own folder (`--submission`): all but
 * the class summary page, whose distributions and charts say nothing about a class of one.
 */
export const SINGLE_SUBMISSION_REPORTERS: readonly Reporter[] = REPORTERS.filter((r) => r !== classSummaryReporter);

/**
 * The reporters a `--reporters` list names, in its order, after the JSON results, which are always
 * written (every other report, `merge` and `--resume` read them). An entry is a built-in name or
 * the path of a module whose default export is a reporter (`{ name, student?, classWide? }`).
 */
export async function resolveReporters(list: string | undefined, options: { singleSubmission: boolean }): Promise<Reporter[]> {
  if (list === undefined) return [...(options.singleSubmission ? SINGLE_SUBMISSION_REPORTERS : REPORTERS)];
  const entries = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (entries.length === 0) throw new UsageError(`--reporters expects a comma-separated list of reporters (${[...BUILT_IN_REPORTERS.keys()].join(', ')}, or a module path), found "${list}"`);
  const chosen: Reporter[] = [jsonReporter];
  for (const entry of entries) {
    const reporter = BUILT_IN_REPORTERS.get(entry) ?? (looksLikePath(entry) ? await loadReporterModule(entry) : undefined);
    if (!reporter) {
      throw new UsageError(`--reporters: no reporter named "${entry}" (built-in: ${[...BUILT_IN_REPORTERS.keys()].join(', ')}; a module is named by its path, e.g. ./my-reporter.js)`);
    }
    if (!chosen.some((r) => r === reporter)) chosen.push(reporter);
  }
  return chosen;
}

function looksLikePath(entry: string): boolean {
  return /[\\/]/.test(entry) || /\.(m|c)?[jt]s$/.test(entry);
}

async function loadReporterModule(entry: string): Promise<Reporter> {
  const file = path.resolve(entry);
  if (!existsSync(file)) throw new UsageError(`--reporters ${entry}: no such file`);
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (err) {
    throw new UsageError(`--reporters ${entry}: the module could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
  }
  const reporter = loaded.default;
  if (!isReporter(reporter)) {
    throw new UsageError(`--reporters ${entry}: the default export is not a reporter; expected an object { name, student?(result, ctx), classWide?(ctx) } with at least one of the two functions`);
  }
  return reporter;
}

function isReporter(value: unknown): value is Reporter {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  const hooks = ['student', 'classWide'].filter((k) => r[k] !== undefined);
  return typeof r.name === 'string' && r.name !== '' && hooks.length > 0 && hooks.every((k) => typeof r[k] === 'function');
}
