import { createHash } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import type { Assignment } from '../pack/types.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { canonicalJson } from './canonical-json.ts';
import { roundPoints } from './score.ts';

/**
 * The store of everything a TA enters: hand scores of free-text parts (with their comments and
 * the answer they scored) and submission times. Reports are regenerated from it by every run;
 * it is never regenerated itself, so it is the one file of a reports folder to keep (and back up).
 */
export const TA_STORE_FILE = 'ta-entries.json';

export function taStorePath(outDir: string): string {
  return path.join(outDir, TA_STORE_FILE);
}

/** A TA's score of one free-text answer. */
export interface HandScore {
  score: number;
  /** Shown to the student beside the score. */
  comment?: string;
  /** `answerHash` of the answer the TA scored: the score stands only for that answer. */
  answerHash: string;
  /** Where it came from (a review sheet's file name, `review page`, ...). */
  source: string;
  /** The rubric items ticked and the adjustment the score was made of, when scored on the review page. */
  rubric?: RubricMarks;
}

/** How a score was made on the review page: the texts of the rubric items ticked, plus a free adjustment. */
export interface RubricMarks {
  items: string[];
  adjustment: number;
}

export interface SubmissionTime {
  /** ISO 8601 with a zone, as entered. */
  submittedAt: string;
  source: string;
}

/** One change of the store, as listed to the TA and kept in its log. */
export type StoreChange =
  | { revision: number; at: string; source: string; kind: 'score'; student: string; part: string; before?: ScoreValue; after?: ScoreValue }
  | { revision: number; at: string; source: string; kind: 'time'; student: string; before?: string; after?: string };

export interface ScoreValue {
  score: number;
  comment?: string;
}

export interface TaStore {
  schemaVersion: 1;
  assignment: string;
  /** Goes up by one with every write that changes something; a writer can insist on the revision it read. */
  revision: number;
  /** Student → part id → hand score. */
  scores: Record<string, Record<string, HandScore>>;
  /** Student → submission time. */
  times: Record<string, SubmissionTime>;
  /** Every change ever made, oldest first. */
  log: StoreChange[];
}

/** What a TA enters, as plain data: from a review sheet, a times file or the review page. */
export type TaEntry = (
  | { kind: 'score'; student: string; part: string; score: number; comment?: string; answerHash: string; rubric?: RubricMarks }
  | { kind: 'withdraw-score'; student: string; part: string }
  | { kind: 'time'; student: string; submittedAt: string }
  | { kind: 'withdraw-time'; student: string }
) & {
  /** Where this entry came from, when not the `source` of the whole set. */
  source?: string;
};

/** The store changed since the revision a writer read: nothing was written. */
export class StaleStoreError extends UsageError {
  override name = 'StaleStoreError';
  readonly code = 'TA_STORE_STALE';
  constructor(
    readonly expected: number,
    readonly current: number,
    /** What others changed since `expected`. */
    readonly changes: readonly StoreChange[],
  ) {
    super(`the TA store changed since revision ${expected} (now ${current}, ${changes.length} change(s)); reload and enter again`);
  }
}

/** Entries that cannot be stored (unknown part, score out of range, bad time): nothing was written. */
export class TaEntryError extends UsageError {
  override name = 'TaEntryError';
  readonly code = 'TA_ENTRY_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(`${problems.length} entry(ies) cannot be stored: ${problems.join('; ')}`);
  }
}

/**
 * The digest a hand score is bound to: the answer's text with runs of white space made one
 * space, so an answer that travelled through a YAML sheet (line breaks, a final newline) still
 * matches, while any change of its words does not.
 */
export function answerHash(answer: string | undefined): string {
  const normalized = (answer ?? '').replace(/\s+/g, ' ').trim();
  return `sha256:${createHash('sha256').update(normalized).digest('hex')}`;
}

export function emptyStore(assignmentId: string): TaStore {
  return { schemaVersion: 1, assignment: assignmentId, revision: 0, scores: {}, times: {}, log: [] };
}

