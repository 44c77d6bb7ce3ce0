// One grading of a synthetic course as `grade` does it: the pool of grader processes, a sandbox
// per submission, each student's reports written while the others are graded, then the class's.
import path from 'node:path';
import { VERSION } from '../../graders/cli/version.ts';
import type { Assignment } from '../../graders/pack/types.ts';
import { resultFingerprint, treeDigest } from '../../graders/engine/fingerprint.ts';
import { gradeAll } from '../../graders/engine/grade-all.ts';
import { GRADING_LIMITS } from '../../graders/engine/grading-limits.ts';
import { openGradePool } from '../../graders/engine/grade-pool.ts';
import { sandboxOpener } from '../../graders/sandbox/open-code.ts';
import { writeReports } from '../../graders/report/index.ts';
import { REPORTERS } from '../../graders/report/registry.ts';
import { studentReportQueue } from '../../graders/report/student-report-queue.ts';
import registry from '../../reference/dl-hw/index.ts';
import { childrenCpuMs, ownCpuMs } from './process-cpu.ts';
import { OwnMemorySampler, TreeMemorySampler } from './process-memory.ts';
import type { SyntheticSubmission } from './synthetic.ts';
import type { WorkerEntry } from './worker-entry.ts';

export interface GradingFigures {
  outcome: Awaited<ReturnType<typeof gradeAll>>;
  /** From the pool's start to the last report written. */
  wallMs: number;
  /** From the pool's start to the last submission graded. */
  gradedMs: number;
  /** CPU of every process (this one, the grader processes, their sandbox children), whole run. */
  cpuMs: number;
  /** This process's own CPU while grading (each student's reports included). */
  parentCpuGradingMs: number;
  /** Milliseconds from a submission's handing to the pool to its result, one per submission. */
  perSubmission: number[];
  /** Peak resident memory of each slot: a grader process with its sandbox children. */
  slotPeaks: number[];
  /** Peak resident memory of each grader process alone, as it reports it. */
  workerPeaks: number[];
  /** Peak resident memory of this process during this grading (sampled). */
  parentPeak: number;
}

export async function gradeCourse(options: { root: string; assignment: Assignment; course: SyntheticSubmission[]; outDir: string; jobs: number; entry: WorkerEntry }): Promise<GradingFigures> {
  const { root, assignment, course, outDir, jobs, entry } = options;
  const perSubmission: number[] = [];
  const start = performance.now();
  const cpu0 = ownCpuMs() + childrenCpuMs();
  const parentCpu0 = ownCpuMs();
  const parentMemory = new OwnMemorySampler();
  parentMemory.start();
  const pool = await openGradePool({ size: jobs, assignment, visibleOnly: false, seedSalt: '', entry });
  if (!pool) throw new Error('no grader process entry found');
  const sampler = new TreeMemorySampler(() => pool.pids());
  sampler.start();
  const specDigest = await treeDigest(path.join(root, 'specs/dl-hw'));
  const reportBase = { assignment, outDir, run: { version: VERSION, spec: 'specs/dl-hw', visibleOnly: false, seedSalt: '' } };
  const queue = studentReportQueue(reportBase, REPORTERS);
  let outcome;
  try {
    outcome = await gradeAll({
      assignment,
      submissions: course,
      outDir,
      jobs,
      solvers: registry,
      openCode: sandboxOpener(GRADING_LIMITS),
      visibleOnly: false,
      seedSalt: '',
      fingerprint: async (sub) => resultFingerprint({ studentId: sub.id, submission: await treeDigest(sub.dir), spec: specDigest, seedSalt: '', visibleOnly: false, version: VERSION }),
      onResult: (result) => queue.add(result),
      grader: async (sub) => {
        const t = performance.now();
        try {
          return await pool.grade(sub);
        } finally {
          perSubmission.push(performance.now() - t);
        }
      },
    });
  } finally {
    await pool.close();
  }
  const slotPeaks = [...sampler.stop().values()];
  const gradedMs = performance.now() - start;
  const parentCpuGradingMs = ownCpuMs() - parentCpu0;
  const studentsWritten = await queue.flush();
  await writeReports({ ...reportBase, results: outcome.results }, REPORTERS, { studentsWritten });
  return {
    outcome,
    wallMs: performance.now() - start,
    gradedMs,
    cpuMs: ownCpuMs() + childrenCpuMs() - cpu0,
    parentCpuGradingMs,
    perSubmission,
    slotPeaks,
    workerPeaks: pool.peakRssBytes(),
    parentPeak: parentMemory.stop(),
  };
}
