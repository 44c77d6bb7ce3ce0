import { mkdir, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Pack } from '../pack/define-pack.ts';
import type { CodeOpener } from '../checkers/types.ts';
import { UsageError } from '../errors.ts';
import type { Assignment } from '../pack/types.ts';
import { writeReports } from '../report/index.ts';
import { studentReportQueue } from '../report/student-report-queue.ts';
import type { Reporter, ReportContext, RunInfo, StudentReportContext } from '../report/types.ts';
import { adjustResult } from '../results/adjust.ts';
import { OutputError, outputError, writeFileAtomic } from '../results/atomic-write.ts';
import { canonicalJson } from '../results/canonical-json.ts';
import { cleanStrings, cleanText } from '../results/clean-text.ts';
import type { StudentIdentity, SubmissionResult } from '../results/result.ts';
import { readResult, readResults } from '../results/result-files.ts';
import { answerHash, applyTaEntries, readTaStore, TA_STORE_FILE, taStorePath, type StoreChange, type TaEntry, type TaStore } from '../results/ta-store.ts';
import type { SubmissionRef } from '../submission/discover.ts';
import { resultFingerprint, treeDigest } from './fingerprint.ts';
import { gradeAll, sortByStudent, type RemoteGrader } from './grade-all.ts';
import { openGradePool, type GradePool } from './grade-pool.ts';
import { gradeSubmission, type InternalFault } from './grade-submission.ts';
import type { TimeRow } from './late.ts';
import type { ManualScores } from './manual.ts';
import { withNearest } from './nearest-ids.ts';
import { notSubmittedResult } from './roster.ts';
import { createHash } from 'node:crypto';
import { hasVariants } from '../pack/variant-binding.ts';
import { CROSS_VARIANT_FILE, crossVariantCsv, crossVariantRows } from './cross-variant.ts';

/** A digest of the course secret that tells secrets apart without revealing one. */
function secretId(secret: string): string {
  return createHash('sha256').update(`dlgrade-secret-id\0${secret}`).digest('hex').slice(0, 16);
}

export interface RunOptions {
  assignment: Assignment;
  /** The pack folder: part of every result's fingerprint. */
  specDir: string;
  /** The submissions this run grades (none for a run that only reports, such as `merge`). */
  submissions: readonly SubmissionRef[];
  /** Every student of the class, graded now or not: TA input may name any of them. */
  classIds: readonly string[];
  outDir: string;
  /** Submissions graded at once: above 1, by a pool of grader processes. */
  jobs: number;
  /** What grading needs (a run that only reports, such as `merge`, passes none). */
  solvers?: Pack;
  openCode?: CodeOpener;
  visibleOnly: boolean;
  seedSalt: string;
  /** The course secret the students' variants are drawn from (a pack with params). */
  variantSecret?: string;
  /** Keep a stored result whose fingerprint matches instead of grading again. */
  resume: boolean;
  version: string;
  run: RunInfo;
  reporters: readonly Reporter[];
  /** Where reporters that print (the terminal summary) write. */
  print?: (text: string) => void;
  /** The class reports also list the students of `classIds` already graded in `outDir` (a `--student` run). */
  keepOthers: boolean;
  /** Results graded elsewhere (shard folders), reported with the store applied. */
  stored?: readonly SubmissionResult[];
  /** TA input of this run, merged into the store before anything is graded. */
  input?: TaInput;
  /**
   * The class roster: each listed student's identity goes on their result, and each of `absent`
   * (listed, no submission folder) gets a `not submitted` result at 0.
   */
  roster?: { identities: ReadonlyMap<string, StudentIdentity>; absent: readonly string[] };
  onResult?: (result: SubmissionResult, done: number, total: number, reused: boolean) => void;
}

