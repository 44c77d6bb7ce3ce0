import { formatSpecError, type SpecError } from './errors.ts';
import { loadAssignment, type LoadOptions } from './load.ts';

export interface ValidateResult {
  errors: SpecError[];
  warnings: SpecError[];
  /** Every error, then every warning, then a one-line summary: what `npm run validate` prints. */
  text: string;
}

/** Validates the pack in `dir` and renders the report; the caller exits 2 when `errors` is not empty. */
export async function validateDir(dir: string, options: LoadOptions = {}): Promise<ValidateResult> {
  const { assignment, errors, warnings } = await loadAssignment(dir, options);
  const lines = [...errors, ...warnings].map(formatSpecError);
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  if (errors.length > 0 || !assignment) {
    lines.push(`${dir}: invalid: ${count(errors.length, 'error')}, ${count(warnings.length, 'warning')}`);
  } else {
    const parts = assignment.questions.flatMap((q) => q.parts);
    lines.push(`${dir}: valid: ${count(assignment.questions.length, 'question')}, ${count(parts.length, 'part')}, ${assignment.total} points, ${count(warnings.length, 'warning')}`);
  }
  return { errors, warnings, text: `${lines.join('\n')}\n` };
}
