import type { PartResult } from '../../results/result.ts';
import type { TextPart } from '../../pack/types.ts';
import type { Checker } from '../types.ts';
import { pointsText, renderBlock, tooDeepProblem } from '../_internals/render.ts';
import { invalidResult, isBlank, missingResult, resultBase } from '../_internals/result.ts';

/** Free text is never auto-graded: it waits for a TA's score against the rubric. */
export const textChecker: Checker<TextPart> = {
  kind: 'text',
  async check(part, answer, ctx): Promise<PartResult> {
    if (isBlank(answer)) return missingResult(part, ctx);
    const deep = tooDeepProblem(answer);
    if (deep) return invalidResult(part, ctx, `expected text to be read by a TA, found ${deep}.`, { answer: deep });
    return {
      ...resultBase(part, ctx, { answer: renderBlock(answer) }),
      status: 'pending',
      score: 0,
      feedback: `Awaiting manual review (${pointsText(part.points)}).`,
      rubric: part.rubric,
    };
  },
};
