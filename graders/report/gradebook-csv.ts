import { stringify } from 'csv-stringify/sync';
import type { ReportContext } from './types.ts';
import { safeCell } from './csv.ts';
import { pointsCell, scoreColumns, type GradebookColumns } from './gradebook-columns.ts';

/**
 * A plain gradebook for any other system or a spreadsheet: the student id, the roster's
 * identity, whether they submitted, then the score columns after the late penalty (`total`, or
 * one per question), each header followed by its points possible: `total (100)`.
 */
export function plainGradebook(ctx: ReportContext, options: { columns: GradebookColumns }): string {
  const columns = scoreColumns(ctx.assignment, options.columns, (q) => (q ? q.id : 'total'));
  const header = ['student', 'name', 'email', 'sis_id', 'section', 'status', ...columns.map((c) => `${c.title} (${pointsCell(c.pointsPossible)})`)];
  const rows = ctx.results.map((r) => {
    const who = r.identity ?? {};
    return [r.student, who.name ?? '', who.email ?? '', who.sisId ?? '', who.section ?? '', r.status ?? 'submitted', ...columns.map((c) => pointsCell(c.score(r)))];
  });
  return stringify([header, ...rows], { cast: { string: safeCell } });
}
