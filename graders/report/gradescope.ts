import path from 'node:path';
import type { PartResult, SubmissionResult } from '../results/result.ts';
import { writeFileAtomic } from '../results/atomic-write.ts';
import { canonicalJson } from '../results/canonical-json.ts';
import type { Reporter, StudentReportContext } from './types.ts';

/**
 * Gradescope's autograder `results.json`: one test per part, the name starting with the part id.
 * Hidden parts become `after_published`, so students see them once the TA publishes grades.
 */
export function toGradescope(result: SubmissionResult, ctx: StudentReportContext): object {
  const tests = result.parts.map((p) => ({
    name: `${p.partId} (${p.kind})`,
    score: p.score,
    max_score: p.max,
    status: p.status === 'passed' ? 'passed' : 'failed',
    output: gradescopeOutput(p),
    visibility: p.visibility === 'visible' ? 'visible' : 'after_published',
  }));
  const lines = [`${ctx.assignment.title}: ${result.total} of ${result.max} auto-graded points`];
  if (result.pendingPoints > 0) lines.push(`${result.pendingPoints} points await manual review.`);
  if (result.late) lines.push(`Late by ${result.late.hoursLate.toFixed(1)} h: ${result.late.penaltyPercent}% penalty (−${result.late.penalty} points).`);
  if (result.visibleOnly) lines.push('Only visible checks were run; hidden checks were not.');
  lines.push(...result.problems);
  return { score: result.total, output: lines.join('\n'), visibility: 'visible', stdout_visibility: 'hidden', tests };
}

function gradescopeOutput(p: PartResult): string {
  const lines = [`[${p.status}] ${p.feedback}`];
  if (p.counterexample && !p.counterexample.hidden) {
    lines.push(`Smallest failing input: ${p.counterexample.input}`, `Expected: ${p.counterexample.expected}`, `Got: ${p.counterexample.actual}`);
  }
  for (const n of p.notes ?? []) lines.push(`Note: ${n}`);
  lines.push(`Seed: ${p.seed}`);
  return lines.join('\n');
}

export const gradescopeReporter: Reporter = {
  name: 'gradescope',
  async student(result, ctx) {
    await writeFileAtomic(path.join(ctx.outDir, result.student, 'results.json'), canonicalJson(toGradescope(result, ctx)));
  },
};
