import type { PartResult } from '../../results/result.ts';
import { ReferenceFault } from '../../errors.ts';
import type { CheckContext } from '../types.ts';
import { solverOf } from '../_internals/reference.ts';
import { describeValue, renderAnswer } from '../_internals/render.ts';
import { invalidResult, isBlank, mistakeResult, missingResult, pendingPublicResult, resultBase } from '../_internals/result.ts';
import { compareTensors, renderEnv, renderTensor, solverTarget } from '../_math/tensor-compare.ts';
import { compileTensorFormula, shapeText, declaredShape, type TensorDomain } from '../_math/tensor-formula.ts';
import type { MatrixFormulaPart } from './part.ts';

export function domainOf(part: MatrixFormulaPart): TensorDomain {
  return { variables: part.variables, dims: part.dims };
}

/** "W a [N, V] matrix, x a [V] vector; N in 1..4, V in 1..4". */
export function renderShapes(part: MatrixFormulaPart): string {
  const vars = Object.entries(part.variables).map(([n, v]) => `${n} ${shapeText(declaredShape(v))}`);
  const dims = Object.entries(part.dims).map(([n, d]) => `${n} in ${d.min}..${d.max}`);
  return [vars.join(', '), dims.join(', ')].filter(Boolean).join('; ');
}

/**
 * Grades a matrix formula: its shape first (a mismatch is invalid, with both shapes), then its
 * entries against the reference solver at random sizes and matrices, through fast-check.
 */
export async function checkMatrixFormula(part: MatrixFormulaPart, answer: unknown, ctx: CheckContext): Promise<PartResult> {
  const domain = domainOf(part);
  const expected = `any formula equal to the reference at ${part.samples} random sizes and entries (${renderShapes(part)}; tolerance ${part.tolerance} × max(1, |value|) per entry)`;
  if (isBlank(answer)) return missingResult(part, ctx, expected);
  const rendered = renderAnswer(answer);
  const extra = { answer: rendered, expected };
  if (typeof answer !== 'string' && typeof answer !== 'number') return invalidResult(part, ctx, `expected a formula in ${Object.keys(part.variables).join(', ')} written as text, found ${describeValue(answer)}.`, extra);
  const student = compileTensorFormula(String(answer), domain);
  if (!student.ok) return invalidResult(part, ctx, `${capitalize(student.problem)}.`, extra);
  const readAs = student.reading === undefined ? '' : ` (Read as ${student.reading}.)`;
  if (part.solver === '') return pendingPublicResult(part, ctx, `A formula that is ${shapeText(student.shape)}${readAs}`, extra);

  const key = compileTensorFormula(part.answer, domain);
  if (!key.ok) throw new ReferenceFault(part.id, `the reference formula ${JSON.stringify(part.answer)} does not compile: ${key.problem}`);
  const reference = solverTarget(part.id, part.solver, solverOf(ctx, part, part.solver) as (input: Record<string, unknown>) => unknown, key.shape, domain);
  const compare = (target: typeof reference) => compareTensors({ student, reference: target, domain, samples: part.samples, seed: ctx.seed, tolerance: part.tolerance });
  const verdict = compare(reference);
  if (verdict.ok) {
    return { ...resultBase(part, ctx, extra), status: 'passed', score: part.points, feedback: `Correct: your formula is ${shapeText(student.shape)} and agrees with the reference at every sampled size and matrix.${readAs}`, checks: [{ name: `${verdict.runs} random sizes and entries`, visibility: part.visibility, ok: true, runs: verdict.runs }] };
  }
  if (verdict.kind === 'shape') return invalidResult(part, ctx, verdict.message, extra);
  const checks = [{ name: `${part.samples} random sizes and entries`, visibility: part.visibility, ok: false, runs: verdict.runs }];
  const counterexample = { input: renderEnv(verdict.env, domain), expected: renderTensor(verdict.want), actual: renderTensor(verdict.got), where: verdict.want.data.length === 1 ? undefined : `entry (${verdict.entry[0] + 1}, ${verdict.entry[1] + 1})`, hidden: part.visibility === 'hidden' };
  if (counterexample.where === undefined) delete counterexample.where;
  for (const m of part.mistakes) {
    const wrong = compileTensorFormula(m.formula, domain);
    if (!wrong.ok) throw new ReferenceFault(part.id, `known mistake "${m.id}" has an unreadable formula: ${wrong.problem}`);
    if (compare(wrong).ok) return { ...mistakeResult(part, ctx, m, extra), checks, counterexample };
  }
  return { ...resultBase(part, ctx, extra), status: 'failed', score: 0, feedback: `${verdict.message}${readAs}`, checks, counterexample };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
