import { stringify } from 'csv-stringify/sync';
import type { ReportContext } from './types.ts';
import { safeCell } from './csv.ts';
import { pointsCell, scoreColumns, splitName, type GradebookColumns } from './gradebook-columns.ts';

/**
 * Blackboard Grade Center upload (Work Offline → Upload): a header row, then one record per
 * student. Students are matched by `Username` (required on every row; name changes are not
 * processed); a column header in Blackboard's own download form, `<name> [Total Pts: <points>
 * Score]`, followed by ` |<column id>` to update an existing column, or without the id to create
 * one. In a comma-delimited file every value is enclosed in quotes.
 */
export const BLACKBOARD_IDENTITY_COLUMNS = ['Last Name', 'First Name', 'Username', 'Student ID'] as const;

export function blackboardGradebook(ctx: ReportContext, options: { columns: GradebookColumns; columnId?: string }): string {
  const columns = scoreColumns(ctx.assignment, options.columns, (q) => (q ? `${ctx.assignment.title} ${q.id}` : ctx.assignment.title));
  const header = [
    ...BLACKBOARD_IDENTITY_COLUMNS,
    ...columns.map((c) => `${c.title} [Total Pts: ${pointsCell(c.pointsPossible)} Score]${options.columnId && options.columns === 'assignment' ? ` |${options.columnId}` : ''}`),
  ];
  const rows = ctx.results.map((r) => {
    const { first, last } = splitName(r.identity?.name);
    return [last, first, r.identity?.sisLoginId ?? r.student, r.identity?.sisId ?? '', ...columns.map((c) => pointsCell(c.score(r)))];
  });
  return stringify([header, ...rows], { quoted: true, quoted_empty: true, cast: { string: safeCell } });
}