/** What a TA hands a run: a filled-in review sheet, a times file, or entries read elsewhere. */
export interface TaInput {
  sheet?: { source: string; scores: ManualScores };
  times?: { source: string; rows: readonly TimeRow[] };
  /** Already plain entries (e.g. the stores of shard folders being merged). */
  entries?: { source: string; entries: readonly TaEntry[] }[];
}

export interface RunOutcome {
  /** Every result in the class reports, by student id. */
  results: SubmissionResult[];
  /** The results of this run's own submissions. */
  graded: SubmissionResult[];
  faults: InternalFault[];
  /** Results kept from an earlier run by `resume`. */
  reused: number;
  /** Other students already graded in `outDir` that the class reports list too (`keepOthers`). */
  others: number;
  /** What this run changed in the TA store. */
  changes: StoreChange[];
  store: TaStore;
  /** Rows of `cross-variant.csv` (answers right for another student's parameters), when the pack draws variants. */
  crossVariant?: number;
}

/**
 * A grading run: the TA's input merged into the store, then every submission graded (in this
 * process or a pool), the store applied to each result, each student's files written as soon as
 * their result is final, and the class files once every result is.
 */
export async function runGrading(options: RunOptions): Promise<RunOutcome> {
  const { assignment, outDir } = options;
  await ensureWritable(outDir);
  const storeFile = taStorePath(outDir);
  // Everything this run was handed goes into the store as one revision, or (a bad entry) nothing does.
  const entries = (await inputEntries(options)).flatMap((batch) => batch.entries.map((e) => ({ ...e, source: batch.source })));
  const { store, changes } =
    entries.length > 0 ? await applyTaEntries(storeFile, entries, { source: 'grade', assignment }) : { store: await readTaStore(storeFile, assignment.id), changes: [] as StoreChange[] };

  const base: StudentReportContext = { assignment, outDir, run: options.run, ...(options.print ? { print: options.print } : {}) };
  const queue = studentReportQueue(base, options.reporters);
  const identities = options.roster?.identities;
  const finish = (raw: SubmissionResult): SubmissionResult => {
    const adjusted = adjustResult(cleanStrings(raw), store, assignment);
    const identity = identities?.get(adjusted.student);
    return identity ? { ...adjusted, identity: cleanStrings(identity) } : adjusted;
  };

  const graded = await gradeSubmissions(options, finish, queue.add);
  const written = new Set(await queue.flush());

  const absent = (options.roster?.absent ?? []).map((student) => notSubmittedResult(assignment, student, options));
  const elsewhere = [...(options.stored ?? []), ...absent].map(finish);
  for (const r of elsewhere) queue.add(r);
  let others: SubmissionResult[] = [];
  if (options.keepOthers) {
    const done = new Set([...graded.results, ...elsewhere].map((r) => r.student));
    const inClass = new Set(options.classIds);
    const previous = (await readResults(outDir, assignment.id).catch(() => [])).filter((r) => !done.has(r.student) && inClass.has(r.student));
    others = previous.map(finish);
    previous.forEach((before, i) => {
      const after = others[i]!;
      // Only a student the store changed needs new files; the rest stand as they are.
      if (canonicalJson(after) !== canonicalJson(before)) queue.add(after);
      else written.add(after.student);
    });
  }
  for (const s of await queue.flush()) written.add(s);

  const results = sortByStudent([...graded.results, ...elsewhere, ...others]);
  const ctx: ReportContext = { ...base, results };
  await writeReports(ctx, options.reporters, { studentsWritten: written });
  let crossVariant: number | undefined;
  if (hasVariants(assignment) && options.solvers && options.submissions.length > 0) {
    const rows = await crossVariantRows(assignment, graded.results, options.submissions, options.solvers, options.seedSalt);
    await writeFileAtomic(path.join(outDir, CROSS_VARIANT_FILE), crossVariantCsv(rows));
    crossVariant = rows.length;
  }
  return { results, graded: graded.results, faults: graded.faults, reused: graded.reused, others: others.length, changes, store, ...(crossVariant !== undefined ? { crossVariant } : {}) };
}

