import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { resultOf, referenceParts, sampleContext } from '../../tests/support/report-sample.ts';
import { gradebookCsv, safeCell } from './csv.ts';

describe('grades.csv', () => {
  it('neutralises cells a spreadsheet would run as a formula, and leaves numbers alone', () => {
    for (const cell of ['=HYPERLINK("http://x")', '+1+cmd', '-2+3', '@SUM(A1)', '\tx']) expect(safeCell(cell)).toBe(`'${cell}`);
    for (const cell of ['-1.5', '+3', '2e-3', '12', 'alice', '']) expect(safeCell(cell)).toBe(cell);
  });

  it('writes one row per student, every text cell safe, control characters shown', () => {
    const ctx = sampleContext(undefined, [resultOf('=cmd|calc', referenceParts()), resultOf('bob\u001b[2J', referenceParts())]);
    const rows = parse(gradebookCsv(ctx)) as string[][];
    expect(rows.map((r) => r[0])).toEqual(['student', "'=cmd|calc", 'bob␛[2J']);
    expect(rows[1]!.at(-1)).toBe('80');
  });
});
