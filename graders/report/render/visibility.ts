import type { CheckResult, Counterexample, PartResult, PartStatus } from '../../results/result.ts';

/**
 * Who reads a report: the student (hidden inputs withheld) or the course staff (everything).
 *
 * What a part holds about a hidden input (the input itself, and whatever the student's code
 * computed on it: messages, values, exit codes) lives only in its hidden checks' messages and in
 * a counterexample marked hidden; the checkers keep `feedback` and `reason` free of it, so every
 * report may print those to the student. These two functions are the only other gate.
 */
export type Audience = 'student' | 'ta';

/** A counterexample as one audience may see it: in full, or only the fact that a hidden check failed. */
export type ShownCounterexample = { kind: 'shown'; value: Counterexample } | { kind: 'withheld' };

export function shownCounterexample(part: PartResult, audience: Audience): ShownCounterexample | undefined {
  const ce = part.counterexample;
  if (!ce) return undefined;
  if (audience === 'student' && (ce.hidden || part.visibility === 'hidden')) return { kind: 'withheld' };
  return { kind: 'shown', value: ce };
}

/** Checks as one audience may see them: hidden checks keep their outcome but lose their message. */
export function shownChecks(part: PartResult, audience: Audience): CheckResult[] {
  return (part.checks ?? []).map((check) => {
    if (audience === 'ta' || (check.visibility === 'visible' && part.visibility === 'visible')) return check;
    const { message: _message, ...rest } = check;
    return rest;
  });
}

/** Outcomes that cost the student points and deserve their attention first. */
export const NOT_PASSED: ReadonlySet<PartStatus> = new Set(['failed', 'partial', 'invalid', 'error', 'missing']);

export const STATUS_LABEL: Record<PartStatus, string> = {
  passed: '✔ passed',
  partial: '◐ partial',
  failed: '✘ failed',
  missing: '∅ missing',
  invalid: '⚠ invalid',
  error: '⚠ error',
  pending: '○ pending review',
};

export const WITHHELD_TEXT = 'A hidden check failed; its input is not shown to students.';
