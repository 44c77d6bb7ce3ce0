import path from 'node:path';
import type { PartResult, SubmissionResult } from '../results/result.ts';
import { writeFileAtomic } from '../results/atomic-write.ts';
import { canonicalJson } from '../results/canonical-json.ts';
import { cleanStrings } from '../results/clean-text.ts';
import { roundPoints } from '../results/score.ts';
import { escapeMarkdown, points } from './render/markdown-text.ts';
import type { Reporter, StudentReportContext } from './types.ts';
import { shownCounterexample, WITHHELD_TEXT } from './render/visibility.ts';

/**
 * Gradescope's autograder `results.json`: one test per part, the name starting with the part id,
 * its output Markdown (`output_format: md`) with every text from the submission escaped. Hidden
 * parts become `after_published` (or the assignment file's `gradescope.hidden_visibility`), so
 * students see them once the TA publishes grades. A part awaiting manual review has no status
 * (Gradescope knows only passed and failed) and says so; a late penalty is a test of its own
 * with a negative score, so the tests sum to `score`. Isolation short of `uid+netns` is said.
 */
export function toGradescope(result: SubmissionResult, ctx: StudentReportContext): object {
  const hidden = ctx.assignment.gradescope?.hiddenVisibility ?? 'after_published';
  const tests: Record<string, unknown>[] = result.parts.map((p) => ({
    name: p.status === 'pending' ? `${p.partId} (${p.kind}, awaiting review)` : `${p.partId} (${p.kind})`,
    score: p.score,
    max_score: p.max,
    ...(p.status === 'pending' ? {} : { status: p.status === 'passed' ? 'passed' : 'failed' }),
    output: gradescopeOutput(p),
    output_format: 'md',
    visibility: p.visibility === 'visible' ? 'visible' : hidden,
  }));
  if (result.late) {
    const l = result.late;
    tests.push({
      name: 'Late penalty',
      score: roundPoints(result.total - result.score),
      max_score: 0,
      output: markdownLines([`Submitted ${l.submittedAt}, ${points(l.hoursLate)} h late: ${points(l.penaltyPercent)}% of the earned ${points(result.score)} points (−${points(l.penalty)}).`]),
      output_format: 'md',
      visibility: 'visible',
    });
  }
  const lines = [`${ctx.assignment.title}: ${result.total} of ${result.max} auto-graded points`];
  if (result.status === 'not submitted') lines.push('Not submitted: no submission was received.');
  if (result.pendingPoints > 0) lines.push(`${result.pendingPoints} points await manual review.`);
  if (result.late) lines.push(`Late by ${result.late.hoursLate.toFixed(1)} h: ${result.late.penaltyPercent}% penalty (−${result.late.penalty} points).`);
  if (result.visibleOnly) lines.push('Only visible checks were run; hidden checks were not.');
  if (result.isolation && result.isolation !== 'uid+netns') lines.push(`Your code ran with sandbox isolation "${result.isolation}" (the strongest, "uid+netns", was not available on this machine).`);
  lines.push(...result.problems);
  return cleanStrings({
    score: result.total,
    ...(result.durationMs !== undefined ? { execution_time: Math.round(result.durationMs) / 1000 } : {}),
    output: markdownLines(lines),
    output_format: 'md',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    ...(result.isolation ? { extra_data: { isolation: result.isolation } } : {}),
    tests,
  });
}

/** Lines of plain text as Markdown that shows each of them literally, one per line. */
function markdownLines(lines: readonly string[]): string {
  return lines.flatMap((l) => l.split('\n')).map((l) => escapeMarkdown(l)).join('  \n');
}

function gradescopeOutput(p: PartResult): string {
  // The status tag is ours (a bracket with no link after it reads as itself); the rest is escaped.
  const tag = p.status === 'pending' ? '[awaiting review]' : `[${p.status}]`;
  const lines = [p.feedback];
  const ce = shownCounterexample(p, 'student');
  if (ce?.kind === 'shown') lines.push(`Smallest failing input: ${ce.value.input}`, `Expected: ${ce.value.expected}`, `Got: ${ce.value.actual}`);
  if (ce?.kind === 'withheld') lines.push(WITHHELD_TEXT);
  for (const n of p.notes ?? []) lines.push(`Note: ${n}`);
  if (p.manual?.comment && p.manual.comment !== p.feedback) lines.push(`Reviewer: ${p.manual.comment}`);
  lines.push(`Seed: ${p.seed}`);
  return `${tag} ${markdownLines(lines)}`;
}

export const gradescopeReporter: Reporter = {
  name: 'gradescope',
  async student(result, ctx) {
    await writeFileAtomic(path.join(ctx.outDir, result.student, 'results.json'), canonicalJson(toGradescope(result, ctx)));
  },
};
