import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gradeSubmission } from '../engine/grade-submission.ts';
import { gradeAll, sortByStudent, type RemoteGrader } from '../engine/grade-all.ts';
import { resultFingerprint, treeDigest } from '../engine/fingerprint.ts';
import { GRADING_LIMITS } from '../engine/grading-limits.ts';
import { openGradePool, type GradePool } from '../engine/grade-pool.ts';
import { inShard, parseShard } from '../engine/shard.ts';
import { applyLatePolicy, loadSubmissionTimes, SubmissionTimesError } from '../engine/late.ts';
import { applyManual, formatSheetError, loadManualSheet, type ManualScores } from '../engine/manual.ts';
import type { SubmissionResult } from '../results/result.ts';
import type { Assignment } from '../pack/types.ts';
import { REPORTERS, SINGLE_SUBMISSION_REPORTERS, writeReports } from '../report/index.ts';
import { studentReportQueue } from '../report/student-report-queue.ts';
import { readResults } from '../results/result-files.ts';
import { sandboxOpener } from '../sandbox/open-code.ts';
import { renderSummary } from '../report/terminal.ts';
import type { ReportContext, StudentReportContext } from '../report/types.ts';
import { discoverSubmissions, isValidStudentId, type SubmissionRef } from '../submission/discover.ts';
import { EXIT, type Io } from './errors.ts';
import { HarnessError, UsageError } from '../errors.ts';
import { defaultSubmissionsDir, loadPackOrThrow } from './load-spec.ts';
import { createProgress } from './progress.ts';
import { VERSION } from './version.ts';

export interface GradeFlags {
  spec: string;
  submissions: string;
  student?: string[];
  submission?: string;
  id?: string;
  out: string;
  jobs?: string;
  visibleOnly: boolean;
  failUnder?: string;
  seedSalt: string;
  manual?: string;
  times?: string;
  resume?: boolean;
  shard?: string;
}

/** `submissions` defaults to the pack's own folder (see `defaultSubmissionsDir`). */
export async function gradeCommand(given: Omit<GradeFlags, 'submissions'> & { submissions?: string }, io: Io): Promise<number> {
  let flags = given as GradeFlags;
  const jobs = flags.jobs === undefined ? os.availableParallelism() : parsePositiveInt(flags.jobs, '--jobs');
  const failUnder = flags.failUnder === undefined ? undefined : parseNumber(flags.failUnder, '--fail-under');
  const { assignment, pack: registry } = await loadPackOrThrow(flags.spec, io, { checkReference: false });
  flags = { ...given, submissions: given.submissions ?? defaultSubmissionsDir(assignment.id) };
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  if (flags.shard !== undefined && !shard) throw new UsageError(`--shard expects i/n with 1 ≤ i ≤ n, found "${flags.shard}"`);
  const { chosen: all, classIds } = await selectSubmissions(flags, io);
  const submissions = shard ? all.filter((s) => inShard(s.id, shard)) : all;
  // Both TA-owned inputs are checked before any grading, so a typo costs seconds, not a whole run.
  const times = flags.times === undefined ? new Map<string, string>() : readTimes(flags.times);
  const manual = flags.manual === undefined ? undefined : readManual(flags.manual, assignment, classIds, io);

  const specDigest = await treeDigest(flags.spec);
  const openCode = sandboxOpener(GRADING_LIMITS);
  const progress = await createProgress(io, submissions.length);
  // Several submissions at once are graded by a pool of grader processes, started on first need
  // (a --resume run that keeps every result starts none); one at a time stays in this process.
  let pool: Promise<GradePool | undefined> | undefined;
  const grader: RemoteGrader | undefined =
    jobs > 1 && submissions.length > 1
      ? async (sub) => {
          pool ??= openGradePool({ size: Math.min(jobs, submissions.length), assignment, visibleOnly: flags.visibleOnly, seedSalt: flags.seedSalt });
          const p = await pool;
          return p ? p.grade(sub) : gradeSubmission(assignment, sub.id, sub.dir, { solvers: registry, openCode, visibleOnly: flags.visibleOnly, seedSalt: flags.seedSalt });
        }
      : undefined;
  const reporters = flags.submission === undefined ? REPORTERS : SINGLE_SUBMISSION_REPORTERS;
  const reportBase: StudentReportContext = {
    assignment,
    outDir: flags.out,
    run: { version: VERSION, spec: path.relative(process.cwd(), path.resolve(flags.spec)) || '.', visibleOnly: flags.visibleOnly, seedSalt: flags.seedSalt },
  };
  // A student's result is final as soon as it is graded (or kept by --resume), so that student's
  // own files are written while the others are graded; only the class files wait for everyone.
  const queue = studentReportQueue(reportBase, reporters);
  const finished: SubmissionResult[] = [];
  let outcome;
  let closing = '';
  try {
    outcome = await gradeAll({
      assignment,
      submissions,
      outDir: flags.out,
      jobs,
      solvers: registry,
      openCode,
      visibleOnly: flags.visibleOnly,
      seedSalt: flags.seedSalt,
      resume: flags.resume ?? false,
      fingerprint: async (sub) =>
        resultFingerprint({ studentId: sub.id, submission: await treeDigest(sub.dir), spec: `${specDigest}:${assignment.reference?.digest ?? ''}`, seedSalt: flags.seedSalt, visibleOnly: flags.visibleOnly, version: VERSION }),
      ...(grader ? { grader } : {}),
      onResult: (r, done, total, reused) => {
        progress.tick(r, done, total, reused);
        const final = applyLatePolicy(manual ? applyManual(r, manual, assignment) : r, assignment, times.get(r.student));
        finished.push(final);
        queue.add(final);
      },
    });
  } finally {
    // Stopped even on a fault, so a terminal gets its cursor back.
    closing = progress.stop();
    await (await pool?.catch(() => undefined))?.close();
  }
  const { faults } = outcome;
  const studentsWritten = await queue.flush();

  sortByStudent(finished);
  // Regrading a few students (--student) must not shrink the class gradebook and pages to them:
  // the other students' results already in --out are reported again as they stand.
  const kept = flags.student && flags.submission === undefined ? await otherResults(flags.out, assignment.id, finished, classIds) : [];
  if (kept.length > 0) io.stdout(`Class reports also include ${kept.length} other student(s) already graded in ${flags.out}.\n`);
  const ctx: ReportContext = { ...reportBase, results: sortByStudent([...finished, ...kept]) };
  await writeReports(ctx, reporters, { studentsWritten });
  io.stdout(`\n${renderSummary(ctx)}${closing}`);

  if (faults.length > 0) {
    for (const f of faults) io.stderr(`internal fault: ${f.message}\n`);
    throw new HarnessError(`${faults.length} part(s) could not be graded because of a grader or reference fault`);
  }
  if (failUnder !== undefined) {
    const below = finished.filter((r) => r.total < failUnder);
    if (below.length > 0) {
      io.stderr(`--fail-under ${failUnder}: ${below.map((r) => `${r.student} has ${r.total}`).join(', ')}\n`);
      return EXIT.failUnder;
    }
  }
  return EXIT.ok;
}

