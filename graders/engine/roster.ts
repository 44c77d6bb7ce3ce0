import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Assignment } from '../pack/types.ts';
import type { PartResult, StudentIdentity, SubmissionResult } from '../results/result.ts';
import { totals } from '../results/score.ts';
import { isValidStudentId } from '../submission/discover.ts';
import { partSeed } from './seed.ts';

/** One student of the class list. */
export interface RosterEntry {
  /** The student id: the name of their submission folder. */
  id: string;
  identity: StudentIdentity;
  /** Line of the roster file, for messages. */
  line: number;
}

export interface Roster {
  file: string;
  /** `canvas` when the file is a gradebook exported from Canvas, read as it is. */
  layout: 'roster' | 'canvas';
  entries: RosterEntry[];
  /**
   * Canvas assignment ids by column title, from the assignment columns of a Canvas export
   * (`Homework 3 (12345)`), so the Canvas gradebook can name the existing assignment.
   */
  canvasAssignments: Map<string, string>;
}

/** A roster that cannot be used; every bad line is listed, not only the first. */
export class RosterError extends Error {
  readonly code = 'ROSTER_INVALID';
  constructor(
    readonly file: string,
    readonly issues: readonly string[],
  ) {
    super(`${file}: ${issues.join('; ')}`);
    this.name = 'RosterError';
  }
}

/** Rosters are class lists, not data dumps: a bigger file is refused unread. */
const MAX_ROSTER_BYTES = 16 * 1024 * 1024;

/** The columns of dlgrade's own roster layout (any order, any case), and where each one goes. */
const ROSTER_COLUMNS: Record<string, keyof StudentIdentity | 'id'> = {
  id: 'id',
  name: 'name',
  email: 'email',
  sis_id: 'sisId',
  section: 'section',
};

/** The identity columns of a Canvas gradebook export, and where each one goes. */
const CANVAS_COLUMNS: Record<string, keyof StudentIdentity> = {
  Student: 'name',
  ID: 'lmsId',
  'SIS User ID': 'sisId',
  'SIS Login ID': 'sisLoginId',
  Section: 'section',
};

/** The Canvas column a student's folder is named after, unless `--roster-id` says another. */
export const CANVAS_DEFAULT_ID_COLUMN = 'SIS Login ID';

/**
 * Reads a class roster: dlgrade's layout (`id` and optional `name`, `email`, `sis_id`,
 * `section`) or a Canvas gradebook export as it is (`Student, ID, SIS User ID, SIS Login ID,
 * Section, …`, with its `Points Possible` row), where `idColumn` (default `SIS Login ID`) names
 * the submission folders. Ids must be valid student ids and unique.
 */
export function loadRoster(file: string, options: { idColumn?: string } = {}): Roster {
  let text: string;
  try {
    const buffer = readFileSync(file);
    if (buffer.length > MAX_ROSTER_BYTES) throw new RosterError(file, [`${buffer.length} bytes; a roster may hold at most ${MAX_ROSTER_BYTES}`]);
    text = buffer.toString('utf8');
  } catch (err) {
    if (err instanceof RosterError) throw err;
    throw new RosterError(file, [`cannot read the file (${(err as Error).message})`]);
  }
  const issues: string[] = [];
  const records = parse(text, {
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: (Error & { lines?: number }) | undefined) => {
      if (err) issues.push(`line ${err.lines ?? 0}: ${err.message.split('\n')[0]}`);
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const header = records[0]?.record.map((h) => h.trim());
  if (!header) throw new RosterError(file, ['empty file; expected a header with an "id" column (or a Canvas gradebook export)']);

  const canvas = header[0] === 'Student' && header[1] === 'ID';
  const idColumn = options.idColumn ?? (canvas ? CANVAS_DEFAULT_ID_COLUMN : 'id');
  const columns = header.map((h) => (canvas ? CANVAS_COLUMNS[h] : ROSTER_COLUMNS[h.toLowerCase()]));
  const idIndex = header.findIndex((h) => (canvas ? h === idColumn : h.toLowerCase() === idColumn.toLowerCase()));
  if (idIndex < 0) {
    const expected = canvas ? `the column "${idColumn}" of this Canvas export` : `an "${idColumn}" column`;
    throw new RosterError(file, [`line 1: expected ${expected}, found the header "${header.join(',')}"`]);
  }
  const canvasAssignments = new Map<string, string>();
  if (canvas) {
    for (const h of header) {
      const m = /^(.*)\s\((\d+)\)$/.exec(h);
      if (m) canvasAssignments.set(m[1]!, m[2]!);
    }
  }

  const entries: RosterEntry[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const cells = record.map((c) => c.trim());
    // Canvas exports carry a points-possible row and, on older exports, a muted/posting row.
    if (canvas && ((cells[0] ?? '').includes('Points Possible') || cells.every((c) => /^(Muted|Manual Posting.*)?$/i.test(c)))) continue;
    const id = cells[idIndex] ?? '';
    // Canvas's "Test Student" (the student view) has no login and is no one to grade.
    if (canvas && id === '' && /^(Test Student|Student, Test)$/.test(cells[0] ?? '')) continue;
    if (id === '') {
      issues.push(`line ${line}: empty ${idColumn}`);
      continue;
    }
    if (!isValidStudentId(id)) {
      issues.push(`line ${line}: "${id}" is not a valid student id (letters, digits, ".", "_", "-", starting with a letter or digit), so no submission folder can have it`);
      continue;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      issues.push(`line ${line}: "${id}" appears twice (first on line ${first})`);
      continue;
    }
    seen.set(id, line);
    const identity: StudentIdentity = {};
    columns.forEach((field, i) => {
      const value = cells[i];
      if (field && field !== 'id' && value) identity[field] = value;
    });
    entries.push({ id, identity, line });
  }
  // Parse errors arrive before the rows read around them: the TA reads the list in file order.
  if (issues.length > 0) throw new RosterError(file, issues.sort((a, b) => lineOf(a) - lineOf(b)));
  if (entries.length === 0) throw new RosterError(file, ['no students listed']);
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { file, layout: canvas ? 'canvas' : 'roster', entries, canvasAssignments };
}

function lineOf(issue: string): number {
  return Number(/^line (\d+)/.exec(issue)?.[1] ?? 0);
}

export const NOT_SUBMITTED_FEEDBACK = 'Not submitted: no submission was received.';

/**
 * The result of a roster student with no submission folder: every part `missing` at 0 points,
 * with the seed a submission would have had, so the class reports list the student at 0.
 */
export function notSubmittedResult(assignment: Assignment, student: string, options: { seedSalt: string; visibleOnly: boolean }): SubmissionResult {
  const parts: PartResult[] = assignment.questions.flatMap((q) =>
    q.parts.map(
      (p): PartResult => ({
        partId: p.id,
        kind: p.kind,
        status: 'missing',
        score: 0,
        max: p.points,
        visibility: p.visibility,
        feedback: NOT_SUBMITTED_FEEDBACK,
        seed: partSeed(assignment.id, p.id, student, options.seedSalt),
      }),
    ),
  );
  // A part awaiting review in a submission is worth its points here: there is nothing to review.
  return {
    schemaVersion: 1,
    assignment: assignment.id,
    student,
    status: 'not submitted',
    parts,
    ...totals(parts),
    problems: [NOT_SUBMITTED_FEEDBACK],
    visibleOnly: options.visibleOnly,
  };
}