/** Reads the store of a reports folder; an absent file is an empty store. */
export async function readTaStore(file: string, assignmentId: string): Promise<TaStore> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyStore(assignmentId);
    throw new UsageError(`${file}: cannot read the TA store (${(err as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file}: the TA store is not valid JSON (${(err as Error).message}); restore it from a backup, it holds every hand score and submission time`);
  }
  const store = data as Partial<TaStore> | null;
  if (!store || store.schemaVersion !== 1 || typeof store.revision !== 'number' || typeof store.scores !== 'object' || typeof store.times !== 'object' || !Array.isArray(store.log)) {
    throw new UsageError(`${file}: not a TA store of this version of dlgrade (expected schemaVersion 1 with revision, scores, times and log)`);
  }
  if (store.assignment !== assignmentId) {
    throw new UsageError(`${file}: the TA store is for assignment "${String(store.assignment)}", not "${assignmentId}"; use another --out folder`);
  }
  return store as TaStore;
}

/** The changes after `revision`, oldest first: what a reader that read `revision` has not seen. */
export function changesSince(store: TaStore, revision: number): StoreChange[] {
  return store.log.filter((c) => c.revision > revision);
}

export interface ApplyOptions {
  /** Recorded with every change. */
  source: string;
  /** Refuse to write (StaleStoreError) unless the store is still at this revision. */
  expectedRevision?: number;
  /** Checked before anything is written: parts exist, are free text, and scores are in range. */
  assignment: Assignment;
  /** Time recorded in the log (defaults to now). */
  now?: Date;
}

/**
 * Applies a set of entries to the store in `file` all at once: either every entry is stored and
 * the revision goes up by one, or (an invalid entry, a stale revision) nothing is. A later score
 * for the same part replaces the earlier; entries that change nothing are not listed. Writers in
 * other processes (another run, the review page) are kept out by a lock file for the duration.
 */
export async function applyTaEntries(file: string, entries: readonly TaEntry[], options: ApplyOptions): Promise<{ store: TaStore; changes: StoreChange[] }> {
  const problems = entryProblems(entries, options.assignment);
  if (problems.length > 0) throw new TaEntryError(problems);
  return withLock(file, async () => {
    const store = await readTaStore(file, options.assignment.id);
    if (options.expectedRevision !== undefined && store.revision !== options.expectedRevision) {
      throw new StaleStoreError(options.expectedRevision, store.revision, changesSince(store, options.expectedRevision));
    }
    const revision = store.revision + 1;
    const at = (options.now ?? new Date()).toISOString();
    const changes: StoreChange[] = [];
    const scores = structuredClone(store.scores);
    const times = structuredClone(store.times);
    for (const entry of entries) {
      const source = entry.source ?? options.source;
      if (entry.kind === 'score' || entry.kind === 'withdraw-score') {
        const forStudent = (scores[entry.student] ??= {});
        const old = forStudent[entry.part];
        const before = old ? scoreValue(old) : undefined;
        if (entry.kind === 'withdraw-score') {
          if (!old) continue;
          delete forStudent[entry.part];
          if (Object.keys(forStudent).length === 0) delete scores[entry.student];
          changes.push({ revision, at, source, kind: 'score', student: entry.student, part: entry.part, before: before! });
          continue;
        }
        const next: HandScore = { score: roundPoints(entry.score), answerHash: entry.answerHash, source, ...(entry.comment ? { comment: entry.comment } : {}), ...(entry.rubric ? { rubric: entry.rubric } : {}) };
        const after = scoreValue(next);
        forStudent[entry.part] = next;
        if (old && old.answerHash === next.answerHash && sameScore(before, after) && sameMarks(old.rubric, next.rubric)) continue;
        changes.push({ revision, at, source, kind: 'score', student: entry.student, part: entry.part, ...(before ? { before } : {}), after });
      } else {
        const old = times[entry.student]?.submittedAt;
        if (entry.kind === 'withdraw-time') {
          if (old === undefined) continue;
          delete times[entry.student];
          changes.push({ revision, at, source, kind: 'time', student: entry.student, before: old });
          continue;
        }
        times[entry.student] = { submittedAt: entry.submittedAt, source };
        if (old === entry.submittedAt) continue;
        changes.push({ revision, at, source, kind: 'time', student: entry.student, ...(old !== undefined ? { before: old } : {}), after: entry.submittedAt });
      }
    }
    if (changes.length === 0) return { store, changes };
    const next: TaStore = { ...store, revision, scores, times, log: [...store.log, ...changes] };
    await writeFileAtomic(file, canonicalJson(next));
    return { store: next, changes };
  });
}

