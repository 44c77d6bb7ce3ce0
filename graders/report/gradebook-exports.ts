import path from 'node:path';
import { UsageError } from '../errors.ts';
import type { Assignment } from '../pack/types.ts';
import { writeFileAtomic } from '../results/atomic-write.ts';
import type { Reporter, ReportContext } from './types.ts';
import { blackboardGradebook } from './gradebook-blackboard.ts';
import { canvasGradebook, canvasTitleProblem, canvasTitles } from './gradebook-canvas.ts';
import type { GradebookColumns } from './gradebook-columns.ts';
import { plainGradebook } from './gradebook-csv.ts';
import { moodleGradebook } from './gradebook-moodle.ts';

/** The LMS gradebook layouts `--gradebook` writes, each to its own file beside grades.csv. */
export const GRADEBOOK_LAYOUTS = ['canvas', 'moodle', 'blackboard', 'csv'] as const;
export type GradebookLayout = (typeof GRADEBOOK_LAYOUTS)[number];

export const GRADEBOOK_FILES: Record<GradebookLayout, string> = {
  canvas: 'gradebook-canvas.csv',
  moodle: 'gradebook-moodle.csv',
  blackboard: 'gradebook-blackboard.csv',
  csv: 'gradebook.csv',
};

export interface GradebookOptions {
  layouts: GradebookLayout[];
  columns: GradebookColumns;
  /** Canvas's id of the assignment the scores go to (from --canvas-assignment-id or a Canvas roster). */
  canvasAssignmentId?: string;
}

/** `--gradebook` (repeatable), `--gradebook-columns` and `--canvas-assignment-id`, checked before anything is graded. */
export function parseGradebookFlags(layouts: readonly string[], columns: string | undefined, canvasAssignmentId: string | undefined, assignment: Assignment): GradebookOptions {
  const unknown = layouts.filter((l) => !(GRADEBOOK_LAYOUTS as readonly string[]).includes(l));
  if (unknown.length > 0) throw new UsageError(`--gradebook expects ${GRADEBOOK_LAYOUTS.join(', ')}; found ${unknown.map((u) => `"${u}"`).join(', ')}`);
  if (columns !== undefined && columns !== 'assignment' && columns !== 'questions') throw new UsageError(`--gradebook-columns expects assignment or questions, found "${columns}"`);
  if (canvasAssignmentId !== undefined && !/^\d+$/.test(canvasAssignmentId)) throw new UsageError(`--canvas-assignment-id expects Canvas's numeric assignment id, found "${canvasAssignmentId}"`);
  const options: GradebookOptions = {
    layouts: [...new Set(layouts as GradebookLayout[])],
    columns: columns ?? 'assignment',
    ...(canvasAssignmentId !== undefined && columns !== 'questions' ? { canvasAssignmentId } : {}),
  };
  if (options.layouts.includes('canvas')) {
    const canvas = { columns: options.columns, ...(options.canvasAssignmentId ? { assignmentId: options.canvasAssignmentId } : {}) };
    const problem = canvasTitleProblem(canvasTitles({ assignment }, canvas), canvas);
    if (problem) throw new UsageError(`--gradebook canvas: ${problem}`);
  }
  return options;
}

function render(layout: GradebookLayout, ctx: ReportContext, options: GradebookOptions): string {
  switch (layout) {
    case 'canvas':
      return canvasGradebook(ctx, { columns: options.columns, ...(options.canvasAssignmentId ? { assignmentId: options.canvasAssignmentId } : {}) });
    case 'moodle':
      return moodleGradebook(ctx, options);
    case 'blackboard':
      return blackboardGradebook(ctx, options);
    case 'csv':
      return plainGradebook(ctx, options);
  }
}

/** One class reporter per requested layout. */
export function gradebookReporters(options: GradebookOptions): Reporter[] {
  return options.layouts.map((layout) => ({
    name: `gradebook-${layout}`,
    classFiles: [GRADEBOOK_FILES[layout]],
    async classWide(ctx) {
      await writeFileAtomic(path.join(ctx.outDir, GRADEBOOK_FILES[layout]), render(layout, ctx, options));
    },
  }));
}