async function gradeSubmissions(options: RunOptions, finish: (r: SubmissionResult) => SubmissionResult, report: (r: SubmissionResult) => void) {
  const { assignment, submissions } = options;
  if (submissions.length === 0) return { results: [], faults: [], reused: 0 };
  const { solvers, openCode } = options;
  if (!solvers || !openCode) throw new Error('runGrading: submissions to grade need solvers and a code opener');
  const specDigest = await treeDigest(options.specDir);
  const secret = options.variantSecret !== undefined ? { variantSecret: options.variantSecret } : {};
  // Another secret draws other numbers: a stored result is only kept for the same one (by its digest, never the secret itself).
  const secretDigest = options.variantSecret !== undefined ? `:${secretId(options.variantSecret)}` : '';
  const inProcess = (sub: SubmissionRef) =>
    gradeSubmission(assignment, sub.id, sub.dir, { solvers, openCode, visibleOnly: options.visibleOnly, seedSalt: options.seedSalt, ...secret });
  // Several submissions at once are graded by a pool of grader processes, started on first need
  // (a --resume run that keeps every result starts none); one at a time stays in this process.
  let pool: Promise<GradePool | undefined> | undefined;
  const grader: RemoteGrader | undefined =
    options.jobs > 1 && submissions.length > 1
      ? async (sub) => {
          pool ??= openGradePool({ size: Math.min(options.jobs, submissions.length), assignment, visibleOnly: options.visibleOnly, seedSalt: options.seedSalt, ...secret });
          const p = await pool;
          return p ? p.grade(sub) : inProcess(sub);
        }
      : undefined;
  try {
    return await gradeAll({
      assignment,
      submissions,
      outDir: options.outDir,
      jobs: options.jobs,
      solvers,
      openCode,
      visibleOnly: options.visibleOnly,
      seedSalt: options.seedSalt,
      ...secret,
      resume: options.resume,
      finish,
      fingerprint: async (sub) =>
        resultFingerprint({ studentId: sub.id, submission: await treeDigest(sub.dir), spec: `${specDigest}:${assignment.reference?.digest ?? ''}${secretDigest}`, seedSalt: options.seedSalt, visibleOnly: options.visibleOnly, version: options.version }),
      ...(grader ? { grader } : {}),
      onResult: (r, done, total, reused) => {
        options.onResult?.(r, done, total, reused);
        report(r);
      },
    });
  } finally {
    await (await pool?.catch(() => undefined))?.close();
  }
}

/**
 * The TA input as store entries, every problem found before anything is stored: times of ids
 * with no submission (with the nearest ids), and hand scores that cannot be bound to an answer.
 */
async function inputEntries(options: RunOptions): Promise<{ source: string; entries: TaEntry[] }[]> {
  const { input, classIds, outDir, assignment } = options;
  const batches: { source: string; entries: TaEntry[] }[] = [];
  const problems: string[] = [];
  const known = new Set(classIds);
  if (input?.times) {
    const unknown = input.times.rows.filter((r) => !known.has(r.student));
    for (const r of unknown) problems.push(`--times ${input.times.source} line ${r.line}: no submission for "${cleanText(r.student)}" (${withNearest(r.student, classIds)})`);
    batches.push({
      source: input.times.source,
      entries: input.times.rows.map((r): TaEntry => (r.submittedAt === null ? { kind: 'withdraw-time', student: r.student } : { kind: 'time', student: r.student, submittedAt: r.submittedAt })),
    });
  }
  if (input?.sheet) {
    const entries: TaEntry[] = [];
    for (const [student, parts] of input.sheet.scores) {
      // A shorthand sheet shows no answer: its score is for the answer the reports showed the TA.
      const needsStored = [...parts.values()].some((s) => s.answer === undefined);
      const stored = needsStored ? await readResult(outDir, student, assignment.id) : undefined;
      for (const [part, s] of parts) {
        let answer = s.answer === undefined ? undefined : cleanText(s.answer);
        if (answer === undefined) {
          const shown = stored?.parts.find((p) => p.partId === part);
          answer = (shown?.asGraded ?? shown)?.answer;
        }
        if (answer === undefined) {
          problems.push(`--manual ${input.sheet.source}: ${student} ${part}: no graded answer to bind this score to; grade ${student} first, or score the sheet from \`npm run review -- --export\``);
          continue;
        }
        entries.push({ kind: 'score', student, part, score: s.score, ...(s.comment ? { comment: s.comment } : {}), answerHash: answerHash(answer) });
      }
    }
    batches.push({ source: input.sheet.source, entries });
  }
  for (const batch of input?.entries ?? []) batches.push({ source: batch.source, entries: [...batch.entries] });
  if (problems.length > 0) throw new UsageError(`${problems.join('\n')}\nnothing was stored and nothing was graded`);
  return batches;
}

