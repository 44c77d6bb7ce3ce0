import type { AnswerKind } from '../kind.ts';
import { within } from '../_internals/intervals.ts';
import { attempt, convertMistakes, SAME } from '../_internals/kind-helpers.ts';
import { numberChecker } from './check.ts';
import { mistakeValues } from './mistakes.ts';
import { readNumber } from '../_internals/read-number.ts';
import { formatNumber } from '../_internals/render.ts';
import type { NumberPart } from './part.ts';
import { numberSchema } from './schema.ts';

export const numberKind: AnswerKind<NumberPart> = {
  kind: 'number',
  answeredIn: 'answers',
  schema: numberSchema,
  convert(r, base) {
    const part: NumberPart = {
      ...base,
      kind: 'number',
      // A public copy holds no solver: its answers are graded after the deadline.
      solver: (r.solver as string | undefined) ?? '',
      tolerance: (r.tolerance as number | undefined) ?? 0,
      mistakes: convertMistakes(r, (m) => ({ value: (m.value as number | undefined) ?? Number.NaN, ...(typeof m.solver === 'string' ? { solver: m.solver } : {}), ...(m.tolerance === undefined ? {} : { tolerance: m.tolerance as number }) })),
    };
    if (r.unit === 'percent') part.unit = 'percent';
    if (typeof r.expected === 'number') part.expected = r.expected;
    return part;
  },
  names: (p) => [
    ...(p.solver === '' ? [] : [{ table: 'solvers' as const, what: 'solver', name: p.solver, path: ['solver'] }]),
    ...p.mistakes.flatMap((m, j) => (m.solver === undefined ? [] : [{ table: 'solvers' as const, what: 'mistake solver', name: m.solver, path: ['mistakes', j, 'solver'] }])),
  ],
  mistakeMatcher: 'value',
  rules(c) {
    if (c.part.solver === '' && !c.publicPack) c.error('SCHEMA_REQUIRED', c.at(), `part ${c.part.id}: missing required property "solver"; name the reference solver (only a public pack leaves it out)`);
  },
  referenceRules({ part, at, pack, error }) {
    const solver = pack.solvers[part.solver];
    if (!solver) return;
    const run = attempt(() => solver());
    if (!run.ok || typeof run.value !== 'number' || !Number.isFinite(run.value)) {
      error('SOLVER_NOT_FINITE', at('solver'), `reference solver "${part.solver}" gives ${run.ok ? String(run.value) : `an error (${run.error})`}, not a finite number; fix the solver or name another`);
      return;
    }
    const answer = run.value;
    if (part.expected !== undefined && !within(part.expected, answer, part.tolerance)) {
      error('ANSWER_DISAGREES_WITH_SOLVER', at('expected'), `expected ${part.expected} is not what the solver "${part.solver}" gives (${answer}), within tolerance ${part.tolerance}; fix the answer key or the solver`);
    }
    mistakeValues(part, pack).forEach((m, j) => {
      if (!Number.isFinite(m.value)) {
        if (m.solver !== undefined) error('SOLVER_NOT_FINITE', at('mistakes', j, 'solver'), `mistake solver "${m.solver}" gives ${String(m.value)}, not a finite number; fix the solver or name another`);
        return;
      }
      if (Math.abs(m.value - answer) <= SAME * Math.max(1, Math.abs(answer))) {
        error('MISTAKE_EQUALS_ANSWER', at('mistakes', j, 'value'), `known mistake "${m.id}" has the value ${m.value}, which is the answer; a known mistake must be wrong`);
      } else if (within(m.value, answer, part.tolerance)) {
        error('TOLERANCE_ACCEPTS_MISTAKE', at('tolerance'), `tolerance ${part.tolerance} accepts the known mistake "${m.id}" (${m.value}) as the answer ${answer}; narrow the tolerance below ${Math.abs(m.value - answer)}`);
      }
    });
  },
  check: (part, answer, ctx) => numberChecker.check(part, answer, ctx),
  selftest: {
    reference: (p, pack) => ({ answer: pack.solvers[p.solver]?.() }),
    mistake: (p, m, pack) => ({ answer: m.solver === undefined ? m.value : pack.solvers[m.solver]?.() }),
  },
  publish(_part, node) {
    for (const key of ['solver', 'expected', 'mistakes']) node.delete(key);
  },
  givenValue: {
    read(part, answer) {
      const r = readNumber(answer, part.unit);
      return r.ok ? { ok: true, value: r.value, shown: `${formatNumber(r.value)}${part.unit === 'percent' ? '%' : ''}` } : { ok: false };
    },
    reference: (p, pack) => pack.solvers[p.solver]?.(),
  },
  answerHint: (p) => (p.unit === 'percent' ? 'number, in percent' : 'number'),
};
