import type { LatePolicy } from '../pack/types.ts';
import type { LateInfo, PartResult, SubmissionResult } from './result.ts';

/**
 * The one rounding of points (and of the percentages and hours beside them): away float noise
 * such as 0.1 + 0.2 or 3.0000000000000004, so totals print and compare exactly. Every score a
 * checker, the late policy or a TA produces passes through it.
 */
export function roundPoints(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * Score, max and pending points of a list of part results. Pending parts hold their points open:
 * they count neither in the score nor in the max until a TA scores them.
 */
export function totals(parts: readonly PartResult[]): Pick<SubmissionResult, 'score' | 'max' | 'pendingPoints' | 'total'> {
  let score = 0;
  let max = 0;
  let pendingPoints = 0;
  for (const p of parts) {
    if (p.status === 'pending') {
      pendingPoints += p.max;
      continue;
    }
    score += p.score;
    max += p.max;
  }
  return { score: roundPoints(score), max: roundPoints(max), pendingPoints: roundPoints(pendingPoints), total: roundPoints(score) };
}

const HOUR_MS = 3_600_000;

/**
 * Lateness and penalty of a submission received at `submittedAt` under `policy`.
 *
 * The rule: lateness is counted in the policy's unit (`day` = 24 h, `hour`); every started unit
 * costs `penaltyPercent` of the earned score (1.5 days late at 10 %/day → 2 units → 20 %), capped
 * at 100 %; lateness of more than `maxLate` units (exactly `maxLate` is still accepted) scores 0.
 * Returns undefined when the submission is on time.
 */
export function lateInfo(score: number, due: string, policy: LatePolicy, submittedAt: string): LateInfo | undefined {
  const lateMs = Date.parse(submittedAt) - Date.parse(due);
  if (Number.isNaN(lateMs)) throw new RangeError(`cannot compare submission time "${submittedAt}" with due date "${due}"`);
  if (lateMs <= 0) return undefined;
  const hoursLate = lateMs / HOUR_MS;
  const units = policy.per === 'day' ? hoursLate / 24 : hoursLate;
  const unitsCharged = Math.ceil(units);
  const penaltyPercent = units > policy.maxLate ? 100 : Math.min(100, unitsCharged * policy.penaltyPercent);
  return {
    submittedAt,
    hoursLate: roundPoints(hoursLate),
    unitsCharged,
    penaltyPercent: roundPoints(penaltyPercent),
    // Rounding to the gradebook's precision must not take more than the score itself.
    penalty: Math.min(score, roundPoints((score * penaltyPercent) / 100)),
  };
}

/** The gradebook total for a score after a late penalty charged in percent. */
export function totalAfterLate(score: number, late: LateInfo | undefined): number {
  if (!late) return roundPoints(score);
  return Math.min(roundPoints(score), Math.max(0, roundPoints(score - (score * late.penaltyPercent) / 100)));
}
