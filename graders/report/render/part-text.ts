import type { PartResult } from '../../results/result.ts';
import { points } from './markdown-text.ts';
import { plainMath } from '../../pack/math-text.ts';
import { seedHex } from './seed-text.ts';
import { shownChecks, shownCounterexample, WITHHELD_TEXT, type Audience } from './visibility.ts';

/**
 * A part's outcome as plain text lines (no markup), for CI logs and JUnit bodies: the status,
 * feedback, what was expected and given, the counterexample and failed checks one audience may see.
 */
export function partPlainText(part: PartResult, audience: Audience): string[] {
  const lines = [`${part.partId}: ${part.status}, ${points(part.score)} / ${points(part.max)}`, plainMath(part.feedback)];
  if (part.status === 'error') lines.push(`Why it could not be graded: ${part.reason}`);
  if (part.expected !== undefined) lines.push(`Expected: ${part.expected}`);
  if (part.answer !== undefined) lines.push(`Your answer: ${part.answer}`);
  const ce = shownCounterexample(part, audience);
  if (ce?.kind === 'withheld') lines.push(WITHHELD_TEXT);
  if (ce?.kind === 'shown') {
    const c = ce.value;
    lines.push(`Counterexample${c.where ? ` (${c.where})` : ''}: input ${c.input}; expected ${c.expected}; got ${c.actual}`);
  }
  for (const check of shownChecks(part, audience)) {
    if (!check.ok) lines.push(`Failed check "${check.name}" (${check.visibility})${check.message ? `: ${check.message}` : ''}`);
  }
  for (const note of part.notes ?? []) lines.push(`Note: ${plainMath(note)}`);
  if (part.manual?.comment) lines.push(`Reviewer: ${part.manual.comment}`);
  lines.push(`Seed: ${seedHex(part.seed)} (fast-check seed ${part.seed})`);
  return lines;
}
