import { stringify } from 'csv-stringify/sync';
import type { SubmissionResult } from '../results/result.ts';
import type { ReportContext } from './types.ts';
import { safeCell } from './csv.ts';
import { pointsCell, scoreColumns, type GradebookColumns } from './gradebook-columns.ts';

/**
 * Moodle's grade import from a CSV file (Grades → Import → CSV file): a header row, one row per
 * student, one column identifying the user and one per grade. On the import page "Map from" is
 * set to the identifier column and "Map to" to the matching user field (`useremail`,
 * `useridnumber` or `username`), and each grade column to its grade item. Grades are plain
 * decimals between 0 and the item's maximum (Moodle refuses the rest unless unlimited grades
 * are enabled), so a late penalty is taken inside the columns, never as a negative column.
 */
export interface MoodleIdentifier {
  header: 'Email address' | 'ID number' | 'Username';
  /** The user field to choose under "Map to". */
  mapTo: 'useremail' | 'useridnumber' | 'username';
  value(r: SubmissionResult): string;
}

/** The strongest identifier every student of the class has: email, then ID number, then username. */
export function moodleIdentifier(results: readonly SubmissionResult[]): MoodleIdentifier {
  if (results.length > 0 && results.every((r) => r.identity?.email)) return { header: 'Email address', mapTo: 'useremail', value: (r) => r.identity!.email! };
  if (results.length > 0 && results.every((r) => r.identity?.sisId)) return { header: 'ID number', mapTo: 'useridnumber', value: (r) => r.identity!.sisId! };
  return { header: 'Username', mapTo: 'username', value: (r) => r.identity?.sisLoginId ?? r.student };
}

export function moodleGradebook(ctx: ReportContext, options: { columns: GradebookColumns }): string {
  const id = moodleIdentifier(ctx.results);
  const columns = scoreColumns(ctx.assignment, options.columns, (q) => (q ? `${ctx.assignment.title} ${q.id}` : ctx.assignment.title));
  const rows = ctx.results.map((r) => [id.value(r), ...columns.map((c) => pointsCell(c.score(r)))]);
  return stringify([[id.header, ...columns.map((c) => c.title)], ...rows], { cast: { string: safeCell } });
}
