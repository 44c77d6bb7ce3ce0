import type { AnswerKind } from '../kind.ts';
import { textChecker } from './check.ts';
import type { RubricItem, TextPart } from './part.ts';
import { textSchema } from './schema.ts';

const TEXT_RUBRIC = 'Scored by a TA after the deadline.';

export const textKind: AnswerKind<TextPart> = {
  kind: 'text',
  answeredIn: 'answers',
  schema: textSchema,
  convert: (r, base) => ({ ...base, kind: 'text', ...textRubric(r.rubric as string | RubricItem[]) }),
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

/**
 * A rubric of items keeps a text form too (one line per item, with its points), so everything
 * that shows a rubric as text (the TA's feedback page, the review sheet) reads it unchanged.
 */
function textRubric(raw: string | RubricItem[]): Pick<TextPart, 'rubric' | 'rubricItems'> {
  if (typeof raw === 'string') return { rubric: raw };
  const rubricItems = raw.map((i) => ({ text: i.text, points: i.points }));
  return { rubric: rubricItems.map((i) => `(${i.points > 0 ? '+' : ''}${i.points}) ${i.text}`).join('\n'), rubricItems };
}
