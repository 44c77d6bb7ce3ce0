import type { AnswerKind } from '../kind.ts';
import { convertDomains, domainRules, domainsSane } from '../formula/kind.ts';
import { attempt, convertMistakes, VALIDATION_SEED } from '../_internals/kind-helpers.ts';
import type { Point } from '../_internals/sample-points.ts';
import { checkLimit, readLimitAnswer } from '../_math/limits.ts';
import { checkLimitPart, questionOf, referenceExpression } from './check.ts';
import type { LimitPart } from './part.ts';
import { limitSchema } from './schema.ts';

export const limitKind: AnswerKind<LimitPart> = {
  kind: 'limit',
  answeredIn: 'answers',
  schema: limitSchema,
  convert(r, base) {
    const part: LimitPart = {
      ...base,
      kind: 'limit',
      solver: (r.solver as string | undefined) ?? '',
      variable: r.variable as string,
      to: r.to as LimitPart['to'],
      variables: convertDomains((r.variables as LimitPart['variables'] | undefined) ?? {}),
      answer: r.answer === undefined ? '' : String(r.answer),
      tolerance: (r.tolerance as number | undefined) ?? 1e-6,
      samples: (r.samples as number | undefined) ?? 50,
      mistakes: convertMistakes(r, (m) => ({ answer: String(m.answer) }), 'answer'),
    };
    if (r.side === 'left' || r.side === 'right') part.side = r.side;
    return part;
  },
  names: (p) => (p.solver === '' ? [] : [{ table: 'solvers', what: 'solver', name: p.solver, path: ['solver'] }]),
  mistakeMatcher: 'answer',
  rules(c) {
    const { part, at, error, publicPack } = c;
    if (part.solver === '' && !publicPack) error('SCHEMA_REQUIRED', at(), `part ${part.id}: missing required property "solver"; name the reference solver (only a public pack leaves it out)`);
    if (part.answer === '' && !publicPack) error('SCHEMA_REQUIRED', at(), `part ${part.id}: missing required property "answer"; add the limit (only a public pack leaves it out)`);
    if (Object.hasOwn(part.variables, part.variable)) error('BAD_LIMIT', at('variables', part.variable), `"${part.variable}" is the variable that moves; list only the other variables under variables`, 'key');
    if (part.side !== undefined && typeof part.to !== 'number') error('BAD_LIMIT', at('side'), `side applies to a finite target; ${part.variable} goes to ${part.to}`);
    domainRules(c, part.variables, at('variables'));
    const question = questionOf(part);
    const readable = (text: string, path: (string | number)[]) => {
      const read = readLimitAnswer(text, question);
      if (!read.ok) error('BAD_LIMIT', at(...path), `${JSON.stringify(text)} is not a limit a student could write: ${read.problem}`);
    };
    if (part.answer !== '') readable(part.answer, ['answer']);
    part.mistakes.forEach((m, j) => readable(m.answer, ['mistakes', j, 'answer']));
  },
  referenceRules({ part, at, pack, error }) {
    const solver = pack.solvers[part.solver];
    if (!solver || part.answer === '' || !domainsSane(part.variables)) return;
    const question = questionOf(part);
    const reference = referenceExpression(part, solver as (point: Point) => unknown);
    const verdictOf = (text: string) => {
      const read = readLimitAnswer(text, question);
      return read.ok ? attempt(() => checkLimit({ question, reference, answer: read, samples: part.samples, seed: VALIDATION_SEED, tolerance: part.tolerance })) : undefined;
    };
    const key = verdictOf(part.answer);
    if (key && !key.ok) return void error('SOLVER_NOT_FINITE', at('solver'), `reference solver "${part.solver}" fails along the approach: ${key.error}`);
    if (key?.ok && !key.value.ok) error('ANSWER_DISAGREES_WITH_SOLVER', at('answer'), `answer ${part.answer} disagrees with the solver "${part.solver}": ${key.value.feedback}`);
    part.mistakes.forEach((m, j) => {
      const v = verdictOf(m.answer);
      if (v?.ok && v.value.ok) error('MISTAKE_EQUALS_ANSWER', at('mistakes', j, 'answer'), `known mistake "${m.id}" (${m.answer}) is the limit the solver gives; a known mistake must be wrong`);
    });
  },
  check: checkLimitPart,
  selftest: {
    reference: (p) => ({ answer: p.answer }),
    mistake: (_p, m) => ({ answer: m.answer }),
  },
  publish(_part, node) {
    for (const key of ['solver', 'answer', 'mistakes']) node.delete(key);
  },
  answerHint: (p) => `limit as ${p.variable} → ${p.to}`,
};
