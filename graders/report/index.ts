import type { SubmissionResult } from '../results/result.ts';
import { REPORTERS } from './registry.ts';
import type { Reporter, ReportContext, StudentReportContext } from './types.ts';

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
