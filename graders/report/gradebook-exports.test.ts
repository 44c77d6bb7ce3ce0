import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resultOf, referenceParts, sampleContext, sampleResults } from '../../tests/support/report-sample.ts';
import type { SubmissionResult } from '../results/result.ts';
import { roundPoints } from '../results/score.ts';
import { gradebookCsv } from './csv.ts';
import { blackboardGradebook } from './gradebook-blackboard.ts';
import { canvasGradebook } from './gradebook-canvas.ts';
import { questionScores } from './gradebook-columns.ts';
import { plainGradebook } from './gradebook-csv.ts';
import { parseGradebookFlags } from './gradebook-exports.ts';
import { moodleGradebook } from './gradebook-moodle.ts';
import type { ReportContext } from './types.ts';

/**
 * What Canvas's gradebook importer makes of a file, written from its rules: the header must
 * start with a column containing "Student" and one containing "ID"; `SIS User ID` then `SIS
 * Login ID` follow, and the last identity column must contain "Section"; columns matching the
 * read-only totals are dropped; `Title (123)` names assignment 123; a row whose first cell holds
 * "Points Possible" sets points; every other row is a student, found by ID, SIS User ID, SIS
 * Login ID or name, with a grade per assignment that must read as a number (or be empty).
 */
function canvasImport(text: string) {
  const rows = parse(text, { relax_column_count: false }) as string[][];
  const header = rows[0]!;
  if (!(header.length > 3 && header[0]!.includes('Student') && header[1]!.includes('ID'))) throw new Error('Invalid header row');
  let studentColumns = 3;
  if (/SIS\s+Login\s+ID/.test(header[2]!)) studentColumns += 1;
  else if (/SIS\s+User\s+ID/.test(header[2]!) && /SIS\s+Login\s+ID/.test(header[3]!)) studentColumns += 2;
  if (!header[studentColumns - 1]!.includes('Section')) throw new Error('Invalid header row');
  const readOnly = /Current Score|Current Points|Current Grade|Final Score|Final Points|Final Grade|Override Score|Override Grade|Override Status/;
  const assignments = header
    .map((name, index) => ({ name, index }))
    .slice(studentColumns)
    .filter((c) => !readOnly.test(c.name))
    .map((c) => {
      const m = /^(.*)\s\((\d+)\)$/.exec(c.name);
      return { index: c.index, title: m ? m[1]! : c.name, id: m ? m[2] : undefined, points: undefined as string | undefined };
    });
  const students: { key: string; grades: string[] }[] = [];
  for (const row of rows.slice(1)) {
    if (row[0]!.includes('Points Possible')) {
      for (const a of assignments) a.points = row[a.index];
      continue;
    }
    const key = row[1] || row[2] || row[3] || row[0];
    if (!key) throw new Error(`a student row with nothing to match: ${row.join(',')}`);
    const grades = assignments.map((a) => row[a.index]!.trim());
    for (const g of grades) if (g !== '' && !/^-?[0-9.,]+%?$/.test(g) && g.toUpperCase() !== 'EX') throw new Error(`not a grade: "${g}"`);
    students.push({ key, grades });
  }
  return { assignments, students };
}

/** Moodle's CSV import: a header, an identifier column mapped to a user field, numeric grades within the item's range. */
function moodleImport(text: string, max: number[]) {
  const rows = parse(text) as string[][];
  const [header, ...body] = rows;
  expect(['Email address', 'ID number', 'Username']).toContain(header![0]);
  for (const row of body) {
    expect(row[0]).not.toBe('');
    row.slice(1).forEach((g, i) => {
      expect(g).toMatch(/^\d+(\.\d+)?$/);
      expect(Number(g)).toBeLessThanOrEqual(max[i]!);
    });
  }
  return { header: header!, body };
}

