import fc from 'fast-check';
import { FORMULA_FUNCTIONS, scanFormula } from '../../pack/formula-symbols.ts';
import type { DocPath } from '../../pack/source.ts';
import type { VariableDomain } from '../../pack/types.ts';
import type { AnswerKind, KindRuleContext } from '../kind.ts';
import { compileFormula } from '../_internals/formula-parse.ts';
import { attempt, convertMistakes, relClose, SAME, VALIDATION_SEED } from '../_internals/kind-helpers.ts';
import { pointArbitrary, renderPoint, samplePlan, type Point } from '../_internals/sample-points.ts';
import { checkRelation, relationFeedback, relationText, type FormulaRelation } from '../_math/relations.ts';
import { formulaChecker } from './check.ts';
import type { FormulaPart } from './part.ts';
import { formulaSchema } from './schema.ts';

export const formulaKind: AnswerKind<FormulaPart> = {
  kind: 'formula',
  answeredIn: 'answers',
  schema: formulaSchema,
  convert: (r, base) => ({
    ...base,
    kind: 'formula',
    // A public copy leaves the solver and the reference formula out: grading needs the solver.
    solver: (r.solver as string | undefined) ?? '',
    answer: (r.answer as string | undefined) ?? '',
    variables: convertDomains(r.variables as Record<string, VariableDomain>),
    relation: (r.relation as FormulaRelation | undefined) ?? 'equal',
    tolerance: (r.tolerance as number | undefined) ?? 1e-6,
    samples: (r.samples as number | undefined) ?? 200,
    mistakes: convertMistakes(r, (m) => ({ formula: m.formula as string }), 'formula'),
  }),
  names: (p) => (p.solver === '' ? [] : [{ table: 'solvers', what: 'solver', name: p.solver, path: ['solver'] }]),
  mistakeMatcher: 'formula',
  rules(c) {
    const { part, at, error, warn, publicPack } = c;
    if (part.solver === '' && !publicPack) error('SCHEMA_REQUIRED', at(), `part ${part.id}: missing required property "solver"; name the reference solver (only a public pack leaves it out)`);
    if (part.answer === '' && !publicPack) error('SCHEMA_REQUIRED', at(), `part ${part.id}: missing required property "answer"; add the reference formula (only a public pack leaves it out)`);
    domainRules(c, part.variables, at('variables'));
    const declared = Object.keys(part.variables);
    const used = part.answer === '' ? undefined : scanRule(c, part.answer, declared, at('answer'));
    part.mistakes.forEach((m, j) => scanRule(c, m.formula, declared, at('mistakes', j, 'formula')));
    if (used) {
      for (const v of declared.filter((d) => !used.includes(d))) {
        warn('FORMULA_UNUSED_VARIABLE', at('variables', v), `variable "${v}" does not occur in the answer ${JSON.stringify(part.answer)}`, 'key');
      }
    }
  },
  referenceRules({ part, at, pack, error }) {
    const solver = pack.solvers[part.solver];
    if (!solver || !domainsSane(part.variables)) return;
    const points = fc.sample(pointArbitrary(part.variables), { seed: VALIDATION_SEED, numRuns: part.samples });
    const reference = (p: Point) => {
      const r = attempt(() => solver({ ...p }));
      return r.ok && typeof r.value === 'number' ? r.value : Number.NaN;
    };
    const bad = points.filter((p) => !Number.isFinite(reference(p)));
    // Some non-finite points are the formula's own singularities and are skipped when grading;
    // a domain where the reference is never finite grades nothing at all.
    if (points.length > 0 && bad.length === points.length) {
      error('SOLVER_NOT_FINITE', at('variables'), `reference solver "${part.solver}" is not finite anywhere in the declared domain (e.g. at ${renderPoint(bad[0]!)}); narrow the variables' domains`);
      return;
    }
    const names = Object.keys(part.variables);
    const answer = part.answer === '' ? undefined : compileFormula(part.answer, names);
    const relation = part.relation ?? 'equal';
    if (answer?.ok && relation === 'equal') {
      const wrong = points.find((p) => {
        const want = reference(p);
        return Number.isFinite(want) && !relClose(answer.evaluate(p), want, part.tolerance);
      });
      if (wrong) {
        error('ANSWER_DISAGREES_WITH_SOLVER', at('answer'), `answer ${part.answer} disagrees with the solver "${part.solver}" at ${renderPoint(wrong)}: ${answer.evaluate(wrong)} vs ${reference(wrong)} (relative tolerance ${part.tolerance}); fix the answer or the solver`);
      }
    } else if (answer?.ok) {
      // Up to a constant or a factor, or a bound: the answer must stand in that relation to the
      // solver (a solver that keeps the constant the answer drops is the usual way to write it).
      const verdict = checkRelation({ relation, student: answer.evaluate, target: reference, plan: samplePlan(part.variables, part.samples), seed: VALIDATION_SEED, tolerance: part.tolerance });
      if (!verdict.ok) {
        error('ANSWER_DISAGREES_WITH_SOLVER', at('answer'), `answer ${part.answer} is not ${relationText(relation)} (the solver "${part.solver}"): ${relationFeedback(relation, verdict).feedback} Fix the answer or the solver`);
      }
    }
    part.mistakes.forEach((m, j) => {
      const compiled = compileFormula(m.formula, names);
      if (!compiled.ok) return;
      if (relation !== 'equal') {
        // Under a relation a mistake is wrong when it does not stand in it to the reference.
        const holds = checkRelation({ relation, student: compiled.evaluate, target: reference, plan: samplePlan(part.variables, part.samples), seed: VALIDATION_SEED, tolerance: part.tolerance });
        if (holds.ok) error('MISTAKE_EQUALS_ANSWER', at('mistakes', j, 'formula'), `known mistake "${m.id}" (${m.formula}) is ${relationText(relation)} on the declared domain, so it is a right answer; a known mistake must be wrong`);
        return;
      }
      const verdict = agreement(points, part.tolerance, compiled.evaluate, reference);
      if (verdict === 'same') {
        error('MISTAKE_EQUALS_ANSWER', at('mistakes', j, 'formula'), `known mistake "${m.id}" (${m.formula}) is equivalent to the answer ${part.answer} on the declared domain; a known mistake must be wrong`);
      } else if (verdict === 'within-tolerance') {
        error('TOLERANCE_ACCEPTS_MISTAKE', at('tolerance'), `relative tolerance ${part.tolerance} accepts the known mistake "${m.id}" (${m.formula}) as the answer ${part.answer} at every sampled point; narrow the tolerance`);
      }
    });
  },
  check: (part, answer, ctx) => formulaChecker.check(part, answer, ctx),
  selftest: {
    reference: (p) => ({ answer: p.answer }),
    mistake: (_p, m) => ({ answer: m.formula }),
  },
  publish(_part, node) {
    for (const key of ['solver', 'answer', 'mistakes']) node.delete(key);
  },
  answerHint: (p) => `formula in ${Object.keys(p.variables).join(', ')}`,
};

