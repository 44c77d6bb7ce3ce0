import type { SubmissionResult } from '../results/result.ts';
import { writeStudentReports } from './index.ts';
import type { Reporter, StudentReportContext } from './types.ts';

/** Writes each student's own report files while the rest of the class is still being graded. */
export interface StudentReportQueue {
  /** Queues a student's final result; its files are written after those of every earlier one. */
  add(result: SubmissionResult): void;
  /**
   * Waits for every queued student; resolves to the students whose files were all written, or
   * rejects with the first failure (the students after it are not written).
   */
  flush(): Promise<ReadonlySet<string>>;
}

/**
 * One student at a time, in the order they were added: rendering is synchronous work on this
 * process's event loop, so writing several at once would not finish sooner, and a student added
 * twice (a regrade) ends with the files of the later result.
 */
export function studentReportQueue(ctx: StudentReportContext, reporters: readonly Reporter[]): StudentReportQueue {
  const written = new Set<string>();
  let failure: { error: unknown } | undefined;
  // Never rejects: a failure is kept for flush(), so an unawaited chain cannot crash the process.
  let chain: Promise<void> = Promise.resolve();
  return {
    add(result) {
      chain = chain.then(async () => {
        if (failure) return;
        try {
          await writeStudentReports(result, ctx, reporters);
          written.add(result.student);
        } catch (error) {
          failure = { error };
        }
      });
    },
    async flush() {
      await chain;
      if (failure) throw failure.error;
      return written;
    },
  };
}
