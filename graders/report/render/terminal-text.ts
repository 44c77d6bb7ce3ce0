import { cleanText } from '../../results/clean-text.ts';
import type { PartStatus, SubmissionResult } from '../../results/result.ts';
import type { ScoreValue, StoreChange } from '../../results/ta-store.ts';
import type { ReportContext } from '../types.ts';

const MARK: Record<PartStatus, string> = {
  passed: 'passed',
  partial: 'partial',
  failed: 'failed',
  missing: 'missing',
  invalid: 'invalid',
  error: 'error',
  pending: 'pending',
};

/** One line per finished submission, for logs (CI) and non-TTY runs. */
export function progressLine(result: SubmissionResult, done: number, total: number): string {
  const width = String(total).length;
  return `[${String(done).padStart(width)}/${total}] ${result.student}: ${result.total}/${result.max}${result.pendingPoints ? ` (+${result.pendingPoints} pending)` : ''}`;
}

/** The end-of-run summary: what needs attention first, then aligned totals per student. */
export function renderSummary(ctx: ReportContext): string {
  const out: string[] = [];
  const attention: string[] = [];
  for (const r of ctx.results) {
    for (const problem of r.problems) attention.push(`  ${r.student}: ${oneLine(problem)}`);
    // An unreadable answers file makes every part invalid with one message: say it once.
    const groups = new Map<string, string[]>();
    for (const p of r.parts) {
      if (p.status !== 'error' && p.status !== 'invalid') continue;
      const key = `[${p.status}] ${oneLine(p.feedback)}`;
      groups.set(key, [...(groups.get(key) ?? []), p.partId]);
    }
    for (const [key, ids] of groups) {
      const which = ids.length === 1 ? ids[0] : `${ids.length} parts (${ids[0]} …)`;
      attention.push(`  ${r.student} ${which} ${key}`);
    }
  }
  if (attention.length > 0) {
    out.push('Needs attention:', ...attention.slice(0, 50));
    if (attention.length > 50) out.push(`  … and ${attention.length - 50} more (see the per-student reports)`);
    out.push('');
  }
  const idWidth = Math.max(7, ...ctx.results.map((r) => r.student.length));
  out.push(`${'student'.padEnd(idWidth)}  ${'score'.padStart(13)}  pending  ${(Object.keys(MARK) as PartStatus[]).filter((s) => s !== 'pending').join(' ')}`);
  for (const r of ctx.results) {
    const counts = countStatuses(r);
    const cols = (Object.keys(MARK) as PartStatus[])
      .filter((s) => s !== 'pending')
      .map((s) => String(counts[s]).padStart(MARK[s].length))
      .join(' ');
    const late = `${r.late && r.late.penalty > 0 ? ` (late −${r.late.penalty})` : ''}${r.status === 'not submitted' ? ' (not submitted)' : ''}`;
    out.push(`${r.student.padEnd(idWidth)}  ${`${r.total}/${r.max}`.padStart(13)}  ${String(r.pendingPoints).padStart(7)}  ${cols}${late}`);
  }
  const totals = ctx.results.map((r) => r.total);
  if (totals.length > 0) {
    const mean = totals.reduce((a, b) => a + b, 0) / totals.length;
    const absent = ctx.results.filter((r) => r.status === 'not submitted').length;
    const missing = absent > 0 ? `, ${absent} student(s) on the roster did not submit (0 points)` : '';
    out.push('', `${ctx.results.length - absent} submission(s) graded against ${ctx.assignment.id}; mean total ${mean.toFixed(2)} of ${ctx.assignment.total} points${missing} (score/max counts the points decided so far; pending points await manual review).`);
  } else {
    out.push('', 'No submissions were graded.');
  }
  if (ctx.run.visibleOnly || ctx.results.some((r) => r.visibleOnly)) out.push('Only visible checks were run; hidden checks were not run, so scores are not final.');
  out.push(`Reports written to ${ctx.outDir}`);
  return `${out.join('\n')}\n`;
}

function countStatuses(r: SubmissionResult): Record<PartStatus, number> {
  const counts = Object.fromEntries(Object.keys(MARK).map((k) => [k, 0])) as Record<PartStatus, number>;
  for (const p of r.parts) counts[p.status] += 1;
  return counts;
}

/** What a run changed in the TA store, one line per change: the TA sees every score replaced. */
export function renderStoreChanges(changes: readonly StoreChange[], storeFile: string, limit = 200): string {
  if (changes.length === 0) return `TA entries (${storeFile}): nothing changed.\n`;
  const score = (v: ScoreValue | undefined) => (v === undefined ? 'none' : `${v.score}${v.comment ? ` "${oneLine(v.comment, 60)}"` : ''}`);
  const lines = changes.slice(0, limit).map((c) =>
    c.kind === 'score'
      ? `  ${c.student} ${c.part}: ${score(c.before)} → ${score(c.after)} (${oneLine(c.source, 80)})`
      : `  ${c.student} submitted_at: ${c.before ?? 'none'} → ${c.after ?? 'none'} (${oneLine(c.source, 80)})`,
  );
  if (changes.length > limit) lines.push(`  … and ${changes.length - limit} more (the store's log lists them all)`);
  return `TA entries (${storeFile}): ${changes.length} change(s)\n${lines.join('\n')}\n`;
}

function oneLine(s: string, width = 160): string {
  const line = cleanText(s).replace(/\s+/g, ' ').trim();
  return line.length > width ? `${line.slice(0, width - 3)}…` : line;
}
