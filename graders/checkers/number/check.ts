import type { PartResult } from '../../results/result.ts';
import type { NumberPart } from '../../pack/types.ts';
import type { Checker } from '../types.ts';
import { acceptedText, within } from '../_internals/intervals.ts';
import { readNumber } from '../_internals/read-number.ts';
import { referenceNumber, solverOf } from '../_internals/reference.ts';
import { formatNumber, renderAnswer } from '../_internals/render.ts';
import { invalidResult, isBlank, mistakeResult, missingResult, pendingPublicResult, resultBase } from '../_internals/result.ts';
import type { CheckContext } from '../types.ts';
import { mistakeValues } from './mistakes.ts';

/** Grades a number against the value of the part's reference solver, within an absolute tolerance. */
export const numberChecker: Checker<NumberPart> = {
  kind: 'number',
  async check(part, answer, ctx): Promise<PartResult> {
    if (part.solver === '') return publicCheck(part, answer, ctx);
    const target = referenceNumber(part, part.solver, solverOf(ctx, part, part.solver));
    const expected = `accepted: ${acceptedText(target, part.tolerance, part.unit)}`;
    if (isBlank(answer)) return missingResult(part, ctx, expected);

    const rendered = renderAnswer(answer);
    const read = readNumber(answer, part.unit);
    if (!read.ok) return invalidResult(part, ctx, `${read.problem}.`, { answer: rendered, expected });

    const extra = { answer: read.reading ? `${rendered} (${read.reading})` : rendered, expected };
    const reading = read.reading ? ` (${read.reading})` : '';
    if (within(read.value, target, part.tolerance)) {
      return { ...resultBase(part, ctx, extra), status: 'passed', score: part.points, feedback: `Correct${reading}.` };
    }
    for (const mistake of mistakeValues(part, ctx.solvers)) {
      if (Number.isFinite(mistake.value) && within(read.value, mistake.value, mistake.tolerance ?? part.tolerance)) return mistakeResult(part, ctx, mistake, extra);
    }
    const hint =
      part.unit === 'percent' && within(read.value * 100, target, part.tolerance)
        ? ' Answers are read in percent: write the fraction as a percentage (e.g. 0.28 → 28 or "28%").'
        : '';
    return {
      ...resultBase(part, ctx, extra),
      status: 'failed',
      score: 0,
      feedback: `${formatNumber(read.value)}${part.unit === 'percent' ? '%' : ''}${reading} is not accepted; ${expected}.${hint}`,
    };
  },
};

/** A public copy: the number is read as it will be graded, and waits for the full pack. */
function publicCheck(part: NumberPart, answer: unknown, ctx: CheckContext): PartResult {
  const expected = part.unit === 'percent' ? 'a number, in percent' : 'a number';
  if (isBlank(answer)) return missingResult(part, ctx, expected);
  const rendered = renderAnswer(answer);
  const read = readNumber(answer, part.unit);
  if (!read.ok) return invalidResult(part, ctx, `${read.problem}.`, { answer: rendered, expected });
  return pendingPublicResult(part, ctx, `Read as ${formatNumber(read.value)}${part.unit === 'percent' ? '%' : ''}`, { answer: rendered, expected });
}
