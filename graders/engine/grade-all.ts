import pLimit from 'p-limit';
import { lstat, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Assignment } from '../pack/types.ts';
import type { SubmissionRef } from '../submission/discover.ts';
import { readResult, writeResult } from '../results/result-files.ts';
import { TEMPORARY_FILE } from '../results/atomic-write.ts';
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
  /**
   * Makes a result final (cleans its text, applies the TA store) before it is written or
   * reported; a result kept by `resume` passes through it too, so it meets the store of now.
   */
  finish?: (result: SubmissionResult) => SubmissionResult;
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
  const finish = options.finish ?? ((r: SubmissionResult) => r);
  if (options.resume) await removeTemporaries(options.outDir, options.submissions);
  let done = 0;
  let reused = 0;
  const results = await Promise.all(
    options.submissions.map((sub) =>
      limit(async () => {
        const fingerprint = await options.fingerprint?.(sub);
        const kept = options.resume && fingerprint ? await storedResult(options.outDir, sub.id, options.assignment.id, fingerprint) : undefined;
        let result: SubmissionResult;
        if (kept) {
          result = finish(kept);
          reused += 1;
        } else {
          const graded = await grade(sub);
          faults.push(...graded.faults);
          result = finish(fingerprint ? { ...graded.result, fingerprint } : graded.result);
          await writeResult(options.outDir, result);
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

/** A stored result that can stand for a regrade: same fingerprint (hand scores are re-applied from the store). */
async function storedResult(outDir: string, studentId: string, assignmentId: string, fingerprint: string): Promise<SubmissionResult | undefined> {
  const r = await readResult(outDir, studentId, assignmentId);
  return r?.fingerprint === fingerprint ? r : undefined;
}

/**
 * Temporary files of atomic writes cut short by a kill: harmless, but they would litter the
 * reports. Only regular files of the temporary pattern go, never a student's folder.
 */
async function removeTemporaries(outDir: string, submissions: readonly SubmissionRef[]): Promise<void> {
  for (const dir of [outDir, ...submissions.map((s) => path.join(outDir, s.id))]) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!TEMPORARY_FILE.test(name)) continue;
      const file = path.join(dir, name);
      if ((await lstat(file).catch(() => undefined))?.isFile()) await rm(file, { force: true });
    }
  }
}
