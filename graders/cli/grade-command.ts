import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GRADING_LIMITS } from '../engine/grading-limits.ts';
import { inShard, shardFromFlag } from '../engine/shard.ts';
import { loadRoster, RosterError, type Roster } from '../engine/roster.ts';
import { loadSubmissionTimes, SubmissionTimesError, type TimeRow } from '../engine/late.ts';
import { formatSheetError, loadManualSheet, type ManualScores } from '../engine/manual.ts';
import { withNearest } from '../engine/nearest-ids.ts';
import { reservedIdProblem, reservedNames, runGrading } from '../engine/run.ts';
import type { Assignment } from '../pack/types.ts';
import { GRADEBOOK_LAYOUTS, gradebookReporters, parseGradebookFlags } from '../report/gradebook-exports.ts';
import { resolveReporters } from '../report/registry.ts';
import { renderStoreChanges } from '../report/render/terminal-text.ts';
import { cleanText } from '../results/clean-text.ts';
import { taStorePath } from '../results/ta-store.ts';
import { sandboxOpener } from '../sandbox/open-code.ts';
import { discoverSubmissions, isValidStudentId, type SubmissionRef } from '../submission/discover.ts';
import { EXIT, type Io } from './errors.ts';
import { HarnessError, UsageError } from '../errors.ts';
import { defaultSubmissionsDir, loadPackOrThrow } from './load-spec.ts';
import { createProgress } from './progress.ts';
import { VERSION } from './version.ts';
import { courseSecret } from './secret.ts';

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
  reporters?: string;
  roster?: string;
  rosterId?: string;
  allowUnlisted?: boolean;
  gradebook?: string[];
  gradebookColumns?: string;
  canvasAssignmentId?: string;
  secretFile?: string;
}

/** `submissions` defaults to the pack's own folder (see `defaultSubmissionsDir`). */
export async function gradeCommand(given: Omit<GradeFlags, 'submissions'> & { submissions?: string }, io: Io): Promise<number> {
  const jobs = given.jobs === undefined ? os.availableParallelism() : parsePositiveInt(given.jobs, '--jobs');
  const failUnder = given.failUnder === undefined ? undefined : parseNumber(given.failUnder, '--fail-under');
  const shard = given.shard === undefined ? undefined : shardFromFlag(given.shard, process.env);
  const { assignment, pack: registry } = await loadPackOrThrow(given.spec, io, { checkReference: false });
  const flags: GradeFlags = { ...given, submissions: given.submissions ?? defaultSubmissionsDir(assignment.id) };
  const roster = flags.roster === undefined ? undefined : readRoster(flags.roster, flags.rosterId);
  if (roster && flags.submission !== undefined) throw new UsageError('--roster lists a class; it cannot be combined with --submission (one folder)');
  const gradebooks = parseGradebookFlags(flags.gradebook ?? [], flags.gradebookColumns, flags.canvasAssignmentId ?? roster?.canvasAssignments.get(assignment.title), assignment);
  const reporters = [...(await resolveReporters(flags.reporters, { singleSubmission: flags.submission !== undefined })), ...gradebookReporters(gradebooks)];
  // Every gradebook's file name is kept from student ids, asked for or not, so no id is valid only some days.
  const reserved = reservedNames([...reporters, ...gradebookReporters({ ...gradebooks, layouts: [...GRADEBOOK_LAYOUTS] })]);
  const { chosen: all, classIds, absent: allAbsent } = await selectSubmissions(flags, io, reserved, roster);
  const variantSecret = await courseSecret(assignment, flags, flags.submission ?? flags.submissions);
  const submissions = shard ? all.filter((s) => inShard(s.id, shard)) : all;
  // A shard reports the absent students it owns, so merged shards list each of them once.
  const absent = shard ? allAbsent.filter((id) => inShard(id, shard)) : allAbsent;
  // Both TA-owned inputs are checked before any grading, so a typo costs seconds, not a whole run.
  const times = flags.times === undefined ? undefined : { source: flags.times, rows: readTimes(flags.times) };
  const sheet = flags.manual === undefined ? undefined : { source: flags.manual, scores: readManual(flags.manual, assignment, classIds, io) };

  const run = { version: VERSION, spec: path.relative(process.cwd(), path.resolve(flags.spec)) || '.', visibleOnly: flags.visibleOnly, seedSalt: flags.seedSalt };
  const progress = await createProgress(io, submissions.length);
  let outcome;
  let closing = '';
  try {
    outcome = await runGrading({
      assignment,
      specDir: flags.spec,
      submissions,
      classIds,
      outDir: flags.out,
      jobs,
      solvers: registry,
      openCode: sandboxOpener(GRADING_LIMITS),
      visibleOnly: flags.visibleOnly,
      seedSalt: flags.seedSalt,
      ...(variantSecret !== undefined ? { variantSecret } : {}),
      resume: flags.resume ?? false,
      version: VERSION,
      run,
      reporters,
      print: io.stdout,
      // Regrading a few students (--student) must not shrink the class gradebook and pages to them.
      keepOthers: flags.student !== undefined && flags.submission === undefined,
      input: { ...(times ? { times } : {}), ...(sheet ? { sheet } : {}) },
      ...(roster ? { roster: { identities: new Map(roster.entries.map((e) => [e.id, e.identity])), absent } } : {}),
      onResult: (r, done, total, reused) => progress.tick(r, done, total, reused),
    });
  } finally {
    // Stopped even on a fault, so a terminal gets its cursor back.
    closing = progress.stop();
  }
  const { faults } = outcome;
  if (outcome.changes.length > 0 || sheet || times) io.stdout(renderStoreChanges(outcome.changes, taStorePath(flags.out)));
  if (absent.length > 0) io.stdout(`${absent.length} student(s) on the roster have no submission folder: ${absent.join(', ')} (0 points, not submitted).\n`);
  if (outcome.crossVariant !== undefined) io.stdout(`Cross-variant check: ${outcome.crossVariant} answer(s) right for another student's parameters but not their own, in ${path.join(flags.out, 'cross-variant.csv')} (for TAs only).\n`);
  if (outcome.others > 0) io.stdout(`Class reports also include ${outcome.others} other student(s) already graded in ${flags.out}.\n`);
  io.stdout(closing);

  if (faults.length > 0) {
    for (const f of faults) io.stderr(`internal fault: ${cleanText(f.message)}\n`);
    throw new HarnessError(`${faults.length} part(s) could not be graded because of a grader or reference fault`);
  }
  if (failUnder !== undefined) {
    const below = outcome.graded.filter((r) => r.total < failUnder);
    if (below.length > 0) {
      io.stderr(`--fail-under ${failUnder}: ${below.map((r) => `${r.student} has ${r.total}`).join(', ')}\n`);
      return EXIT.failUnder;
    }
  }
  return EXIT.ok;
}

