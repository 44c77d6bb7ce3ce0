import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runGrading, type TaInput } from '../engine/run.ts';
import type { Assignment } from '../pack/types.ts';
import { REPORTERS } from '../report/registry.ts';
import type { RunInfo } from '../report/types.ts';
import { readResults } from '../results/result-files.ts';
import type { StoreChange } from '../results/ta-store.ts';

/**
 * The reporters the review page rewrites the reports with: every built-in one but those that
 * speak to a terminal or a CI job (the page's server has neither to speak to).
 */
export const REVIEW_REPORTERS = REPORTERS.filter((r) => r.name !== 'terminal' && r.name !== 'github-summary');

/**
 * What the run that wrote a reports folder was asked (its `summary.json`), so reports rewritten
 * from the store say the same; undefined when the folder has none.
 */
export async function readRunInfo(outDir: string): Promise<RunInfo | undefined> {
  const text = await readFile(path.join(outDir, 'summary.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const run = (JSON.parse(text) as { run?: Partial<RunInfo> }).run;
    if (!run || typeof run.version !== 'string' || typeof run.spec !== 'string' || typeof run.visibleOnly !== 'boolean' || typeof run.seedSalt !== 'string') return undefined;
    return { version: run.version, spec: run.spec, visibleOnly: run.visibleOnly, seedSalt: run.seedSalt };
  } catch {
    return undefined;
  }
}

export interface RerenderOptions {
  outDir: string;
  assignment: Assignment;
  specDir: string;
  run: RunInfo;
  /** TA input to store first (a review sheet being imported). */
  input?: TaInput;
}

/**
 * Rewrites the reports of a folder from its results and the TA store as it is now: the run that
 * `grade` does, with nothing to grade. Only students the store changed get new files; the class
 * files are all rewritten. Returns the store revision the reports now show, and what the input changed.
 */
export async function rerenderReports(options: RerenderOptions): Promise<{ revision: number; changes: StoreChange[]; students: number }> {
  const { outDir, assignment, run } = options;
  const stored = await readResults(outDir, assignment.id);
  const outcome = await runGrading({
    assignment,
    specDir: options.specDir,
    submissions: [],
    classIds: stored.map((r) => r.student),
    outDir,
    jobs: 1,
    visibleOnly: run.visibleOnly,
    seedSalt: run.seedSalt,
    resume: false,
    version: run.version,
    run,
    reporters: REVIEW_REPORTERS,
    keepOthers: true,
    ...(options.input ? { input: options.input } : {}),
  });
  return { revision: outcome.store.revision, changes: outcome.changes, students: outcome.results.length };
}
