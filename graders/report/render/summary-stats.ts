import type { PartStatus, SubmissionResult } from '../../results/result.ts';
import type { Assignment } from '../../pack/types.ts';
import { NOT_PASSED } from './visibility.ts';

export interface Spread {
  count: number;
  mean: number;
  median: number;
  min: number;
  max: number;
}

/** Mean, median, min and max; all 0 for an empty list. */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { count: 0, mean: 0, median: 0, min: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return { count: sorted.length, mean, median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

export interface PartFailure {
  partId: string;
  points: number;
  /** Students whose result lost points on this part (failed, partial, invalid, error, missing). */
  notPassed: number;
  graded: number;
  meanScore: number;
  /** The feedback most often given to those students, with how many got it. */
  commonFeedback?: { text: string; count: number };
  commonMistake?: { id: string; count: number };
  statuses: Partial<Record<PartStatus, number>>;
}

/** Per question: each student's score in it (pending parts count 0 until reviewed). */
export function questionScores(assignment: Assignment, results: readonly SubmissionResult[]): { question: string; points: number; scores: { student: string; score: number }[] }[] {
  return assignment.questions.map((q) => {
    const ids = new Set(q.parts.map((p) => p.id));
    return {
      question: q.id,
      points: q.parts.reduce((s, p) => s + p.points, 0),
      scores: results.map((r) => ({ student: r.student, score: r.parts.filter((p) => ids.has(p.partId)).reduce((s, p) => s + p.score, 0) })),
    };
  });
}

/** Every part of the assignment with its outcome counts, most often lost first. */
export function partFailures(assignment: Assignment, results: readonly SubmissionResult[]): PartFailure[] {
  const rows = assignment.questions.flatMap((q) => q.parts).map((spec, order) => {
    const outcomes = results.flatMap((r) => r.parts.filter((p) => p.partId === spec.id));
    const statuses: Partial<Record<PartStatus, number>> = {};
    for (const o of outcomes) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
    const lost = outcomes.filter((o) => NOT_PASSED.has(o.status));
    const row: PartFailure = {
      partId: spec.id,
      points: spec.points,
      notPassed: lost.length,
      graded: outcomes.length,
      meanScore: outcomes.length === 0 ? 0 : outcomes.reduce((s, o) => s + o.score, 0) / outcomes.length,
      statuses,
    };
    const feedback = mode(lost.map((o) => o.feedback));
    if (feedback) row.commonFeedback = { text: feedback.value, count: feedback.count };
    const mistake = mode(lost.flatMap((o) => (o.mistake ? [o.mistake] : [])));
    if (mistake) row.commonMistake = { id: mistake.value, count: mistake.count };
    return { row, order };
  });
  return rows.sort((a, b) => b.row.notPassed - a.row.notPassed || a.order - b.order).map(({ row }) => row);
}

/** The most frequent value; ties go to the one seen first. */
function mode(values: readonly string[]): { value: string; count: number } | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: { value: string; count: number } | undefined;
  for (const [value, count] of counts) if (!best || count > best.count) best = { value, count };
  return best;
}
