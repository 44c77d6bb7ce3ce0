import type { PartResult } from '../../results/result.ts';
import { ReferenceFault } from '../../errors.ts';
import type { CheckContext } from '../types.ts';
import { solverOf } from '../_internals/reference.ts';
import { renderAnswer } from '../_internals/render.ts';
import { invalidResult, isBlank, mistakeResult, missingResult, pendingPublicResult, resultBase } from '../_internals/result.ts';
import type { Point } from '../_internals/sample-points.ts';
import { checkLimit, readLimitAnswer, type LimitQuestion } from '../_math/limits.ts';
import type { LimitPart } from './part.ts';

export function questionOf(part: LimitPart): LimitQuestion {
  return { variable: part.variable, to: part.to, ...(part.side ? { side: part.side } : {}), others: part.variables };
}

export function targetText(part: LimitPart): string {
  const to = part.to === 'inf' ? '∞' : part.to === '-inf' ? '-∞' : `${part.to}${part.side === 'left' ? '⁻' : part.side === 'right' ? '⁺' : ''}`;
  return `${part.variable} → ${to}`;
}

/** The reference expression, as checkLimit evaluates it. */
export function referenceExpression(part: LimitPart, solver: (point: Point) => unknown): (point: Point) => number {
  return (point) => {
    const v = solver({ ...point });
    if (typeof v !== 'number') throw new ReferenceFault(part.id, `reference solver "${part.solver}" returned ${String(v)}, not a number`);
    return v;
  };
}

/** Grades a limit answer against the limit of the reference's values along the approach. */
export async function checkLimitPart(part: LimitPart, answer: unknown, ctx: CheckContext): Promise<PartResult> {
  const others = Object.keys(part.variables);
  const expected = `the limit as ${targetText(part)}: a number${others.length ? `, a formula in ${others.join(', ')}` : ''}, inf, -inf or "does not exist"`;
  if (isBlank(answer)) return missingResult(part, ctx, expected);
  const rendered = renderAnswer(answer);
  const extra = { answer: rendered, expected };
  const question = questionOf(part);
  const read = readLimitAnswer(answer, question);
  if (!read.ok) return invalidResult(part, ctx, `${capitalize(read.problem)}.`, extra);
  const readAs = read.kind === 'formula' && read.reading !== undefined ? ` (Read as ${read.reading}.)` : '';
  if (part.solver === '') return pendingPublicResult(part, ctx, `A limit${readAs}`, extra);
  const reference = referenceExpression(part, solverOf(ctx, part, part.solver) as (point: Point) => unknown);
  const verdict = checkLimit({ question, reference, answer: read, samples: part.samples, seed: ctx.seed, tolerance: part.tolerance });
  const checks = [{ name: others.length ? `${verdict.runs} random values of ${others.join(', ')}` : `the approach ${targetText(part)}`, visibility: part.visibility, ok: verdict.ok, runs: verdict.runs }];
  if (verdict.ok) return { ...resultBase(part, ctx, extra), status: 'passed', score: part.points, feedback: `Correct: the expression tends to your answer as ${targetText(part)}.${readAs}`, checks };
  const counterexample = { input: others.length ? Object.entries(verdict.point).map(([k, v]) => `${k} = ${v}`).join(', ') : targetText(part), expected: verdict.expected, actual: verdict.actual, hidden: part.visibility === 'hidden' };
  for (const m of part.mistakes) {
    const wrong = readLimitAnswer(m.answer, question);
    if (!wrong.ok) throw new ReferenceFault(part.id, `known mistake "${m.id}" is not a readable limit: ${wrong.problem}`);
    if (sameLimit(read, wrong, part, verdict.point)) return { ...mistakeResult(part, ctx, m, extra), checks, counterexample };
  }
  return { ...resultBase(part, ctx, extra), status: 'failed', score: 0, feedback: `${verdict.feedback}${readAs}`, checks, counterexample };
}

type Read = Exclude<ReturnType<typeof readLimitAnswer>, { ok: false }>;

/** Two answers say the same limit: the same infinity, or formulas equal at the point and at a few others. */
function sameLimit(a: Read, b: Read, part: LimitPart, at: Point): boolean {
  if (a.kind !== 'formula' || b.kind !== 'formula') return a.kind === b.kind;
  const points = [at, ...[0.37, 0.61, 0.83].map((t) => Object.fromEntries(Object.entries(part.variables).map(([k, d]) => [k, d.type === 'integer' ? Math.round(d.min + t * (d.max - d.min)) : d.min + t * (d.max - d.min)])))];
  return points.every((p) => {
    const x = a.evaluate(p);
    const y = b.evaluate(p);
    return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= part.tolerance * Math.max(1, Math.abs(x), Math.abs(y));
  });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
