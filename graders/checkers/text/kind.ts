import type { AnswerKind } from '../kind.ts';
import { textChecker } from './check.ts';
import type { TextPart } from './part.ts';
import { textSchema } from './schema.ts';

const TEXT_RUBRIC = 'Scored by a TA after the deadline.';

export const textKind: AnswerKind<TextPart> = {
  kind: 'text',
  answeredIn: 'answers',
  schema: textSchema,
  convert: (r, base) => ({ ...base, kind: 'text', rubric: r.rubric as string }),
  names: () => [],
  mistakeMatcher: undefined,
  rules() {},
  referenceRules() {},
  check: (part, answer, ctx) => textChecker.check(part, answer, ctx),
  selftest: {
    // Scored by hand: any answer makes the part pending, which is all the self-test can check.
    reference: () => ({ answer: 'Self-test answer, scored by a TA.' }),
    mistake: () => ({ none: 'a text part has no known mistakes' }),
  },
  publish(_part, node) {
    node.set('rubric', TEXT_RUBRIC);
  },
  answerHint: () => 'text',
};
