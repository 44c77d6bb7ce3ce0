import type { AnswerKind } from '../kind.ts';
import { attempt, convertMistakes } from '../_internals/kind-helpers.ts';
import { checkGrowth, readGrowth } from '../_math/growth.ts';
import { checkAsymptotic, referenceGrowth, sameClass } from './check.ts';
import type { AsymptoticPart } from './part.ts';
import { asymptoticSchema } from './schema.ts';

export const asymptoticKind: AnswerKind<AsymptoticPart> = {
  kind: 'asymptotic',
  answeredIn: 'answers',
  schema: asymptoticSchema,
  convert: (r, base) => ({
    ...base,
    kind: 'asymptotic',
    solver: (r.solver as string | undefined) ?? '',
    variable: (r.variable as string | undefined) ?? 'n',
    answer: (r.answer as string | undefined) ?? '',
    tight: (r.tight as boolean | undefined) ?? true,
    mistakes: convertMistakes(r, (m) => ({ answer: m.answer as string }), 'answer'),
  }),
  names: (p) => (p.solver === '' ? [] : [{ table: 'solvers', what: 'solver', name: p.solver, path: ['solver'] }]),
  mistakeMatcher: 'answer',
  rules({ part, at, error, publicPack }) {
    if (part.solver === '' && !publicPack) error('SCHEMA_REQUIRED', at(), `part ${part.id}: missing required property "solver"; name the reference solver (only a public pack leaves it out)`);
    if (part.answer === '' && !publicPack) error('SCHEMA_REQUIRED', at(), `part ${part.id}: missing required property "answer"; add the growth class (only a public pack leaves it out)`);
    const key = part.answer === '' ? undefined : readGrowth(part.answer, part.variable);
    if (key && !key.ok) error('BAD_GROWTH', at('answer'), `answer ${JSON.stringify(part.answer)} is not a growth class: ${key.problem}`);
    part.mistakes.forEach((m, j) => {
      const read = readGrowth(m.answer, part.variable);
      if (!read.ok) error('BAD_GROWTH', at('mistakes', j, 'answer'), `known mistake ${JSON.stringify(m.answer)} is not a growth class: ${read.problem}`);
      else if (key?.ok && sameClass(read, key)) error('MISTAKE_EQUALS_ANSWER', at('mistakes', j, 'answer'), `known mistake "${m.id}" (${m.answer}) is the answer's class ${key.text}; a known mistake must be wrong`);
    });
  },
  referenceRules({ part, at, pack, error }) {
    const solver = pack.solvers[part.solver];
    const key = part.answer === '' ? undefined : readGrowth(part.answer, part.variable);
    if (!solver || !key?.ok) return;
    const logF = referenceGrowth(part, solver as (input: Record<string, number>) => unknown);
    const run = attempt(() => checkGrowth(logF, key, { tight: part.tight }));
    if (!run.ok) return void error('SOLVER_NOT_FINITE', at('solver'), `reference solver "${part.solver}" fails as ${part.variable} grows: ${run.error}`);
    if (!run.value.ok) error('ANSWER_DISAGREES_WITH_SOLVER', at('answer'), `answer ${part.answer} disagrees with the solver "${part.solver}": ${run.value.feedback}`);
    part.mistakes.forEach((m, j) => {
      const read = readGrowth(m.answer, part.variable);
      const v = read.ok ? attempt(() => checkGrowth(logF, read, { tight: part.tight })) : undefined;
      if (v?.ok && v.value.ok) error('MISTAKE_EQUALS_ANSWER', at('mistakes', j, 'answer'), `known mistake "${m.id}" (${m.answer}) describes the solver's growth; a known mistake must be wrong`);
    });
  },
  check: checkAsymptotic,
  selftest: {
    reference: (p) => ({ answer: p.answer }),
    mistake: (_p, m) => ({ answer: m.answer }),
  },
  publish(_part, node) {
    for (const key of ['solver', 'answer', 'mistakes']) node.delete(key);
  },
  answerHint: (p) => `growth class in ${p.variable}, e.g. Theta(${p.variable}^2)`,
};
