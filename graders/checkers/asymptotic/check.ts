import type { PartResult } from '../../results/result.ts';
import { ReferenceFault } from '../../errors.ts';
import type { CheckContext } from '../types.ts';
import { solverOf } from '../_internals/reference.ts';
import { renderAnswer } from '../_internals/render.ts';
import { invalidResult, isBlank, mistakeResult, missingResult, pendingPublicResult, resultBase } from '../_internals/result.ts';
import { checkGrowth, compareGrowth, logOfFormula, logOfSolver, readGrowth, type GrowthAnswer } from '../_math/growth.ts';
import type { AsymptoticPart } from './part.ts';

type Read = Extract<GrowthAnswer, { ok: true }>;

/** ln f(2^k) of the reference solver. */
export function referenceGrowth(part: AsymptoticPart, solver: (input: Record<string, number>) => unknown): (k: number) => number | undefined {
  return logOfSolver((n) => {
    const v = solver({ [part.variable]: n });
    if (typeof v !== 'number') throw new ReferenceFault(part.id, `reference solver "${part.solver}" returned ${String(v)}, not a number`);
    return v;
  });
}

/** The same class: the same notation of functions that grow alike. */
export function sameClass(a: Read, b: Read): boolean {
  return a.notation === b.notation && compareGrowth(logOfFormula(a.program), logOfFormula(b.program)).relation === 'same';
}

/** Grades a growth class against the reference's values at n = 2^k for k up to 1000. */
export async function checkAsymptotic(part: AsymptoticPart, answer: unknown, ctx: CheckContext): Promise<PartResult> {
  const expected = `a growth class in ${part.variable}, e.g. Theta(${part.variable}^2) or O(${part.variable} log ${part.variable})${part.tight ? ', the tight one' : ''}`;
  if (isBlank(answer)) return missingResult(part, ctx, expected);
  const rendered = renderAnswer(answer);
  const extra = { answer: rendered, expected };
  if (typeof answer !== 'string') return invalidResult(part, ctx, `expected a growth class written as text, such as Theta(${part.variable}^2); found ${rendered}.`, extra);
  const read = readGrowth(answer, part.variable);
  if (!read.ok) return invalidResult(part, ctx, `${capitalize(read.problem)}.`, extra);
  if (part.solver === '') return pendingPublicResult(part, ctx, `Read as ${read.text}`, extra);
  const logF = referenceGrowth(part, solverOf(ctx, part, part.solver) as (input: Record<string, number>) => unknown);
  const verdict = checkGrowth(logF, read, { tight: part.tight });
  const checks = [{ name: `${part.variable} = 2^k up to k = 1000`, visibility: part.visibility, ok: verdict.ok }];
  if (verdict.ok) return { ...resultBase(part, ctx, extra), status: 'passed', score: part.points, feedback: `Correct: the quantity is ${read.text}.`, checks };
  for (const m of part.mistakes) {
    const wrong = readGrowth(m.answer, part.variable);
    if (!wrong.ok) throw new ReferenceFault(part.id, `known mistake "${m.id}" is not a readable growth class: ${wrong.problem}`);
    if (sameClass(read, wrong)) return { ...mistakeResult(part, ctx, m, extra), checks };
  }
  return { ...resultBase(part, ctx, extra), status: 'failed', score: 0, feedback: verdict.feedback, checks };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
