import { roundPoints } from '../../results/score.ts';
import type { PartResult } from '../../results/result.ts';
import type { MistakeBase, PartSpec } from '../../pack/types.ts';
import type { CheckContext } from '../types.ts';

type Base = Omit<Extract<PartResult, { status: 'passed' }>, 'status' | 'score' | 'feedback'>;

/** The fields every result of `part` carries, whatever its status. */
export function resultBase(part: PartSpec, ctx: CheckContext, extra: { answer?: string; expected?: string } = {}): Base {
  const base: Base = { partId: part.id, kind: part.kind, max: part.points, visibility: part.visibility, seed: ctx.seed };
  if (extra.answer !== undefined) base.answer = extra.answer;
  if (extra.expected !== undefined) base.expected = extra.expected;
  return base;
}

/**
 * True when the part was left unanswered: the key is absent, has no value (`key:` reads as
 * null), or holds only blank text.
 */
export function isBlank(answer: unknown): boolean {
  return answer === undefined || answer === null || (typeof answer === 'string' && answer.trim() === '');
}

export function missingResult(part: PartSpec, ctx: CheckContext, expected?: string): PartResult {
  return {
    ...resultBase(part, ctx, expected === undefined ? {} : { expected }),
    status: 'missing',
    score: 0,
    feedback: `No answer for ${part.id} in answers.yaml.`,
  };
}

export function invalidResult(part: PartSpec, ctx: CheckContext, feedback: string, extra: { answer?: string; expected?: string }): PartResult {
  return { ...resultBase(part, ctx, extra), status: 'invalid', score: 0, feedback };
}

/** Points for a known mistake: its credit share of the part, within [0, points]. */
export function mistakeScore(mistake: MistakeBase, points: number): number {
  const credit = Math.min(1, Math.max(0, Number.isFinite(mistake.credit) ? mistake.credit : 0));
  return roundScore(credit * points);
}

/** Scores are sums of simple fractions: round away float noise such as 3.0000000000000004. */
export const roundScore = roundPoints;

/** A result for a matched known mistake: partial when it carries credit, failed otherwise. */
export function mistakeResult(
  part: PartSpec,
  ctx: CheckContext,
  mistake: MistakeBase,
  extra: { answer?: string; expected?: string },
): PartResult {
  const score = mistakeScore(mistake, part.points);
  const base = { ...resultBase(part, ctx, extra), score, feedback: mistake.feedback, mistake: mistake.id };
  return score > 0 ? { ...base, status: 'partial' } : { ...base, status: 'failed' };
}

/**
 * A well-formed answer of a public copy, which does not hold what grades it: it waits for the
 * full pack's grading after the deadline.
 */
export function pendingPublicResult(part: PartSpec, ctx: CheckContext, what: string, extra: { answer?: string; expected?: string }): PartResult {
  return { ...resultBase(part, ctx, extra), status: 'pending', score: 0, feedback: `${what}: graded after the deadline (the public spec does not hold the answer).`, rubric: 'Graded with the full pack after the deadline.' };
}
