import type { AnswerKind } from '../kind.ts';
import { within } from '../_internals/intervals.ts';
import { attempt, convertMistakes, SAME } from '../_internals/kind-helpers.ts';
import { numberChecker } from './check.ts';
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
      mistakes: convertMistakes(r, (m) => (m.tolerance === undefined ? { value: m.value as number } : { value: m.value as number, tolerance: m.tolerance as number })),
    };
    if (r.unit === 'percent') part.unit = 'percent';
    if (typeof r.expected === 'number') part.expected = r.expected;
    return part;
  },
  names: (p) => (p.solver === '' ? [] : [{ table: 'solvers', what: 'solver', name: p.solver, path: ['solver'] }]),
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
    part.mistakes.forEach((m, j) => {
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
    mistake: (_p, m) => ({ answer: m.value }),
  },
  publish(_part, node) {
    for (const key of ['solver', 'expected', 'mistakes']) node.delete(key);
  },
  answerHint: (p) => (p.unit === 'percent' ? 'number, in percent' : 'number'),
};
