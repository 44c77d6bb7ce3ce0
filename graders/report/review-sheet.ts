import path from 'node:path';
import { Document, isScalar, Scalar } from 'yaml';
import { writeFileAtomic } from '../results/atomic-write.ts';
import type { PartResult } from '../results/result.ts';
import type { Reporter, ReportContext } from './types.ts';
import { fillText } from '../pack/variant-binding.ts';

export const REVIEW_SHEET_FILE = 'review.yaml';

export interface ReviewSheetOptions {
  /** Every free-text answer, the ones scored already with their score and comment filled in. */
  all?: boolean;
}

/** A part a TA reviews: pending, or (with `all`) scored by hand before. */
function reviewable(part: PartResult, all: boolean): boolean {
  if (part.status === 'pending') return true;
  return all && part.manual !== undefined;
}

/**
 * The review sheet: per student, per part awaiting review, the answer, the rubric, the part's
 * points and an empty `score:` to fill in. Merged back with `grade --manual`; parts left with an
 * empty score stay pending. With `all`, parts scored before are listed too, with their score.
 */
export function exportReviewSheet(ctx: ReportContext, options: ReviewSheetOptions = {}): string {
  const all = options.all ?? false;
  const prompts = new Map(ctx.assignment.questions.flatMap((q) => q.parts.map((p) => [p.id, { text: p.prompt, question: q.id }] as const)));
  const sheet: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const result of ctx.results) {
    for (const part of result.parts) {
      if (!reviewable(part, all)) continue;
      const graded = part.asGraded ?? part;
      const entries = (sheet[result.student] ??= {});
      entries[part.partId] = {
        points: part.max,
        // A question drawn per student: the prompt with this student's numbers, as they saw it.
        prompt: fillText(prompts.get(part.partId)?.text ?? '', result.variants?.[prompts.get(part.partId)?.question ?? '']?.values ?? {}),
        rubric: graded.status === 'pending' ? graded.rubric : '',
        answer: part.answer ?? '',
        score: part.manual ? part.score : null,
        comment: part.manual?.comment ?? '',
      };
    }
  }
  const doc = new Document(sheet);
  doc.commentBefore = [
    ` Manual review sheet for ${ctx.assignment.id} (${ctx.assignment.title}).`,
    ' Fill in `score:` (0 to `points`) for each answer and, if you like, a `comment:` for the student.',
    ' A part whose score is left empty stays pending. Shorthand also accepted: `<part id>: <score>`.',
    ' A score holds for the answer shown here: if the student changes it, the part awaits review again.',
    ' Merge with: npm run grade -- --manual <this file>',
  ].join('\n');
  for (const [student, parts] of Object.entries(sheet)) {
    for (const partId of Object.keys(parts)) {
      const answer = doc.getIn([student, partId, 'answer'], true);
      // Block literals keep multi-line answers readable and can hold any text without quoting.
      if (isScalar(answer) && typeof answer.value === 'string' && answer.value.includes('\n')) answer.type = Scalar.BLOCK_LITERAL;
    }
  }
  if (Object.keys(sheet).length === 0) {
    const none = all ? 'No free-text answers have been handed in.' : 'No answers are awaiting review.';
    return `${doc.commentBefore.split('\n').map((l) => `#${l}`).join('\n')}\n# ${none}\n{}\n`;
  }
  return doc.toString({ nullStr: '', lineWidth: 100 });
}

/** `<out>/review.yaml`: every answer awaiting manual review, ready to be scored and merged back. */
export const reviewSheetReporter: Reporter = {
  name: 'review-sheet',
  classFiles: [REVIEW_SHEET_FILE],
  async classWide(ctx) {
    if (!ctx.results.some((r) => r.parts.some((p) => p.status === 'pending'))) return;
    await writeFileAtomic(path.join(ctx.outDir, REVIEW_SHEET_FILE), exportReviewSheet(ctx));
  },
};
