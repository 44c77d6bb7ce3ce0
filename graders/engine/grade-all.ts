import pLimit from 'p-limit';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Assignment } from '../pack/types.ts';
import type { SubmissionRef } from '../submission/discover.ts';
import { canonicalJson } from '../results/canonical-json.ts';
import { resultPath } from '../results/result-files.ts';
import { writeFileAtomic } from '../results/atomic-write.ts';
import { gradeSubmission, type GradeOptions, type InternalFault } from './grade-submission.ts';
import type { SubmissionResult } from '../results/result.ts';

/** Grades one submission somewhere else (a pool of grader processes) instead of in this process. */
export type RemoteGrader = (sub: SubmissionRef) => Promise<{ result: SubmissionResult; faults: InternalFault[] }>;

export interface BatchOptions extends GradeOptions {
  assignment: Assignment;
  submissions: readonly SubmissionRef[];
  outDir: string;
  /** Submissions graded at once. */
  jobs: number;
  /** Called as each submission finishes (in completion order); `reused` when `resume` kept it. */
  onResult?: (result: SubmissionResult, done: number, total: number, reused: boolean) => void;
  /** The staleness key of a submission, stored in its result (see fingerprint.ts). */
  fingerprint?: (sub: SubmissionRef) => Promise<string>;
  /** Keep a stored result whose fingerprint matches instead of grading again. */
  resume?: boolean;
  /** Where submissions are graded; in this process when absent. */
  grader?: RemoteGrader;
}

export interface BatchOutcome {
  /** Sorted by student id, whatever order they finished in. */
  results: SubmissionResult[];
  faults: InternalFault[];
  /** How many results were reused from an earlier run (`resume`). */
  reused: number;
}

/** Results in student-id order (code points), the order every report and merge uses. */
export function sortByStudent<T extends { student: string }>(results: T[]): T[] {
  return results.sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
}

/**
 * Grades every submission, at most `jobs` at a time. Each result is written as soon as it is
 * known, atomically, so an interrupted run loses at most the submissions in flight.
 */
export async function gradeAll(options: BatchOptions): Promise<BatchOutcome> {
  // With a pool, one submission more than it has slots is in flight: its fingerprint is taken
  // while the others grade, so a grader process never waits on this process for its next one.
  const limit = pLimit(Math.max(1, options.jobs) + (options.grader ? 1 : 0));
  const faults: InternalFault[] = [];
  const grade = options.grader ?? ((sub: SubmissionRef) => gradeSubmission(options.assignment, sub.id, sub.dir, options));
  if (options.resume) await removeTemporaries(options.outDir, options.submissions);
  let done = 0;
  let reused = 0;
  const results = await Promise.all(
    options.submissions.map((sub) =>
      limit(async () => {
        const fingerprint = await options.fingerprint?.(sub);
        const kept = options.resume && fingerprint ? await storedResult(options.outDir, sub.id, fingerprint) : undefined;
        let result: SubmissionResult;
        if (kept) {
          result = kept;
          reused += 1;
        } else {
          const graded = await grade(sub);
          faults.push(...graded.faults);
          result = fingerprint ? { ...graded.result, fingerprint } : graded.result;
          await writeFileAtomic(resultPath(options.outDir, sub.id), canonicalJson(result));
        }
        done += 1;
        options.onResult?.(result, done, options.submissions.length, kept !== undefined);
        return result;
      }),
    ),
  );
  sortByStudent(results);
  faults.sort((a, b) => (a.studentId + a.partId < b.studentId + b.partId ? -1 : 1));
  return { results, faults, reused };
}

/**
 * A stored result that can stand for a regrade: same fingerprint, and no hand-entered scores
 * (those were merged from a review sheet after grading, and a fresh run would not have them).
 */
async function storedResult(outDir: string, studentId: string, fingerprint: string): Promise<SubmissionResult | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(resultPath(outDir, studentId), 'utf8'));
  } catch {
    return undefined;
  }
  const r = parsed as Partial<SubmissionResult> | null;
  if (!r || r.schemaVersion !== 1 || r.student !== studentId || r.fingerprint !== fingerprint || !Array.isArray(r.parts)) return undefined;
  if (r.parts.some((p) => p.manual !== undefined)) return undefined;
  return r as SubmissionResult;
}

// Temporary files of atomic writes cut short by a kill; harmless, but they would litter the reports.
const TEMPORARY = /\.\d+\.[a-z0-9]*\.tmp$/;

async function removeTemporaries(outDir: string, submissions: readonly SubmissionRef[]): Promise<void> {
  const dirs = [outDir, ...submissions.map((s) => path.join(outDir, s.id))];
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) if (TEMPORARY.test(name)) await rm(path.join(dir, name), { force: true });
  }
}
