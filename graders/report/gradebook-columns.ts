import type { Assignment } from '../pack/types.ts';
import type { SubmissionResult } from '../results/result.ts';
import { roundPoints } from '../results/score.ts';

/** One graded column of an LMS gradebook: its title, its points possible, and a student's score in it. */
export interface ScoreColumn {
  title: string;
  pointsPossible: number;
  score(result: SubmissionResult): number;
}

/** What each score column holds: the assignment's total, or one column per question. */
export type GradebookColumns = 'assignment' | 'questions';

/**
 * The score columns of a gradebook. `assignment`: one column, the total after the late penalty.
 * `questions`: one per question, each after the late penalty's share, so they add up to the
 * total (the last question with points takes the rounding remainder): an LMS sums its columns,
 * and a column of negative points is refused by some (Moodle's minimum grade is 0).
 */
export function scoreColumns(assignment: Assignment, columns: GradebookColumns, titleOf: (question?: Assignment['questions'][number]) => string): ScoreColumn[] {
  if (columns === 'assignment') return [{ title: titleOf(), pointsPossible: assignment.total, score: (r) => r.total }];
  const questions = assignment.questions;
  return questions.map((q, i) => ({
    title: titleOf(q),
    pointsPossible: roundPoints(q.parts.reduce((sum, p) => sum + p.points, 0)),
    score: (r) => questionScores(assignment, r)[i]!,
  }));
}

const cache = new WeakMap<SubmissionResult, number[]>();

/** Each question's share of a result's total, after the late penalty, summing to `total` exactly. */
export function questionScores(assignment: Assignment, r: SubmissionResult): number[] {
  const known = cache.get(r);
  if (known) return known;
  const byPart = new Map(r.parts.map((p) => [p.partId, p]));
  const raw = assignment.questions.map((q) => q.parts.reduce((sum, p) => sum + (byPart.get(p.id)?.status === 'pending' ? 0 : (byPart.get(p.id)?.score ?? 0)), 0));
  const factor = r.score > 0 ? r.total / r.score : 0;
  const scaled = raw.map((x) => roundPoints(x * factor));
  const remainder = roundPoints(r.total - scaled.reduce((a, b) => a + b, 0));
  if (remainder !== 0) {
    let last = scaled.length - 1;
    while (last >= 0 && scaled[last]! <= 0) last -= 1;
    if (last >= 0) scaled[last] = roundPoints(scaled[last]! + remainder);
  }
  cache.set(r, scaled);
  return scaled;
}

/** A number as every gradebook reads it: plain decimal, no exponent, no trailing zeros. */
export function pointsCell(x: number): string {
  return String(roundPoints(x));
}

/** A student's display name split as LMS rosters keep it: `Last, First`, or the last word as the last name. */
export function splitName(name: string | undefined): { first: string; last: string } {
  if (!name) return { first: '', last: '' };
  const comma = name.indexOf(',');
  if (comma >= 0) return { last: name.slice(0, comma).trim(), first: name.slice(comma + 1).trim() };
  const words = name.trim().split(/\s+/);
  return words.length === 1 ? { first: '', last: words[0]! } : { first: words.slice(0, -1).join(' '), last: words.at(-1)! };
}
