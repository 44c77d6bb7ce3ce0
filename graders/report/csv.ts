import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from '../results/atomic-write.ts';
import { cleanText } from '../results/clean-text.ts';
import type { SubmissionResult } from '../results/result.ts';
import { roundPoints } from '../results/score.ts';
import type { Reporter, ReportContext } from './types.ts';

/**
 * A cell as a spreadsheet may open it without running anything: a text starting with =, +, -,
 * @ (or a tab or CR) would be read as a formula, so it gets a leading apostrophe, which
 * spreadsheets show as text. Numbers are left alone.
 */
export function safeCell(value: string): string {
  const text = cleanText(value);
  if (!/^[=+\-@\t\r]/.test(text) || /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(text)) return text;
  return `'${text}`;
}

/**
 * The class gradebook: one row per student (with whether they submitted), one column per part in
 * pack order, the late penalty (0 or negative), then the total: each row adds up.
 */
export function gradebookCsv(ctx: ReportContext): string {
  const partIds = ctx.assignment.questions.flatMap((q) => q.parts.map((p) => p.id));
  const rows = ctx.results.map((r) => {
    const byId = new Map(r.parts.map((p) => [p.partId, p]));
    // A pending part has no score yet: an empty cell, not a zero the TA might take for a grade.
    const cells = partIds.map((id) => {
      const p = byId.get(id);
      return p === undefined || p.status === 'pending' ? '' : String(p.score);
    });
    return [r.student, r.status ?? 'submitted', ...cells, String(latePenalty(r)), String(r.total)];
  });
  return stringify([['student', 'status', ...partIds, 'late_penalty', 'total'], ...rows], { cast: { string: safeCell } });
}

/** Points the late policy took, as a signed adjustment (0 when on time), so score + it = total. */
export function latePenalty(r: SubmissionResult): number {
  return roundPoints(r.total - r.score);
}

export const csvReporter: Reporter = {
  name: 'csv',
  classFiles: ['grades.csv'],
  async classWide(ctx) {
    await writeFileAtomic(path.join(ctx.outDir, 'grades.csv'), gradebookCsv(ctx));
  },
};
