import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from '../results/atomic-write.ts';
import { cleanText } from '../results/clean-text.ts';
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

/** The class gradebook: one row per student, one column per part in pack order, then the total. */
export function gradebookCsv(ctx: ReportContext): string {
  const partIds = ctx.assignment.questions.flatMap((q) => q.parts.map((p) => p.id));
  const rows = ctx.results.map((r) => {
    const byId = new Map(r.parts.map((p) => [p.partId, p]));
    // A pending part has no score yet: an empty cell, not a zero the TA might take for a grade.
    const cells = partIds.map((id) => {
      const p = byId.get(id);
      return p === undefined || p.status === 'pending' ? '' : String(p.score);
    });
    return [r.student, ...cells, String(r.total)];
  });
  return stringify([['student', ...partIds, 'total'], ...rows], { cast: { string: safeCell } });
}

export const csvReporter: Reporter = {
  name: 'csv',
  classFiles: ['grades.csv'],
  async classWide(ctx) {
    await writeFileAtomic(path.join(ctx.outDir, 'grades.csv'), gradebookCsv(ctx));
  },
};
