import type { PartResult } from '../../results/result.ts';
import type { ChoicePart } from '../../pack/types.ts';
import type { Checker } from '../types.ts';
import { describeValue, renderAnswer } from '../_internals/render.ts';
import { invalidResult, isBlank, mistakeResult, missingResult, resultBase } from '../_internals/result.ts';

/** Case, surrounding spaces and runs of inner whitespace do not matter; anything else does. */
export function normalizeChoice(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Grades a pick among listed options, exactly up to case and spacing. */
export const choiceChecker: Checker<ChoicePart> = {
  kind: 'choice',
  async check(part, answer, ctx): Promise<PartResult> {
    const expected = `one of: ${part.options.join(', ')}`;
    if (isBlank(answer)) return missingResult(part, ctx, expected);

    const rendered = renderAnswer(answer);
    const extra = { answer: rendered, expected };
    const picked = readChoice(answer, part.options);
    if (picked === undefined) {
      return invalidResult(part, ctx, `expected one of the options (${part.options.join(', ')}), found ${describeValue(answer)}.`, extra);
    }
    // A public pack does not hold the right option: a valid pick waits for the full pack's grading.
    if (part.expected === '') {
      if (!part.options.some((o) => normalizeChoice(o) === picked)) {
        return invalidResult(part, ctx, `${JSON.stringify(rendered.trim())} is not one of the options: ${part.options.join(', ')}.`, extra);
      }
      return { ...resultBase(part, ctx, extra), status: 'pending', score: 0, feedback: 'One of the options: graded after the deadline (the public spec does not hold the answer).', rubric: 'Graded with the full pack after the deadline.' };
    }
    if (picked === normalizeChoice(part.expected)) {
      return { ...resultBase(part, ctx, extra), status: 'passed', score: part.points, feedback: 'Correct.' };
    }
    const mistake = part.mistakes.find((m) => normalizeChoice(m.value) === picked);
    if (mistake) return mistakeResult(part, ctx, mistake, extra);
    if (!part.options.some((o) => normalizeChoice(o) === picked)) {
      return invalidResult(part, ctx, `${JSON.stringify(rendered.trim())} is not one of the options: ${part.options.join(', ')}.`, extra);
    }
    return { ...resultBase(part, ctx, extra), status: 'failed', score: 0, feedback: `${JSON.stringify(rendered.trim())} is not the right choice.` };
  },
};

/**
 * The normalized pick, or undefined when the answer is not text. Plain scalars are read as
 * their text, and a YAML 1.1 boolean (an unquoted yes/no read by an older parser) as yes/no when
 * those are options.
 */
function readChoice(answer: unknown, options: readonly string[]): string | undefined {
  if (typeof answer === 'string') return normalizeChoice(answer);
  if (typeof answer === 'number' || typeof answer === 'bigint') return normalizeChoice(String(answer));
  if (typeof answer === 'boolean') {
    const names = options.map(normalizeChoice);
    const word = answer ? 'yes' : 'no';
    return names.includes(String(answer)) || !names.includes(word) ? String(answer) : word;
  }
  return undefined;
}
