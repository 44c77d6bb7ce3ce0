import fc from 'fast-check';
import type { PartResult } from '../results/result.ts';
import type { FormulaPart } from '../pack/types.ts';
import type { CheckContext, Checker } from './types.ts';
import { compileFormula } from './_internals/formula-parse.ts';
import { ReferenceFault } from '../errors.ts';
import { solverOf } from './_internals/reference.ts';
import { describeValue, formatPair, renderAnswer } from './_internals/render.ts';
import { invalidResult, isBlank, mistakeResult, missingResult, resultBase } from './_internals/result.ts';
import { curvesThrough } from './_internals/formula-curves.ts';
import { agrees, pointArbitrary, renderDomains, renderPoint, type Point } from './_internals/sample-points.ts';

type Evaluate = (point: Point) => number;

/**
 * Grades a formula by evaluating it and the reference at `samples` seeded random points of the
 * variables' domains: equivalent forms pass, whatever their shape.
 */
export const formulaChecker: Checker<FormulaPart> = {
  kind: 'formula',
  async check(part, answer, ctx): Promise<PartResult> {
    const variables = Object.keys(part.variables);
    const expected = `any formula equal to the reference at ${part.samples} random points (${renderDomains(part.variables)}; relative tolerance ${part.tolerance})`;
    if (isBlank(answer)) return missingResult(part, ctx, expected);

    const rendered = renderAnswer(answer);
    const extra = { answer: rendered, expected };
    if (typeof answer !== 'string' && typeof answer !== 'number') {
      return invalidResult(part, ctx, `expected a formula in ${variables.join(', ')} written as text, found ${describeValue(answer)}.`, extra);
    }
    const student = compileFormula(String(answer), variables);
    if (!student.ok) return invalidResult(part, ctx, `${capitalize(student.problem)}.`, extra);

    const reference = referenceOf(part, ctx);
    const verdict = compare(part, ctx, student.evaluate, reference);
    const checks = [{ name: `${part.samples} random points`, visibility: part.visibility, ok: verdict.ok, runs: verdict.runs }];
    if (verdict.ok) {
      return { ...resultBase(part, ctx, extra), status: 'passed', score: part.points, feedback: 'Correct: your formula agrees with the reference at every sampled point.', checks };
    }

    const point = verdict.counterexample;
    const got = student.evaluate(point);
    const want = reference(point);
    const [gotText, wantText] = formatPair(got, want);
    const counterexample = {
      input: renderPoint(point),
      expected: wantText,
      actual: gotText,
      hidden: part.visibility === 'hidden',
      curves: curvesThrough(point, part.variables, student.evaluate, reference),
    };
    for (const mistake of part.mistakes) {
      const wrong = compileFormula(mistake.formula, variables);
      if (!wrong.ok) throw new ReferenceFault(part.id, `known mistake "${mistake.id}" has an unreadable formula: ${wrong.problem}`);
      if (compare(part, ctx, student.evaluate, wrong.evaluate).ok) return { ...mistakeResult(part, ctx, mistake, extra), checks, counterexample };
    }

    const gotPhrase = Number.isFinite(got) ? `gives ${gotText}` : `is not defined (${gotText})`;
    return {
      ...resultBase(part, ctx, extra),
      status: 'failed',
      score: 0,
      feedback: `At ${renderPoint(point)} your formula ${gotPhrase} but the correct value is ${wantText}.`,
      checks,
      counterexample,
    };
  },
};

function referenceOf(part: FormulaPart, ctx: CheckContext): Evaluate {
  const solver = solverOf(ctx, part, part.solver);
  return (point) => {
    const value = solver({ ...point });
    if (typeof value !== 'number') throw new ReferenceFault(part.id, `reference solver "${part.solver}" returned ${String(value)}, not a number`);
    return value;
  };
}

type Verdict = { ok: true; runs: number } | { ok: false; runs: number; counterexample: Point };

/**
 * Runs the seeded property "the student's value agrees with `target`": the same seed gives the
 * same points for the reference and for every known mistake. Points where the target is not
 * finite are outside the formula's domain and are skipped.
 */
function compare(part: FormulaPart, ctx: CheckContext, student: Evaluate, target: Evaluate): Verdict {
  const property = fc.property(pointArbitrary(part.variables), (point) => {
    const want = target(point);
    if (!Number.isFinite(want)) return true;
    return agrees(student(point), want, part.tolerance);
  });
  const details = fc.check(property, { numRuns: part.samples, seed: ctx.seed });
  if (details.errorInstance instanceof ReferenceFault) throw details.errorInstance;
  if (!details.failed) return { ok: true, runs: details.numRuns };
  const counterexample = details.counterexample?.[0];
  if (counterexample === undefined) throw new Error(`${part.id}: the comparison failed without a counterexample`);
  return { ok: false, runs: details.numRuns, counterexample };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
