import { appendFile } from 'node:fs/promises';
import type { PartResult, SubmissionResult } from '../results/result.ts';
import { codeSpan, inlineText, paragraphText, points } from './render/markdown-text.ts';
import { plainMath } from '../pack/math-text.ts';
import { seedHex } from './render/seed-text.ts';
import type { Reporter, ReportContext } from './types.ts';
import { NOT_PASSED, shownCounterexample, STATUS_LABEL, WITHHELD_TEXT } from './render/visibility.ts';

// GitHub refuses step summaries over 1 MiB; past this, only the totals are written.
const SUMMARY_LIMIT = 900_000;

/** Failing parts first (by points lost), then pending, then passed; the spec order within each. */
function ordered(parts: readonly PartResult[]): PartResult[] {
  const rank = (p: PartResult) => (NOT_PASSED.has(p.status) ? 0 : p.status === 'pending' ? 1 : 2);
  return parts
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || (rank(a.p) === 0 ? b.p.max - b.p.score - (a.p.max - a.p.score) : 0) || a.i - b.i)
    .map(({ p }) => p);
}

function studentSection(result: SubmissionResult, ctx: ReportContext): string {
  const out: string[] = [`### ${inlineText(result.student)}: ${points(result.total)} / ${points(ctx.assignment.total)}`];
  const facts = [`${points(result.score)} of ${points(result.max)} graded points`];
  if (result.pendingPoints > 0) facts.push(`${points(result.pendingPoints)} pending manual review`);
  if (result.late) facts.push(`late: ${points(result.late.penaltyPercent)}% off (−${points(result.late.penalty)})`);
  out.push(facts.join(' · '));
  if (result.problems.length > 0) out.push(result.problems.map((p) => `- ⚠ ${inlineText(p)}`).join('\n'));
  const parts = ordered(result.parts);
  out.push(['| part | status | score |', '| --- | --- | --- |', ...parts.map((p) => `| ${codeSpan(p.partId)} | ${STATUS_LABEL[p.status]} | ${points(p.score)} / ${points(p.max)} |`)].join('\n'));
  const failing = parts.filter((p) => NOT_PASSED.has(p.status));
  if (failing.length > 0) {
    out.push(
      failing
        .map((p) => {
          const lines = [`- ${codeSpan(p.partId)}: ${paragraphText(plainMath(p.feedback))}`];
          if (p.status === 'error') lines.push(`  ${paragraphText(p.reason)}`);
          const ce = shownCounterexample(p, 'student');
          if (ce?.kind === 'withheld') lines.push(`  ${WITHHELD_TEXT}`);
          if (ce?.kind === 'shown') lines.push(`  Counterexample: input ${codeSpan(ce.value.input)}, expected ${codeSpan(ce.value.expected)}, got ${codeSpan(ce.value.actual)}${ce.value.where ? ` at ${codeSpan(ce.value.where)}` : ''}`);
          lines.push(`  Seed: ${seedHex(p.seed)} (fast-check seed ${p.seed})`);
          return lines.join('\\\n');
        })
        .join('\n'),
    );
  }
  return out.join('\n\n');
}

/** The Markdown appended to the GitHub Actions job summary: per student, failing parts first. */
export function renderGithubSummary(ctx: ReportContext): string {
  const head = [`## ${inlineText(ctx.assignment.title)}: dlgrade results`];
  if (ctx.run.visibleOnly) head.push('> Only visible checks were run; hidden checks were not run, so scores are not final.');
  const full = [...head, ...ctx.results.map((r) => studentSection(r, ctx))].join('\n\n');
  if (Buffer.byteLength(full) <= SUMMARY_LIMIT) return `${full}\n`;
  const table = ['| student | total |', '| --- | --- |', ...ctx.results.map((r) => `| ${inlineText(r.student)} | ${points(r.total)} / ${points(ctx.assignment.total)} |`)];
  return `${[...head, 'Too many students for a detailed summary; per-part results are in the feedback reports.', table.join('\n')].join('\n\n')}\n`;
}

/** Appends the summary to `$GITHUB_STEP_SUMMARY` when that variable is set; does nothing otherwise. */
export const githubSummaryReporter: Reporter = {
  name: 'github-summary',
  async classWide(ctx) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file) return;
    await appendFile(file, renderGithubSummary(ctx));
  },
};
