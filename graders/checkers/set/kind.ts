import type { AnswerKind } from '../kind.ts';
import { attempt, convertMistakes } from '../_internals/kind-helpers.ts';
import { formatNumber } from '../_internals/render.ts';
import { compareSets, readSet, type NumberSet, type SetDomain } from '../_math/sets.ts';
import { checkSet } from './check.ts';
import type { SetPart } from './part.ts';
import { setSchema } from './schema.ts';

const boundOf = (v: unknown, fallback: number) => (v === undefined ? fallback : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : (v as number));

/** Integer domains up to this many members are checked member by member against the solver. */
const ENUMERATE = 10_000;

/** Where the reference's membership test is asked: every integer of a small domain; else the set's ends, around them, and a spread. */
function probePoints(set: NumberSet, d: SetDomain): number[] {
  if (d.type === 'integer' && Number.isFinite(d.min) && Number.isFinite(d.max) && d.max - d.min < ENUMERATE) {
    return Array.from({ length: Math.floor(d.max) - Math.ceil(d.min) + 1 }, (_, k) => Math.ceil(d.min) + k);
  }
  const points = new Set<number>();
  const eps = (x: number) => (d.type === 'integer' ? 1 : 1e-6 * Math.max(1, Math.abs(x)));
  for (const b of set.breaks) for (const x of [b - 2 * eps(b), b - eps(b), b, b + eps(b), b + 2 * eps(b)]) points.add(x);
  const lo = Number.isFinite(d.min) ? d.min : -1000;
  const hi = Number.isFinite(d.max) ? d.max : 1000;
  for (let k = 0; k <= 200; k++) points.add(lo + ((hi - lo) * k) / 200);
  return [...points].map((x) => (d.type === 'integer' ? Math.round(x) : x)).filter((x) => x >= d.min && x <= d.max);
}

export const setKind: AnswerKind<SetPart> = {
  kind: 'set',
  answeredIn: 'answers',
  schema: setSchema,
  convert(r, base) {
    const d = r.domain as { variable: string; type: 'integer' | 'real'; min?: unknown; max?: unknown };
    return {
      ...base,
      kind: 'set',
      solver: (r.solver as string | undefined) ?? '',
      domain: { variable: d.variable, type: d.type, min: boundOf(d.min, -Infinity), max: boundOf(d.max, Infinity) },
      answer: (r.answer as string | undefined) ?? '',
      mistakes: convertMistakes(r, (m) => ({ answer: String(m.answer) }), 'answer'),
    };
  },
  names: (p) => (p.solver === '' ? [] : [{ table: 'solvers', what: 'solver', name: p.solver, path: ['solver'] }]),
  mistakeMatcher: 'answer',
  rules({ part, at, error, publicPack }) {
    if (part.solver === '' && !publicPack) error('SCHEMA_REQUIRED', at(), `part ${part.id}: missing required property "solver"; name the membership test (only a public pack leaves it out)`);
    if (part.answer === '' && !publicPack) error('SCHEMA_REQUIRED', at(), `part ${part.id}: missing required property "answer"; add the set (only a public pack leaves it out)`);
    const d = part.domain;
    if (d.min > d.max) error('BAD_DOMAIN', at('domain', 'min'), `domain: min ${d.min} is greater than max ${d.max}`);
    else if (d.type === 'integer' && Math.ceil(d.min) > Math.floor(d.max)) error('BAD_DOMAIN', at('domain'), `the integer domain [${d.min}, ${d.max}] holds no integer`);
    const key = part.answer === '' ? undefined : readSet(part.answer, d);
    if (key && !key.ok) error('BAD_SET', at('answer'), `answer ${JSON.stringify(part.answer)} is not a set: ${key.problem}`);
    part.mistakes.forEach((m, j) => {
      const read = readSet(m.answer, d);
      if (!read.ok) error('BAD_SET', at('mistakes', j, 'answer'), `known mistake ${JSON.stringify(m.answer)} is not a set: ${read.problem}`);
      else if (key?.ok && compareSets(read.set, key.set, d).equal) error('MISTAKE_EQUALS_ANSWER', at('mistakes', j, 'answer'), `known mistake "${m.id}" (${m.answer}) is the answer's set over the domain; a known mistake must be wrong`);
    });
  },
  referenceRules({ part, at, pack, error }) {
    const solver = pack.solvers[part.solver];
    const key = part.answer === '' ? undefined : readSet(part.answer, part.domain);
    if (!solver || !key?.ok) return;
    const v = part.domain.variable;
    for (const x of probePoints(key.set, part.domain)) {
      const run = attempt(() => solver({ [v]: x }));
      if (!run.ok) return void error('SOLVER_NOT_FINITE', at('solver'), `membership test "${part.solver}" fails at ${v} = ${formatNumber(x)}: ${run.error}`);
      const member = run.value === true || run.value === 1;
      if (member !== key.set.has(x)) {
        return void error('ANSWER_DISAGREES_WITH_SOLVER', at('answer'), `answer ${part.answer} disagrees with the membership test "${part.solver}" at ${v} = ${formatNumber(x)} (${member ? 'a member' : 'not a member'} by the solver); fix the answer or the solver`);
      }
    }
  },
  check: checkSet,
  selftest: {
    reference: (p) => ({ answer: p.answer }),
    mistake: (_p, m) => ({ answer: m.answer }),
  },
  publish(_part, node) {
    for (const key of ['solver', 'answer', 'mistakes']) node.delete(key);
  },
  answerHint: (p) => `set of ${p.domain.type === 'integer' ? 'integers' : 'numbers'} ${p.domain.variable}`,
};