/**
 * A recursive mkdir reports ENOENT whatever stopped it; creating the first missing folder alone
 * under its existing parent gives the real reason (a read-only file system, no permission).
 */
async function missingFolderError(dir: string, fallback: unknown): Promise<unknown> {
  let child = path.resolve(dir);
  for (let parent = path.dirname(child); parent !== child; child = parent, parent = path.dirname(child)) {
    if (!(await stat(parent).catch(() => undefined))) continue;
    try {
      await mkdir(child);
      await rmdir(child).catch(() => undefined);
      return fallback;
    } catch (err) {
      return outputError(err, child);
    }
  }
  return fallback;
}

/** A store's contents as entries, to carry them into another store (shards being merged). */
export function storeEntries(store: TaStore): TaEntry[] {
  const entries: TaEntry[] = [];
  for (const [student, parts] of Object.entries(store.scores)) {
    for (const [part, s] of Object.entries(parts)) entries.push({ kind: 'score', student, part, score: s.score, answerHash: s.answerHash, ...(s.comment ? { comment: s.comment } : {}), ...(s.rubric ? { rubric: s.rubric } : {}) });
  }
  for (const [student, t] of Object.entries(store.times)) entries.push({ kind: 'time', student, submittedAt: t.submittedAt });
  return entries;
}

/** The names no student folder may take: every class file of the reporters, and the TA store. */
export function reservedNames(reporters: readonly Reporter[]): Set<string> {
  return new Set([TA_STORE_FILE, CROSS_VARIANT_FILE, ...reporters.flatMap((r) => r.classFiles ?? [])].map((n) => n.toLowerCase()));
}

/**
 * Why a student id cannot have its reports in `--out` (it would take the place of a class file,
 * even on a file system that ignores case), or undefined when it can.
 */
export function reservedIdProblem(id: string, reserved: ReadonlySet<string>): string | undefined {
  if (!reserved.has(id.toLowerCase())) return undefined;
  return `student id "${id}" is the name of a class report in --out; rename the folder (e.g. to "${id.replace(/\./g, '-')}")`;
}

/**
 * A full, read-only or otherwise unusable `--out` is found before any grading: a small file is
 * written and removed. The probe's name starts with a dot, like every temporary file.
 */
export async function ensureWritable(outDir: string): Promise<void> {
  const probe = path.join(outDir, `.dlgrade-write-check.${process.pid}`);
  try {
    await writeFileAtomic(probe, 'x'.repeat(64 * 1024));
    await rm(probe, { force: true });
  } catch (caught) {
    await rm(probe, { force: true }).catch(() => undefined);
    const err = (caught as NodeJS.ErrnoException).code === 'ENOENT' ? await missingFolderError(outDir, caught) : caught;
    const why = err instanceof OutputError ? err.message : (outputError(err, probe) as Error).message;
    throw new UsageError(`--out ${outDir} cannot be written (${why}); free some space, fix its permissions or choose another --out. Nothing was graded.`);
  }
}