function readTimes(file: string): Map<string, string> {
  try {
    return loadSubmissionTimes(file);
  } catch (err) {
    if (err instanceof SubmissionTimesError) throw new UsageError(`--times ${err.message}`);
    throw err;
  }
}

async function otherResults(outDir: string, assignmentId: string, graded: readonly SubmissionResult[], classIds: readonly string[]): Promise<SubmissionResult[]> {
  const done = new Set(graded.map((r) => r.student));
  const inClass = new Set(classIds);
  const previous = await readResults(outDir, assignmentId).catch(() => []);
  return previous.filter((r) => !done.has(r.student) && inClass.has(r.student));
}

function readManual(file: string, assignment: Assignment, classIds: readonly string[], io: Io): ManualScores {
  const { scores, errors } = loadManualSheet(file, assignment, classIds);
  if (errors.length > 0) {
    for (const e of errors) io.stderr(`${formatSheetError(e)}\n`);
    throw new UsageError(`--manual ${file}: ${errors.length} error(s); nothing was merged and nothing was graded`);
  }
  return scores;
}

/** The submissions to grade, and the ids of the whole class (a review sheet may name any of them). */
async function selectSubmissions(flags: GradeFlags, io: Io): Promise<{ chosen: SubmissionRef[]; classIds: string[] }> {
  if (flags.submission !== undefined) {
    const dir = path.resolve(flags.submission);
    await requireDir(dir, '--submission');
    const id = flags.id ?? path.basename(dir);
    if (!isValidStudentId(id)) throw new UsageError(`student id "${id}" must be letters, digits, ".", "_" or "-" (pass --id)`);
    return { chosen: [{ id, dir }], classIds: [id] };
  }
  await requireDir(flags.submissions, '--submissions');
  const { submissions, skipped } = await discoverSubmissions(flags.submissions);
  for (const s of skipped) io.stderr(`warning: ${s}\n`);
  const classIds = submissions.map((s) => s.id);
  if (!flags.student) return { chosen: submissions, classIds };
  const wanted = new Set(flags.student);
  const missing = [...wanted].filter((id) => !classIds.includes(id));
  if (missing.length > 0) {
    throw new UsageError(`--student: no submission folder under ${flags.submissions} for ${missing.map((id) => `"${id}"`).join(', ')}`);
  }
  return { chosen: submissions.filter((s) => wanted.has(s.id)), classIds };
}

async function requireDir(dir: string, flag: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`${flag} ${dir}: no such folder`);
}

function parsePositiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} expects a positive whole number, found "${text}"`);
  return n;
}

function parseNumber(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} expects a number of points, found "${text}"`);
  return n;
}
