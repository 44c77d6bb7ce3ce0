import type { PartResult, SubmissionResult } from './result.ts';

/** Rounds away float noise (0.1 + 0.2) so totals print and compare exactly. */
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
