import pLimit from 'p-limit';
import path from 'node:path';
import type { Assignment } from '../spec/types.ts';
import type { SubmissionRef } from '../submission/discover.ts';
import { canonicalJson } from '../report/canonical-json.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { gradeSubmission, type GradeOptions, type InternalFault } from './grade-submission.ts';
import type { SubmissionResult } from './result.ts';

export interface BatchOptions extends GradeOptions {
  assignment: Assignment;
  submissions: readonly SubmissionRef[];
  outDir: string;
  /** Submissions graded at once. */
  jobs: number;
  /** Called as each submission finishes (in completion order). */
  onResult?: (result: SubmissionResult, done: number, total: number) => void;
}

export interface BatchOutcome {
  /** Sorted by student id, whatever order they finished in. */
  results: SubmissionResult[];
  faults: InternalFault[];
}

/** Path of a student's canonical result. */
export function resultPath(outDir: string, studentId: string): string {
  return path.join(outDir, studentId, 'dlgrade.json');
}

/**
 * Grades every submission, at most `jobs` at a time. Each result is written as soon as it is
 * known, atomically, so an interrupted run loses at most the submissions in flight.
 */
export async function gradeAll(options: BatchOptions): Promise<BatchOutcome> {
  const limit = pLimit(Math.max(1, options.jobs));
  const faults: InternalFault[] = [];
  let done = 0;
  const results = await Promise.all(
    options.submissions.map((sub) =>
      limit(async () => {
        const { result, faults: f } = await gradeSubmission(options.assignment, sub.id, sub.dir, options);
        faults.push(...f);
        await writeFileAtomic(resultPath(options.outDir, sub.id), canonicalJson(result));
        done += 1;
        options.onResult?.(result, done, options.submissions.length);
        return result;
      }),
    ),
  );
  results.sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
  faults.sort((a, b) => (a.studentId + a.partId < b.studentId + b.partId ? -1 : 1));
  return { results, faults };
}
