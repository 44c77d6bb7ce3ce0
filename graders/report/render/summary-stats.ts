import type { PartResult, PartStatus, SubmissionResult } from '../../results/result.ts';
import type { Assignment, PartKind } from '../../pack/types.ts';

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

/** What the class did with one part. */
export interface PartAnalytics {
  partId: string;
  kind: PartKind;
  points: number;
  /** Students with a result for the part that is decided (not pending review). */
  graded: number;
  pending: number;
  /** Mean score over the decided results, in points. */
  meanScore: number;
  /** Share of the decided results with full marks, in percent. */
  fullPercent: number;
  /** Mean score as a share of the points (the item's facility: 1 easy, 0 hard). */
  difficulty: number;
  /**
   * Point-biserial correlation of full marks on the part with the student's score (points earned
   * before any late penalty): high when the students who get it right are those who do well
   * overall. Undefined with fewer than three decided results or when nobody (or everybody) got it.
   */
  discrimination?: number;
  /** Answers left blank (missing): not counted among the wrong answers. */
  blank: number;
  /** Decided results short of full marks, blanks apart. */
  wrong: number;
  statuses: Partial<Record<PartStatus, number>>;
  /** The most common wrong answers, alike ones together, most frequent first (at most three). */
  commonWrong: { label: string; count: number; mistake?: string }[];
}

/** Every part of the assignment, in pack order, with what the class made of it. */
export function partAnalytics(assignment: Assignment, results: readonly SubmissionResult[]): PartAnalytics[] {
  return assignment.questions.flatMap((q) => q.parts).map((spec) => {
    const rows = results.flatMap((r) => r.parts.filter((p) => p.partId === spec.id).map((part) => ({ part, score: r.score })));
    const statuses: Partial<Record<PartStatus, number>> = {};
    for (const { part } of rows) statuses[part.status] = (statuses[part.status] ?? 0) + 1;
    const decided = rows.filter(({ part }) => part.status !== 'pending');
    const full = decided.map(({ part }) => (part.score >= part.max - 1e-9 ? 1 : 0));
    const meanScore = mean(decided.map(({ part }) => part.score));
    const wrongRows = decided.filter(({ part }) => part.status !== 'missing' && part.score < part.max - 1e-9);
    const row: PartAnalytics = {
      partId: spec.id,
      kind: spec.kind,
      points: spec.points,
      graded: decided.length,
      pending: rows.length - decided.length,
      meanScore,
      fullPercent: decided.length ? (100 * full.reduce((a: number, b) => a + b, 0)) / decided.length : 0,
      difficulty: spec.points > 0 ? meanScore / spec.points : 0,
      blank: rows.filter(({ part }) => part.status === 'missing').length,
      wrong: wrongRows.length,
      statuses,
      commonWrong: clusters(wrongRows.map(({ part }) => part)),
    };
    const r = pointBiserial(full, decided.map((d) => d.score));
    if (r !== undefined) row.discrimination = r;
    return row;
  });
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

/** r = (M₁ − M₀) / s · √(p q), with s the population standard deviation of `y`. */
export function pointBiserial(x: readonly (0 | 1)[], y: readonly number[]): number | undefined {
  const n = x.length;
  if (n < 3 || y.length !== n) return undefined;
  const ones = y.filter((_, i) => x[i] === 1);
  const zeros = y.filter((_, i) => x[i] === 0);
  if (ones.length === 0 || zeros.length === 0) return undefined;
  const m = mean(y);
  const s = Math.sqrt(mean(y.map((v) => (v - m) ** 2)));
  if (s === 0) return 0;
  const p = ones.length / n;
  return ((mean(ones) - mean(zeros)) / s) * Math.sqrt(p * (1 - p));
}

/**
 * Groups wrong answers that are alike: the same known mistake, or the same answer up to case and
 * spacing; answers that are not values (code) are told apart by their feedback instead.
 */
function clusters(parts: readonly PartResult[]): PartAnalytics['commonWrong'] {
  const groups = new Map<string, { label: string; count: number; mistake?: string }>();
  for (const p of parts) {
    const value = p.kind !== 'code' && p.kind !== 'gradient' && p.answer !== undefined ? p.answer : undefined;
    const key = p.mistake ? `mistake:${p.mistake}` : value !== undefined ? `answer:${value.trim().replace(/\s+/g, '').toLowerCase()}` : `feedback:${p.feedback}`;
    // A known mistake of code is named by its id; its feedback is the pack's, not the student's.
    const label = value ?? (p.mistake ? '' : p.feedback);
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { label, count: 1, ...(p.mistake ? { mistake: p.mistake } : {}) });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count).slice(0, 3);
}
