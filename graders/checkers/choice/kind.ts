import type { AnswerKind } from '../kind.ts';
import { convertMistakes } from '../_internals/kind-helpers.ts';
import { choiceChecker, normalizeChoice } from './check.ts';
import type { ChoicePart } from './part.ts';
import { choiceSchema } from './schema.ts';

const norm = (s: string) => s.trim().toLowerCase();

export const choiceKind: AnswerKind<ChoicePart> = {
  kind: 'choice',
  answeredIn: 'answers',
  schema: choiceSchema,
  convert: (r, base) => ({
    ...base,
    kind: 'choice',
    options: [...(r.options as string[])],
    // A public pack leaves the expected option out: the choice is graded after the deadline.
    expected: (r.expected as string | undefined) ?? '',
    mistakes: convertMistakes(r, (m) => ({ value: m.value as string })),
  }),
  names: () => [],
  mistakeMatcher: 'value',
  rules({ part, at, error, publicPack }) {
    const options = new Set(part.options.map(norm));
    const list = part.options.map((o) => JSON.stringify(o)).join(', ');
    if (part.expected === '' && !publicPack) {
      error('SCHEMA_REQUIRED', at(), `part ${part.id}: missing required property "expected"; add the right option (only a public pack leaves it out)`);
    } else if (part.expected !== '' && !options.has(norm(part.expected))) {
      error('CHOICE_EXPECTED_NOT_AN_OPTION', at('expected'), `expected ${JSON.stringify(part.expected)} is not one of the options ${list}`);
    }
    part.mistakes.forEach((m, j) => {
      if (!options.has(norm(m.value))) {
        error('CHOICE_MISTAKE_NOT_AN_OPTION', at('mistakes', j, 'value'), `mistake value ${JSON.stringify(m.value)} is not one of the options ${list}`);
      } else if (norm(m.value) === norm(part.expected)) {
        error('CHOICE_MISTAKE_IS_EXPECTED', at('mistakes', j, 'value'), `mistake value ${JSON.stringify(m.value)} is the expected answer; a known mistake must be a wrong option`);
      }
    });
  },
  referenceRules() {},
  check: (part, answer, ctx) => choiceChecker.check(part, answer, ctx),
  selftest: {
    reference: (p) => ({ answer: p.expected }),
    mistake: (_p, m) => ({ answer: m.value }),
  },
  publish(_part, node) {
    for (const key of ['expected', 'mistakes']) node.delete(key);
  },
  givenValue: {
    // The option as the spec spells it, so a solver compares with its own strings.
    read(part, answer) {
      const picked = typeof answer === 'string' || typeof answer === 'number' ? normalizeChoice(String(answer)) : undefined;
      const option = part.options.find((o) => normalizeChoice(o) === picked);
      return option === undefined ? { ok: false } : { ok: true, value: option, shown: option };
    },
    reference: (p) => p.expected,
  },
  answerHint: (p) => `choice, one of: ${p.options.join(' | ')}`,
};