/** Blackboard's upload: every value quoted, a Username on every row, column headers in its download form. */
function blackboardImport(text: string) {
  for (const line of text.trim().split('\n')) expect(line).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*\r?$/);
  const [header, ...body] = parse(text) as string[][];
  expect(header!.slice(0, 4)).toEqual(['Last Name', 'First Name', 'Username', 'Student ID']);
  for (const h of header!.slice(4)) expect(h).toMatch(/^.+ \[Total Pts: \d+(\.\d+)? Score\]( \|\d+)?$/);
  for (const row of body) expect(row[2]).not.toBe('');
  return { header: header!, body };
}

const HOSTILE = ['=HYPERLINK("http://x","y")', '+cmd|calc', '-2+3', '@SUM(A1)', 'Last, "First"'];

function classWithIdentities(): ReportContext {
  const [alice, bob, carol] = sampleResults() as [SubmissionResult, SubmissionResult, SubmissionResult];
  const results: SubmissionResult[] = [
    { ...alice, identity: { name: HOSTILE[0], email: 'alice@example.edu', sisId: HOSTILE[1], section: HOSTILE[3] } },
    { ...bob, identity: { name: HOSTILE[4], email: HOSTILE[2], sisId: '1002', sisLoginId: 'bob' } },
    { ...carol, identity: { name: 'Carol', email: 'carol@example.edu', sisId: '1003' } },
    { ...resultOf('dora', referenceParts().map((p) => ({ ...p, status: 'missing' as const, score: 0 }))), status: 'not submitted', identity: { name: 'Dora', email: 'dora@example.edu', sisId: '1004' } },
  ];
  return sampleContext(undefined, results);
}

const cellsOf = (text: string) => (parse(text) as string[][]).flat();

