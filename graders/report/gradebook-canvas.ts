import { stringify } from 'csv-stringify/sync';
import type { ReportContext } from './types.ts';
import { safeCell } from './csv.ts';
import { pointsCell, scoreColumns, type GradebookColumns } from './gradebook-columns.ts';

/**
 * Canvas's gradebook import (Grades → Import), as its importer reads a file: the header starts
 * `Student, ID, SIS User ID, SIS Login ID, Section`; each further column is an assignment, named
 * `<title> (<Canvas assignment id>)` to update that assignment, or a bare title to match one by
 * title or create it; a row whose first cell holds `Points Possible` gives each column's points.
 * Students are matched by `ID` (Canvas's user id), then `SIS User ID`, then `SIS Login ID`, then
 * by name; the roster's identity fills them, and the student id stands for a missing login.
 */
export const CANVAS_IDENTITY_COLUMNS = ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section'] as const;

/**
 * Column titles the importer drops as read-only totals (and its pattern matches anywhere in a
 * title), and the `(<digits>)` ending it reads as an assignment id.
 */
export const CANVAS_READ_ONLY_TITLES = ['Current Score', 'Current Points', 'Current Grade', 'Final Score', 'Final Points', 'Final Grade', 'Override Score', 'Override Grade', 'Override Status'];

export interface CanvasOptions {
  columns: GradebookColumns;
  /** The Canvas id of the assignment to update (`assignment` columns only). */
  assignmentId?: string;
}

export function canvasTitles(ctx: Pick<ReportContext, 'assignment'>, options: CanvasOptions): string[] {
  return scoreColumns(ctx.assignment, options.columns, (q) => canvasTitle(ctx.assignment.title, q?.id, options.assignmentId)).map((c) => c.title);
}

function canvasTitle(title: string, question: string | undefined, assignmentId: string | undefined): string {
  if (question !== undefined) return `${title} ${question}`;
  return assignmentId === undefined ? title : `${title} (${assignmentId})`;
}

/** Why Canvas would not import these column titles as the assignment's scores, or undefined. */
export function canvasTitleProblem(titles: readonly string[], options: CanvasOptions): string | undefined {
  for (const t of titles) {
    const hit = CANVAS_READ_ONLY_TITLES.find((r) => t.includes(r));
    if (hit) return `Canvas ignores a gradebook column whose title contains "${hit}" ("${t}"); rename the assignment's title`;
    if (options.assignmentId === undefined && /\s\(\d+\)$/.test(t)) return `Canvas would read the ending of "${t}" as an assignment id; pass --canvas-assignment-id, or rename the assignment`;
  }
  return undefined;
}

export function canvasGradebook(ctx: ReportContext, options: CanvasOptions): string {
  const columns = scoreColumns(ctx.assignment, options.columns, (q) => canvasTitle(ctx.assignment.title, q?.id, options.assignmentId));
  const header = [...CANVAS_IDENTITY_COLUMNS, ...columns.map((c) => c.title)];
  const points = ['Points Possible', '', '', '', '', ...columns.map((c) => pointsCell(c.pointsPossible))];
  const rows = ctx.results.map((r) => {
    const who = r.identity ?? {};
    return [who.name ?? r.student, who.lmsId ?? '', who.sisId ?? '', who.sisLoginId ?? r.student, who.section ?? '', ...columns.map((c) => pointsCell(c.score(r)))];
  });
  return stringify([header, points, ...rows], { cast: { string: safeCell } });
}