function scoreValue(s: HandScore): ScoreValue {
  return s.comment ? { score: s.score, comment: s.comment } : { score: s.score };
}

function sameScore(a: ScoreValue | undefined, b: ScoreValue | undefined): boolean {
  return a?.score === b?.score && a?.comment === b?.comment;
}

function sameMarks(a: RubricMarks | undefined, b: RubricMarks | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

function entryProblems(entries: readonly TaEntry[], assignment: Assignment): string[] {
  const parts = new Map(assignment.questions.flatMap((q) => q.parts.map((p) => [p.id, p] as const)));
  const problems: string[] = [];
  for (const e of entries) {
    if (typeof e.student !== 'string' || e.student === '') problems.push('an entry without a student id');
    else if (e.kind === 'score' || e.kind === 'withdraw-score') {
      const spec = parts.get(e.part);
      if (!spec) problems.push(`${e.student} ${e.part}: no such part in ${assignment.id}`);
      else if (spec.kind !== 'text') problems.push(`${e.student} ${e.part}: an auto-graded part (${spec.kind}); only free-text parts are scored by hand`);
      else if (e.kind === 'score') {
        if (typeof e.score !== 'number' || !Number.isFinite(e.score) || e.score < 0 || e.score > spec.points) problems.push(`${e.student} ${e.part}: score ${String(e.score)} is outside 0..${spec.points}`);
        if (typeof e.answerHash !== 'string' || !e.answerHash.startsWith('sha256:')) problems.push(`${e.student} ${e.part}: no answerHash of the answer scored`);
        if (e.comment !== undefined && typeof e.comment !== 'string') problems.push(`${e.student} ${e.part}: the comment is not text`);
        const marks = e.rubric;
        if (marks !== undefined && !(Array.isArray(marks.items) && marks.items.every((i) => typeof i === 'string') && typeof marks.adjustment === 'number' && Number.isFinite(marks.adjustment))) {
          problems.push(`${e.student} ${e.part}: the rubric marks are not a list of item texts with a numeric adjustment`);
        }
      }
    } else if (e.kind === 'time' && !(ISO.test(e.submittedAt) && Number.isFinite(Date.parse(e.submittedAt)))) {
      problems.push(`${e.student}: "${e.submittedAt}" is not an ISO 8601 time with a zone`);
    }
  }
  return problems;
}

const LOCK_WAIT_MS = 10_000;

/**
 * Runs `body` holding `<dir>/.<store>.lock` (created exclusively). A lock left by a process that
 * no longer exists is taken over; one held by a live process is waited for, up to ten seconds.
 * The name starts with a dot, so no student folder can ever be called that.
 */
async function withLock<T>(file: string, body: () => Promise<T>): Promise<T> {
  const lock = path.join(path.dirname(file), `.${path.basename(file)}.lock`);
  const started = Date.now();
  await mkdir(path.dirname(file), { recursive: true });
  // The lock appears with its holder's pid already in it (written aside, then hard-linked into
  // place, which fails if it exists), so a waiting writer never reads a lock without its pid.
  const mine = `${lock}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(mine, String(process.pid));
  try {
    for (;;) {
      try {
        await link(mine, lock);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = Number(await readFile(lock, 'utf8').catch(() => ''));
        if (!isAlive(holder)) {
          // Taken over only if still the same dead holder's lock (a rename is atomic; rm is not).
          const grave = `${mine}.stale`;
          await rename(lock, grave).catch(() => undefined);
          const moved = Number(await readFile(grave, 'utf8').catch(() => 'NaN'));
          if (moved !== holder && Number.isInteger(moved)) await rename(grave, lock).catch(() => undefined);
          await rm(grave, { force: true });
          continue;
        }
        if (Date.now() - started > LOCK_WAIT_MS) throw new UsageError(`${file}: the TA store is locked by process ${holder}; wait for it to finish`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  } finally {
    await rm(mine, { force: true });
  }
  try {
    return await body();
  } finally {
    await rm(lock, { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