describe('LMS gradebooks', () => {
  it('Canvas: the importer takes the header, the points-possible row and one grade per student, the total after the late penalty', () => {
    const ctx = classWithIdentities();
    const canvas = canvasImport(canvasGradebook(ctx, { columns: 'assignment', assignmentId: '4242' }));
    expect(canvas.assignments).toEqual([{ index: 5, title: 'Sample homework', id: '4242', points: '100' }]);
    expect(canvas.students.map((s) => s.grades[0])).toEqual(ctx.results.map((r) => String(r.total)));
    expect(canvas.students.at(-1)!.grades).toEqual(['0']);
    // Without a Canvas id the column is the bare title: Canvas matches it by title or creates it.
    expect(canvasImport(canvasGradebook(ctx, { columns: 'assignment' })).assignments[0]).toMatchObject({ title: 'Sample homework', id: undefined });
  });

  it('Canvas per question: one column per question with its points, adding up to the total', () => {
    const ctx = classWithIdentities();
    const canvas = canvasImport(canvasGradebook(ctx, { columns: 'questions' }));
    expect(canvas.assignments.map((a) => [a.title, a.points])).toEqual([
      ['Sample homework q1', '30'],
      ['Sample homework q2', '40'],
      ['Sample homework q4', '30'],
    ]);
    canvas.students.forEach((s, i) => expect(roundPoints(s.grades.reduce((a, g) => a + Number(g), 0))).toBe(ctx.results[i]!.total));
  });

  it('refuses, before grading, a Canvas column the importer would drop or misread', () => {
    const ctx = classWithIdentities();
    for (const title of ['Final Grade project', 'Homework (12)']) {
      expect(() => parseGradebookFlags(['canvas'], 'assignment', undefined, { ...ctx.assignment, title })).toThrow(/canvas/i);
    }
    expect(() => parseGradebookFlags(['canvas'], 'assignment', '12a', ctx.assignment)).toThrow(/numeric/);
    expect(() => parseGradebookFlags(['sakai'], undefined, undefined, ctx.assignment)).toThrow(/canvas, moodle, blackboard, csv/);
  });

  it('Moodle: an identifier column every student has, then grades between 0 and the maximum', () => {
    const ctx = classWithIdentities();
    // bob's email is formula-shaped but present: email is the identifier, neutralised.
    const { header, body } = moodleImport(moodleGradebook(ctx, { columns: 'assignment' }), [100]);
    expect(header).toEqual(['Email address', 'Sample homework']);
    expect(body.map((r) => r[0])).toEqual(['alice@example.edu', "'-2+3", 'carol@example.edu', 'dora@example.edu']);
    const noEmail = sampleContext(undefined, ctx.results.map((r, i) => ({ ...r, identity: { sisId: `10${i}` } })));
    expect(moodleImport(moodleGradebook(noEmail, { columns: 'questions' }), [30, 40, 30]).header).toEqual(['ID number', 'Sample homework q1', 'Sample homework q2', 'Sample homework q4']);
    expect(moodleImport(moodleGradebook(sampleContext(), { columns: 'assignment' }), [100]).header[0]).toBe('Username');
  });

  it('Blackboard: quoted values, a Username per row, a column in the download form', () => {
    const ctx = classWithIdentities();
    const { header, body } = blackboardImport(blackboardGradebook(ctx, { columns: 'assignment' }));
    expect(header[4]).toBe('Sample homework [Total Pts: 100 Score]');
    expect(body.map((r) => r[2])).toEqual(['alice', 'bob', 'carol', 'dora']);
    expect(body[1]!.slice(0, 2)).toEqual(['Last', '"First"']);
    blackboardImport(blackboardGradebook(ctx, { columns: 'questions' }));
  });

  it('neutralises every cell a spreadsheet would run, in every layout, and keeps commas and quotes as text', () => {
    const ctx = classWithIdentities();
    const files = [canvasGradebook(ctx, { columns: 'assignment' }), moodleGradebook(ctx, { columns: 'assignment' }), blackboardGradebook(ctx, { columns: 'questions' }), plainGradebook(ctx, { columns: 'questions' })];
    for (const file of files) {
      for (const cell of cellsOf(file)) {
        // Numbers (scores, a signed student number) are data; anything else starting with a formula sign is text.
        if (/^[=+\-@]/.test(cell)) expect(cell, file).toMatch(/^[+-]?\d+(\.\d+)?$/);
      }
    }
    expect(cellsOf(plainGradebook(ctx, { columns: 'assignment' }))).toEqual(expect.arrayContaining([`'${HOSTILE[0]}`, `'${HOSTILE[1]}`, `'${HOSTILE[3]}`, HOSTILE[4], 'not submitted']));
  });

  it('grades.csv: every part, the late penalty and the total, and each row adds up', () => {
    const ctx = classWithIdentities();
    const [header, ...rows] = parse(gradebookCsv(ctx)) as string[][];
    expect(header!.slice(0, 2)).toEqual(['student', 'status']);
    expect(header!.slice(-2)).toEqual(['late_penalty', 'total']);
    for (const row of rows) {
      const numbers = row.slice(2, -1).map((c) => (c === '' ? 0 : Number(c)));
      expect(roundPoints(numbers.reduce((a, b) => a + b, 0))).toBe(Number(row.at(-1)));
    }
    expect(rows.find((r) => r[0] === 'carol')!.at(-2)).toBe('-10');
    expect(rows.find((r) => r[0] === 'dora')![1]).toBe('not submitted');
  });

  it('per-question scores after a late penalty always add up to the total', () => {
    const ctx = sampleContext();
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 9, maxLength: 9 }), fc.integer({ min: 0, max: 100 }), (fractions, percent) => {
        const parts = referenceParts().map((p, i) => ({ ...p, status: 'partial' as const, score: roundPoints(p.max * fractions[i]!) }));
        const r = resultOf('x', parts);
        const total = roundPoints(Math.max(0, r.score - (r.score * percent) / 100));
        const scores = questionScores(ctx.assignment, { ...r, total });
        expect(roundPoints(scores.reduce((a, b) => a + b, 0))).toBe(total);
        for (const s of scores) expect(s).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