function readTimes(file: string): TimeRow[] {
  try {
    return loadSubmissionTimes(file);
  } catch (err) {
    if (err instanceof SubmissionTimesError) throw new UsageError(`--times ${err.message}`);
    throw err;
  }
}

function readManual(file: string, assignment: Assignment, classIds: readonly string[], io: Io): ManualScores {
  const { scores, errors } = loadManualSheet(file, assignment, classIds);
  if (errors.length > 0) {
    for (const e of errors) io.stderr(`${formatSheetError(e)}\n`);
    throw new UsageError(`--manual ${file}: ${errors.length} error(s); nothing was merged and nothing was graded`);
  }
  return scores;
}

/**
 * The submissions to grade, the ids of the whole class (a review sheet may name any of them) and,
 * with a roster, the students it lists who have no submission folder.
 */
async function selectSubmissions(
  flags: GradeFlags,
  io: Io,
  reserved: ReadonlySet<string>,
  roster: Roster | undefined,
): Promise<{ chosen: SubmissionRef[]; classIds: string[]; absent: string[] }> {
  if (flags.submission !== undefined) {
    const dir = path.resolve(flags.submission);
    await requireDir(dir, '--submission');
    const id = flags.id ?? path.basename(dir);
    if (!isValidStudentId(id)) throw new UsageError(`student id "${cleanText(id)}" must be letters, digits, ".", "_" or "-" (pass --id)`);
    const clash = reservedIdProblem(id, reserved);
    if (clash) throw new UsageError(`${clash}, or pass --id`);
    return { chosen: [{ id, dir }], classIds: [id], absent: [] };
  }
  await requireDir(flags.submissions, '--submissions');
  const discovered = await discoverSubmissions(flags.submissions);
  for (const s of discovered.skipped) io.stderr(`warning: ${cleanText(s)}\n`);
  // A folder named like a class report is refused alone: the class is graded without it.
  const submissions = discovered.submissions.filter((s) => {
    const clash = reservedIdProblem(s.id, reserved);
    if (clash) io.stderr(`warning: ${clash}; skipped\n`);
    return !clash;
  });
  let absent: string[] = [];
  if (roster) {
    const listed = new Set(roster.entries.map((e) => e.id));
    const unlisted = submissions.filter((s) => !listed.has(s.id)).map((s) => s.id);
    if (unlisted.length > 0 && !flags.allowUnlisted) {
      const named = unlisted.map((id) => `"${id}" (${withNearest(id, listed)})`).join(', ');
      throw new UsageError(`--roster ${roster.file}: ${unlisted.length} submission folder(s) under ${flags.submissions} are not on the roster: ${named}; fix the roster or the folder names, or pass --allow-unlisted to grade them too. Nothing was graded.`);
    }
    for (const id of unlisted) io.stderr(`warning: ${id} is not on the roster ${roster.file}; graded all the same (--allow-unlisted)\n`);
    const present = new Set(submissions.map((s) => s.id));
    for (const e of roster.entries) {
      const clash = reservedIdProblem(e.id, reserved);
      if (clash) throw new UsageError(`--roster ${roster.file} line ${e.line}: ${clash}`);
    }
    absent = roster.entries.map((e) => e.id).filter((id) => !present.has(id));
  }
  const classIds = [...submissions.map((s) => s.id), ...absent].sort();
  if (!flags.student) return { chosen: submissions, classIds, absent };
  const wanted = new Set(flags.student);
  const missing = [...wanted].filter((id) => !classIds.includes(id));
  if (missing.length > 0) {
    throw new UsageError(`--student: no submission folder under ${flags.submissions} for ${missing.map((id) => `"${cleanText(id)}" (${withNearest(id, classIds)})`).join(', ')}`);
  }
  return { chosen: submissions.filter((s) => wanted.has(s.id)), classIds, absent: absent.filter((id) => wanted.has(id)) };
}

function readRoster(file: string, idColumn: string | undefined): Roster {
  try {
    return loadRoster(file, idColumn === undefined ? {} : { idColumn });
  } catch (err) {
    if (err instanceof RosterError) throw new UsageError(`--roster ${err.message}`);
    throw err;
  }
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
