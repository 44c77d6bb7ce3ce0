import type { Assignment, TextPart } from '../pack/types.ts';
import { cleanText } from '../results/clean-text.ts';
import { readResult } from '../results/result-files.ts';
import { roundPoints } from '../results/score.ts';
import { answerHash, applyTaEntries, readTaStore, StaleStoreError, taStorePath, type StoreChange, type TaEntry } from '../results/ta-store.ts';
import { markedScore, scoreVersions, textParts, versionKey } from './review-model.ts';

/** What the review page sends to score (or clear) one group of identical answers. */
export interface ScoreRequest {
  part: string;
  /** Every student of the group, with the answer and the score version the page showed. */
  members: { student: string; answerHash: string; version: number }[];
  action: 'score' | 'clear';
  /** Indices of the rubric items ticked. */
  ticked: number[];
  /** Added to the ticked items' points; without rubric items, the score itself. */
  adjustment: number;
  comment: string;
}

export interface SaveOutcome {
  /** The store's revision after the write. */
  revision: number;
  /** The score stored (absent when cleared). */
  score?: number;
  /** Each member's new score version, for the page's next write. */
  versions: Record<string, number>;
  /** How many scores this write changed (0 when they were already so). */
  changed: number;
}

/** A request the review page must not carry out: its status and a message the page shows. */
export class ReviewRequestError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

export const SOURCE = 'review page';
const MAX_COMMENT_CHARS = 4000;
const MAX_MEMBERS = 10_000;
// A stale revision caused by writes to other answers is retried; this bounds a pathological race.
const MAX_ATTEMPTS = 50;

/** The request body as a `ScoreRequest`, every field checked (the page is ours, but the body is just bytes). */
export function parseScoreRequest(body: unknown, assignment: Assignment): { request: ScoreRequest; part: TextPart } {
  const bad = (why: string): never => {
    throw new ReviewRequestError(400, `bad request: ${why}`);
  };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) bad('expected a JSON object');
  const b = body as Record<string, unknown>;
  const part = textParts(assignment).find((p) => p.id === b.part);
  if (!part) throw new ReviewRequestError(404, `no free-text part ${JSON.stringify(cleanText(String(b.part)))} in ${assignment.id}`);
  if (b.action !== 'score' && b.action !== 'clear') bad('action must be "score" or "clear"');
  if (!Array.isArray(b.members) || b.members.length === 0 || b.members.length > MAX_MEMBERS) bad('members must be a non-empty list');
  const members = (b.members as unknown[]).map((m) => {
    const x = (m ?? {}) as Record<string, unknown>;
    if (typeof x.student !== 'string' || typeof x.answerHash !== 'string' || !Number.isInteger(x.version) || (x.version as number) < 0) bad('each member needs student, answerHash and version');
    return { student: x.student as string, answerHash: x.answerHash as string, version: x.version as number };
  });
  if (new Set(members.map((m) => m.student)).size !== members.length) bad('a student is listed twice');
  const items = part.rubricItems ?? [];
  const ticked = b.ticked ?? [];
  if (!Array.isArray(ticked) || !ticked.every((i) => Number.isInteger(i) && i >= 0 && i < items.length) || new Set(ticked).size !== ticked.length) {
    bad(`ticked must list distinct rubric item numbers from 0 to ${items.length - 1}`);
  }
  const adjustment = b.adjustment ?? 0;
  if (typeof adjustment !== 'number' || !Number.isFinite(adjustment) || Math.abs(adjustment) > 1e6) bad('adjustment must be a number');
  const comment = b.comment ?? '';
  if (typeof comment !== 'string') bad('comment must be text');
  if ((comment as string).length > MAX_COMMENT_CHARS) bad(`the comment is longer than ${MAX_COMMENT_CHARS} characters`);
  return {
    part,
    request: { part: part.id, members, action: b.action as 'score' | 'clear', ticked: [...(ticked as number[])].sort((x, y) => x - y), adjustment: adjustment as number, comment: cleanText(comment as string).trim() },
  };
}

/**
 * Stores a group's score in the TA store, all members at once or none. A member whose score
 * changed since the page read it (another tab, a sheet merged meanwhile), or whose answer is no
 * longer the one shown, refuses the whole write (409) with a message saying what changed. Writes
 * to other answers since are no conflict: the write is tried again on the store as it now is.
 */
export async function saveScores(outDir: string, assignment: Assignment, request: ScoreRequest, part: TextPart, now?: Date): Promise<SaveOutcome> {
  for (const m of request.members) {
    const result = await readResult(outDir, m.student, assignment.id);
    const shown = result?.parts.find((p) => p.partId === part.id);
    const graded = shown?.asGraded ?? shown;
    if (!graded || graded.status !== 'pending') throw new ReviewRequestError(409, `not saved: ${m.student}'s answer to ${part.id} is no longer awaiting review (regraded since this page was loaded); reload the page`);
    if (answerHash(graded.answer) !== m.answerHash) throw new ReviewRequestError(409, `not saved: ${m.student}'s answer to ${part.id} changed since this page was loaded (regraded); reload the page and score the new answer`);
  }
  const items = part.rubricItems ?? [];
  const score = roundPoints(markedScore(items, request.ticked, request.adjustment, part.points));
  const entries: TaEntry[] = request.members.map((m) =>
    request.action === 'clear'
      ? { kind: 'withdraw-score', student: m.student, part: part.id }
      : {
          kind: 'score',
          student: m.student,
          part: part.id,
          score,
          answerHash: m.answerHash,
          ...(request.comment ? { comment: request.comment } : {}),
          ...(items.length > 0 ? { rubric: { items: request.ticked.map((i) => items[i]!.text), adjustment: request.adjustment } } : {}),
        },
  );
  const file = taStorePath(outDir);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const store = await readTaStore(file, assignment.id);
    const versions = scoreVersions(store);
    const moved = request.members.filter((m) => (versions.get(versionKey(m.student, part.id)) ?? 0) !== m.version);
    if (moved.length > 0) throw new ReviewRequestError(409, conflictMessage(moved.map((m) => m.student), part, store.log));
    try {
      const { store: next, changes } = await applyTaEntries(file, entries, { source: SOURCE, assignment, expectedRevision: store.revision, ...(now ? { now } : {}) });
      const after = scoreVersions(next);
      return {
        revision: next.revision,
        ...(request.action === 'score' ? { score } : {}),
        versions: Object.fromEntries(request.members.map((m) => [m.student, after.get(versionKey(m.student, part.id)) ?? 0])),
        changed: changes.length,
      };
    } catch (err) {
      if (err instanceof StaleStoreError) continue;
      throw err;
    }
  }
  throw new ReviewRequestError(409, 'not saved: the TA store kept changing under this write; try again');
}

/** What changed a score since the page read it, in words: who wrote what, when. */
function conflictMessage(students: readonly string[], part: TextPart, log: readonly StoreChange[]): string {
  const said = students.slice(0, 3).map((student) => {
    const last = [...log].reverse().find((c) => c.kind === 'score' && c.student === student && c.part === part.id);
    if (!last || last.kind !== 'score') return `${student}'s score was changed`;
    const what = last.after ? `scored ${last.after.score} / ${part.points}${last.after.comment ? ' with a comment' : ''}` : 'had its score cleared';
    return `${student}'s answer was ${what} by ${last.source} at ${last.at.slice(11, 16)} UTC`;
  });
  const more = students.length > 3 ? ` (and ${students.length - 3} more)` : '';
  return `not saved: ${said.join('; ')}${more}, after this page was loaded. Reload the part to see the current score, then score again if it needs changing.`;
}
