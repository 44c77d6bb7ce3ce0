import type { PartResult } from '../../results/result.ts';
import { ReferenceFault } from '../../errors.ts';
import type { CheckContext } from '../types.ts';
import { formatNumber, renderAnswer } from '../_internals/render.ts';
import { invalidResult, isBlank, mistakeResult, missingResult, pendingPublicResult, resultBase } from '../_internals/result.ts';
import { compareSets, readSet, renderSet, type SetDomain } from '../_math/sets.ts';
import type { SetPart } from './part.ts';

/** "x real in [0, 10]", "n integer". */
export function domainText(d: SetDomain): string {
  const lo = d.min === -Infinity ? '-inf' : formatNumber(d.min);
  const hi = d.max === Infinity ? 'inf' : formatNumber(d.max);
  const range = d.min === -Infinity && d.max === Infinity ? '' : ` in [${lo}, ${hi}]`.replace('[-inf', '(-inf').replace('inf]', 'inf)');
  return `${d.variable} ${d.type === 'integer' ? 'an integer' : 'real'}${range}`;
}

/**
 * Grades a set answer by comparing it as a set with the reference set over the domain: exactly,
 * end by end, on a real domain; member by member on an integer one.
 */
export async function checkSet(part: SetPart, answer: unknown, ctx: CheckContext): Promise<PartResult> {
  const expected = `a set over ${domainText(part.domain)}: {2, 3}, [0.5, inf), a union with ∪, or a condition in ${part.domain.variable}`;
  if (isBlank(answer)) return missingResult(part, ctx, expected);
  const rendered = renderAnswer(answer);
  const extra = { answer: rendered, expected };
  if (typeof answer !== 'string' && typeof answer !== 'number') return invalidResult(part, ctx, `expected a set written as text, such as {2, 3} or [0.5, inf); found ${rendered}.`, extra);
  const read = readSet(typeof answer === 'number' ? `{${answer}}` : answer, part.domain);
  if (!read.ok) return invalidResult(part, ctx, `${capitalize(read.problem)}.`, extra);
  const readAs = ` (Read as ${renderSet(read.set, part.domain)}.)`;
  if (part.solver === '') return pendingPublicResult(part, ctx, `A set${readAs}`, extra);
  const key = readSet(part.answer, part.domain);
  if (!key.ok) throw new ReferenceFault(part.id, `the reference set ${JSON.stringify(part.answer)} does not read: ${key.problem}`);
  const verdict = compareSets(read.set, key.set, part.domain);
  const checks = [{ name: `as sets over ${domainText(part.domain)}`, visibility: part.visibility, ok: verdict.equal }];
  if (verdict.equal) return { ...resultBase(part, ctx, extra), status: 'passed', score: part.points, feedback: `Correct: the same set as the answer.${readAs}`, checks };
  const x = `${part.domain.variable} = ${formatNumber(verdict.witness)}`;
  const counterexample = { input: x, expected: verdict.inStudent ? 'not a member' : 'a member', actual: verdict.inStudent ? 'a member' : 'not a member', hidden: part.visibility === 'hidden' };
  for (const m of part.mistakes) {
    const wrong = readSet(m.answer, part.domain);
    if (!wrong.ok) throw new ReferenceFault(part.id, `known mistake "${m.id}" is not a readable set: ${wrong.problem}`);
    if (compareSets(read.set, wrong.set, part.domain).equal) return { ...mistakeResult(part, ctx, m, extra), checks, counterexample };
  }
  const feedback = verdict.inStudent ? `${x} is in your set but not in the answer.` : `${x} is in the answer but not in your set.`;
  return { ...resultBase(part, ctx, extra), status: 'failed', score: 0, feedback: `${feedback}${readAs}`, checks, counterexample };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
