import type { PartResult } from '../../results/result.ts';
import type { FormulaPart } from '../../pack/types.ts';
import type { CheckContext, Checker } from '../types.ts';
import { compileFormula } from '../_internals/formula-parse.ts';
import { ReferenceFault } from '../../errors.ts';
import { solverOf } from '../_internals/reference.ts';
import { describeValue, renderAnswer } from '../_internals/render.ts';
import { invalidResult, isBlank, mistakeResult, missingResult, pendingPublicResult, resultBase } from '../_internals/result.ts';
import { curvesThrough } from '../_internals/formula-curves.ts';
import { planName, planText, renderDomains, renderPoint, samplePlan, type Point, type SamplePlan } from '../_internals/sample-points.ts';
import { checkRelation, relationFeedback, relationText, type FormulaRelation } from '../_math/relations.ts';

type Evaluate = (point: Point) => number;

/** A formula part (its relation defaults to `equal`). */
export type FormulaCheckPart = FormulaPart;

/**
 * Grades a formula by evaluating it and the reference on the part's domain: at every point of a
 * small integer domain, otherwise at the bounds and `samples` seeded random points. Equivalent
 * forms pass, whatever their shape; the relation may also be up to a constant, up to a
 * non-zero factor, or a bound.
 */
export const formulaChecker: Checker<FormulaPart> = {
  kind: 'formula',
  check: (part, answer, ctx) => checkFormula(part, answer, ctx),
};

export async function checkFormula(part: FormulaCheckPart, answer: unknown, ctx: CheckContext): Promise<PartResult> {
  const relation = part.relation ?? 'equal';
  const variables = Object.keys(part.variables);
  const expectedOn = (plan: SamplePlan) => `any formula ${relationText(relation)} ${planText(plan)} (${renderDomains(part.variables)}; tolerance ${part.tolerance} × max(1, |value|))`;
  const expected = expectedOn(samplePlan(part.variables, part.samples));
  if (isBlank(answer)) return missingResult(part, ctx, expected);

  const rendered = renderAnswer(answer);
  if (typeof answer !== 'string' && typeof answer !== 'number') {
    return invalidResult(part, ctx, `expected a formula in ${variables.join(', ')} written as text, found ${describeValue(answer)}.`, { answer: rendered, expected });
  }
  const student = compileFormula(String(answer), variables);
  if (!student.ok) return invalidResult(part, ctx, `${capitalize(student.problem)}.`, { answer: rendered, expected });
  const readAs = student.reading === undefined ? '' : ` (Read as ${student.reading}.)`;
  if (part.solver === '') return pendingPublicResult(part as FormulaPart, ctx, `A formula in ${variables.join(', ')}${readAs}`, { answer: rendered, expected });
  // A formula of thousands of terms is sampled rather than evaluated at every point.
  const plan = samplePlan(part.variables, part.samples, student.program.size);
  const extra = { answer: rendered, expected: expectedOn(plan) };

  const reference = referenceOf(part, ctx);
  const compare = (target: Evaluate) => checkRelation({ relation, student: student.evaluate, target, plan, seed: ctx.seed, tolerance: part.tolerance });
  const verdict = compare(reference);
  const checks = [{ name: planName(plan), visibility: part.visibility, ok: verdict.ok, runs: verdict.runs }];
  if (verdict.ok) {
    const agreement = relation === 'equal' ? 'agrees with the reference' : `is ${relationText(relation)}`;
    return { ...resultBase(part, ctx, extra), status: 'passed', score: part.points, feedback: `Correct: your formula ${agreement} at every sampled point.${readAs}`, checks };
  }

  const told = relationFeedback(relation, verdict);
  const counterexample = {
    input: renderPoint(verdict.point),
    expected: told.expected,
    actual: told.actual,
    hidden: part.visibility === 'hidden',
    curves: curvesThrough(verdict.point, part.variables, student.evaluate, reference),
  };
  for (const mistake of part.mistakes) {
    const wrong = compileFormula(mistake.formula, variables);
    if (!wrong.ok) throw new ReferenceFault(part.id, `known mistake "${mistake.id}" has an unreadable formula: ${wrong.problem}`);
    if (compare(wrong.evaluate).ok) return { ...mistakeResult(part, ctx, mistake, extra), checks, counterexample };
  }

  return {
    ...resultBase(part, ctx, extra),
    status: 'failed',
    score: 0,
    feedback: `${told.feedback}${readAs}`,
    checks,
    counterexample,
  };
}

function referenceOf(part: FormulaCheckPart, ctx: CheckContext): Evaluate {
  const solver = solverOf(ctx, part, part.solver);
  return (point) => {
    const value = solver({ ...point });
    if (typeof value !== 'number') throw new ReferenceFault(part.id, `reference solver "${part.solver}" returned ${String(value)}, not a number`);
    return value;
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