export function convertDomains(variables: Record<string, VariableDomain>): Record<string, VariableDomain> {
  return Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, { type: v.type, min: v.min, max: v.max }]));
}

/** min ≤ max, and an integer domain holds an integer; every bad domain is reported. */
export function domainRules(c: Pick<KindRuleContext<never>, 'error'>, variables: Record<string, VariableDomain>, base: DocPath): void {
  for (const [name, d] of Object.entries(variables)) {
    if (d.min > d.max) c.error('BAD_DOMAIN', [...base, name, 'min'], `variable "${name}": min ${d.min} is greater than max ${d.max}`);
    else if (d.type === 'integer' && Math.ceil(d.min) > Math.floor(d.max)) c.error('BAD_DOMAIN', [...base, name], `integer variable "${name}" has no integer in [${d.min}, ${d.max}]`);
  }
}

export function domainsSane(variables: Record<string, VariableDomain>): boolean {
  return Object.values(variables).every((d) => d.min <= d.max && (d.type !== 'integer' || Math.ceil(d.min) <= Math.floor(d.max)));
}

/** Reports what is wrong with a formula of the spec; the variables it uses when it reads. */
export function scanRule(c: Pick<KindRuleContext<never>, 'error'>, text: string, declared: string[], path: DocPath): string[] | undefined {
  const scan = scanFormula(text, declared);
  if (!scan.ok) {
    if (scan.problem === 'unknown-function') c.error('FORMULA_UNKNOWN_FUNCTION', path, `formula ${JSON.stringify(text)} calls "${scan.name}"; only ${FORMULA_FUNCTIONS.join(', ')} are allowed`);
    else c.error('FORMULA_UNPARSABLE', path, `formula ${JSON.stringify(text)} cannot be parsed: ${scan.message}`);
    return undefined;
  }
  const undeclared = scan.variables.filter((v) => !declared.includes(v));
  if (undeclared.length > 0) {
    c.error('FORMULA_UNDECLARED_VARIABLE', path, `formula ${JSON.stringify(text)} uses ${undeclared.map((v) => `"${v}"`).join(', ')}, not declared in variables (${declared.join(', ')}); declare it or fix the formula`);
  }
  return scan.variables;
}

/** How far apart `f` and `g` ever get on the points. */
function agreement(points: Point[], tolerance: number, f: (p: Point) => number, g: (p: Point) => number): 'same' | 'within-tolerance' | 'different' {
  let verdict: 'same' | 'within-tolerance' = 'same';
  let compared = 0;
  for (const p of points) {
    const a = f(p);
    const b = g(p);
    if (!Number.isFinite(b)) continue;
    compared++;
    if (relClose(a, b, SAME)) continue;
    if (relClose(a, b, tolerance)) verdict = 'within-tolerance';
    else return 'different';
  }
  return compared === 0 ? 'different' : verdict;
}
