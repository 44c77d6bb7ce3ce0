import type { PartResult } from '../../results/result.ts';
import { ReferenceFault } from '../../errors.ts';
import type { CheckContext } from '../types.ts';
import { solverOf } from '../_internals/reference.ts';
import { renderAnswer } from '../_internals/render.ts';
import { invalidResult, isBlank, mistakeResult, missingResult, pendingPublicResult, resultBase, roundScore } from '../_internals/result.ts';
import { gradeMatrixAnswer, readMatrixAnswer } from '../_math/matrix-answer.ts';
import { fromNested, type Tensor } from '../_math/tensor-ops.ts';
import type { MatrixPart } from './part.ts';

/** `a vector of 3 numbers`, `a 2×3 matrix`. */
export function shapeWords(shape: readonly number[]): string {
  return shape.length === 1 ? `a vector of ${shape[0]} numbers` : `a ${shape[0]}×${shape[1]} matrix`;
}

/** The value of the reference (or a known mistake) as a tensor of the part's shape; a wrong shape is the pack's fault. */
export function tensorOf(part: MatrixPart, value: unknown, what: string): Tensor {
  const t = fromNested(value);
  const [rows, cols] = part.shape.length === 1 ? [part.shape[0]!, 1] : [part.shape[0]!, part.shape[1]!];
  const flat = t && part.shape.length === 1 && t.rows === 1 && t.cols === rows ? { ...t, rows, cols: 1 } : t;
  if (!flat || flat.rows !== rows || flat.cols !== cols) throw new ReferenceFault(part.id, `${what} is not ${shapeWords(part.shape)}: ${JSON.stringify(value)?.slice(0, 200)}`);
  return flat;
}

/**
 * Grades a numeric vector or matrix entry by entry against the reference solver's, each entry
 * within the part's tolerance; a wrong shape is invalid with both shapes, and with per-entry
 * credit the score is the share of right entries.
 */
export async function checkMatrix(part: MatrixPart, answer: unknown, ctx: CheckContext): Promise<PartResult> {
  const { absolute, relative } = part.tolerance;
  const accepted = `${shapeWords(part.shape)}, each entry within ${absolute} + ${relative}·|expected|${part.partial ? ', with credit per right entry' : ''}`;
  if (isBlank(answer)) return missingResult(part, ctx, accepted);
  const rendered = renderAnswer(answer);
  const extra = { answer: rendered, expected: accepted };
  if (part.solver === '') {
    const read = readMatrixAnswer(answer, part.shape);
    if (!read.ok) return invalidResult(part, ctx, `${capitalize(read.problem)}.`, extra);
    return pendingPublicResult(part, ctx, `Read as ${shapeWords(part.shape)}`, extra);
  }
  const solver = solverOf(ctx, part, part.solver);
  const want = tensorOf(part, solver(), `reference solver "${part.solver}" result`);
  const options = { shape: part.shape, tolerance: part.tolerance, partial: part.partial };
  const grade = gradeMatrixAnswer(answer, want, options);
  if (grade.status === 'invalid') return invalidResult(part, ctx, grade.feedback, extra);
  const checks = [{ name: `${grade.total} entries`, visibility: part.visibility, ok: grade.status === 'passed', runs: grade.total, ...(grade.status === 'passed' ? {} : { message: `${grade.total - grade.right} of ${grade.total} wrong` }) }];
  if (grade.status === 'passed') return { ...resultBase(part, ctx, extra), status: 'passed', score: part.points, feedback: grade.feedback, checks };
  const first = grade.wrong[0]!;
  const counterexample = { input: `entry ${first.entry}`, expected: first.want, actual: first.got, hidden: part.visibility === 'hidden' };
  for (const m of part.mistakes) {
    const wrong = tensorOf(part, m.value, `known mistake "${m.id}"`);
    if (gradeMatrixAnswer(answer, wrong, { ...options, partial: false }).status === 'passed') {
      const matched = mistakeResult(part, ctx, m, extra);
      // Per-entry credit is never less than the mistake's own.
      const score = Math.max(matched.score, roundScore(grade.fraction * part.points));
      return { ...matched, score, status: score > 0 ? 'partial' : 'failed', checks, counterexample };
    }
  }
  const score = roundScore(grade.fraction * part.points);
  return { ...resultBase(part, ctx, extra), status: score > 0 ? 'partial' : 'failed', score, feedback: grade.feedback, checks, counterexample };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
