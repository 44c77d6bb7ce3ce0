import type { Assignment } from '../pack/types.ts';
import type { PartResult, SubmissionResult } from './result.ts';
import { readResults } from './result-files.ts';
import { lateInfo, roundPoints, totalAfterLate, totals } from './score.ts';
import { answerHash, readTaStore, taStorePath, type HandScore, type TaStore } from './ta-store.ts';

/**
 * A result with the TA store applied: each hand score whose answer is still the one scored, a
 * note where the answer changed since (the part stays pending), and the late penalty from the
 * stored submission time. It starts from the parts as graded (`asGraded`), so applying it to a
 * result that was adjusted before, by an older store, gives the same as applying it afresh.
 */
export function adjustResult(result: SubmissionResult, store: TaStore, assignment: Assignment): SubmissionResult {
  const mine = store.scores[result.student] ?? {};
  const parts = result.parts.map((part) => {
    const graded: PartResult = part.asGraded ?? part;
    const entry = mine[part.partId];
    if (!entry) return graded;
    if (graded.status !== 'pending') return withNote(graded, staleNote(entry, graded, 'no answer is awaiting review now'));
    if (answerHash(graded.answer) !== entry.answerHash) return withNote(graded, staleNote(entry, graded, 'the answer changed since, so it awaits review again'));
    return handScored(graded, entry);
  });
  return applyLatePolicy({ ...result, parts, ...totals(parts) }, assignment, store.times[result.student]?.submittedAt);
}

/**
 * Sets `late` and `total` of a result from the assignment's due date and late policy. Without a
 * due date, a policy or a submission time the result is taken as on time.
 */
export function applyLatePolicy(result: SubmissionResult, assignment: Assignment, submittedAt?: string): SubmissionResult {
  const { late: _previous, ...rest } = result;
  const late =
    submittedAt !== undefined && assignment.due !== undefined && assignment.latePolicy !== undefined
      ? lateInfo(result.score, assignment.due, assignment.latePolicy, submittedAt)
      : undefined;
  return { ...rest, ...(late ? { late } : {}), total: totalAfterLate(result.score, late) };
}

/**
 * The results of a reports folder as they stand now: each student's `dlgrade.json` with the
 * folder's TA store applied (it may hold entries newer than the files). With the store, for a
 * reader that then writes entries (`applyTaEntries` with `expectedRevision: store.revision`).
 */
export async function readAdjustedResults(outDir: string, assignment: Assignment): Promise<{ results: SubmissionResult[]; store: TaStore }> {
  const store = await readTaStore(taStorePath(outDir), assignment.id);
  const results = (await readResults(outDir, assignment.id)).map((r) => adjustResult(r, store, assignment));
  return { results, store };
}

function handScored(graded: PartResult & { status: 'pending' }, entry: HandScore): PartResult {
  const { status: _status, rubric: _rubric, asGraded: _asGraded, ...common } = graded;
  const score = roundPoints(Math.min(graded.max, Math.max(0, entry.score)));
  const status = score >= graded.max ? 'passed' : score > 0 ? 'partial' : 'failed';
  const feedback = entry.comment ?? `Scored by hand: ${score} / ${graded.max}.`;
  return { ...common, status, score, feedback, manual: entry.comment ? { comment: entry.comment } : {}, asGraded: graded };
}

function withNote(graded: PartResult, note: string): PartResult {
  return { ...graded, notes: [...(graded.notes ?? []), note], asGraded: graded };
}

function staleNote(entry: HandScore, part: PartResult, why: string): string {
  return `A TA scored an earlier answer to this part (${entry.score} / ${part.max}); ${why}.`;
}
