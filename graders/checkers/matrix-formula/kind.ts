import type { AnswerKind } from '../kind.ts';
import { attempt, convertMistakes, VALIDATION_SEED } from '../_internals/kind-helpers.ts';
import { compareTensors, solverTarget } from '../_math/tensor-compare.ts';
import { compileTensorFormula, type TensorVariable } from '../_math/tensor-formula.ts';
import { checkMatrixFormula, domainOf } from './check.ts';
import type { MatrixFormulaPart } from './part.ts';
import { matrixFormulaSchema } from './schema.ts';

export const matrixFormulaKind: AnswerKind<MatrixFormulaPart> = {
  kind: 'matrix-formula',
  answeredIn: 'answers',
  schema: matrixFormulaSchema,
  convert: (r, base) => ({
    ...base,
    kind: 'matrix-formula',
    solver: (r.solver as string | undefined) ?? '',
    answer: (r.answer as string | undefined) ?? '',
    variables: Object.fromEntries(Object.entries(r.variables as Record<string, TensorVariable>).map(([k, v]) => [k, { shape: [...v.shape], ...(v.min === undefined ? {} : { min: v.min }), ...(v.max === undefined ? {} : { max: v.max }) }])),
    dims: Object.fromEntries(Object.entries((r.dims as Record<string, { min: number; max: number }> | undefined) ?? {}).map(([k, d]) => [k, { min: d.min, max: d.max }])),
    tolerance: (r.tolerance as number | undefined) ?? 1e-6,
    samples: (r.samples as number | undefined) ?? 100,
    mistakes: convertMistakes(r, (m) => ({ formula: m.formula as string }), 'formula'),
  }),
  names: (p) => (p.solver === '' ? [] : [{ table: 'solvers', what: 'solver', name: p.solver, path: ['solver'] }]),
  mistakeMatcher: 'formula',
  rules({ part, at, error, publicPack }) {
    if (part.solver === '' && !publicPack) error('SCHEMA_REQUIRED', at(), `part ${part.id}: missing required property "solver"; name the reference solver (only a public pack leaves it out)`);
    if (part.answer === '' && !publicPack) error('SCHEMA_REQUIRED', at(), `part ${part.id}: missing required property "answer"; add the reference formula (only a public pack leaves it out)`);
    for (const [name, d] of Object.entries(part.dims)) if (d.min > d.max) error('BAD_DOMAIN', at('dims', name, 'min'), `dim "${name}": min ${d.min} is greater than max ${d.max}`);
    for (const [name, v] of Object.entries(part.variables)) {
      if (v.min !== undefined && v.max !== undefined && v.min > v.max) error('BAD_DOMAIN', at('variables', name, 'min'), `variable "${name}": min ${v.min} is greater than max ${v.max}`);
      v.shape.forEach((d, k) => {
        if (typeof d === 'string' && !Object.hasOwn(part.dims, d)) error('UNKNOWN_DIM', at('variables', name, 'shape', k), `variable "${name}" has the size "${d}", which is not declared in dims (${Object.keys(part.dims).join(', ') || 'none'})`);
      });
    }
    const domain = domainOf(part);
    const compiles = (text: string, path: (string | number)[]) => {
      const c = compileTensorFormula(text, domain);
      if (!c.ok) error(c.shapeError ? 'SHAPE_MISMATCH' : 'FORMULA_UNPARSABLE', at(...path), `formula ${JSON.stringify(text)}: ${c.problem}`);
      return c;
    };
    const key = part.answer === '' ? undefined : compiles(part.answer, ['answer']);
    part.mistakes.forEach((m, j) => {
      const c = compiles(m.formula, ['mistakes', j, 'formula']);
      if (key?.ok && c.ok && (c.shape[0] !== key.shape[0] || c.shape[1] !== key.shape[1])) error('SHAPE_MISMATCH', at('mistakes', j, 'formula'), `known mistake "${m.id}" has another shape than the answer, so a student's formula of its shape is invalid before it can match; give it the answer's shape`);
    });
  },
  referenceRules({ part, at, pack, error }) {
    const solver = pack.solvers[part.solver];
    if (!solver || part.answer === '') return;
    const domain = domainOf(part);
    const key = compileTensorFormula(part.answer, domain);
    if (!key.ok) return;
    const reference = solverTarget(part.id, part.solver, solver as (input: Record<string, unknown>) => unknown, key.shape, domain);
    const run = attempt(() => compareTensors({ student: key, reference, domain, samples: part.samples, seed: VALIDATION_SEED, tolerance: part.tolerance }));
    if (!run.ok) return void error('SOLVER_NOT_FINITE', at('solver'), `reference solver "${part.solver}" fails on the declared shapes: ${run.error}`);
    if (!run.value.ok) error('ANSWER_DISAGREES_WITH_SOLVER', at('answer'), `answer ${part.answer} disagrees with the solver "${part.solver}": ${run.value.message}`);
    part.mistakes.forEach((m, j) => {
      const c = compileTensorFormula(m.formula, domain);
      if (!c.ok) return;
      const same = attempt(() => compareTensors({ student: c, reference: key, domain, samples: part.samples, seed: VALIDATION_SEED, tolerance: part.tolerance }));
      if (same.ok && same.value.ok) error('MISTAKE_EQUALS_ANSWER', at('mistakes', j, 'formula'), `known mistake "${m.id}" (${m.formula}) is equivalent to the answer ${part.answer}; a known mistake must be wrong`);
    });
  },
  check: checkMatrixFormula,
  selftest: {
    reference: (p) => ({ answer: p.answer }),
    mistake: (_p, m) => ({ answer: m.formula }),
  },
  publish(_part, node) {
    for (const key of ['solver', 'answer', 'mistakes']) node.delete(key);
  },
  answerHint: (p) => `matrix formula in ${Object.keys(p.variables).join(', ')}`,
};
