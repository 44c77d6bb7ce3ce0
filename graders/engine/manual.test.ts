import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { freshOutDir, SAMPLE_TEXT_PARTS, SCRIPT_ANSWER, sampleAssignment, sampleContext, sampleResults } from '../../tests/support/report-sample.ts';
import { exportReviewSheet } from '../report/review-sheet.ts';
import { applyManual, formatSheetError, loadManualSheet } from './manual.ts';

const assignment = sampleAssignment();
const results = sampleResults();
const students = results.map((r) => r.student);
const byId = (id: string) => results.find((r) => r.student === id)!;

function sheetFile(text: string): string {
  const file = path.join(freshOutDir('dlgrade-manual-'), 'review.yaml');
  writeFileSync(file, text);
  return file;
}

describe('exportReviewSheet', () => {
  const text = exportReviewSheet(sampleContext());
  const sheet = parse(text) as Record<string, Record<string, Record<string, unknown>>>;

  it('lists every pending answer with its rubric, points and an empty score', () => {
    expect(Object.keys(sheet)).toEqual(['alice', 'bob', 'carol']);
    for (const student of students) expect(Object.keys(sheet[student]!)).toEqual(Object.keys(SAMPLE_TEXT_PARTS));
    expect(sheet.alice?.['q4.3.explanation']).toMatchObject({ points: 10, rubric: 'gates control the flow; additive cell update', answer: 'The forget gate keeps the cell state.', score: null });
    expect(text).toMatch(/^ {4}score:$/m);
    expect(text).toMatch(/^# Manual review sheet for sample-hw/);
  });

  it('keeps hostile answers exactly as written', () => {
    expect(sheet.carol?.['q1.1.benefit']?.answer).toBe(SCRIPT_ANSWER);
  });

  it('reads back as a sheet with nothing scored yet', () => {
    const { scores, errors } = loadManualSheet(sheetFile(text), assignment, students);
    expect(errors).toEqual([]);
    expect(scores.size).toBe(0);
  });
});

describe('loadManualSheet + applyManual', () => {
  it('brings the reference result to 100 once the exported sheet is filled in', () => {
    const doc = parseDocument(exportReviewSheet(sampleContext()));
    for (const [partId, points] of Object.entries(SAMPLE_TEXT_PARTS)) doc.setIn(['alice', partId, 'score'], points);
    doc.setIn(['alice', 'q4.3.explanation', 'comment'], 'Clear and complete.');
    const { scores, errors } = loadManualSheet(sheetFile(doc.toString()), assignment, students);
    expect(errors).toEqual([]);
    const merged = applyManual(byId('alice'), scores, assignment);
    expect(merged).toMatchObject({ score: 100, max: 100, pendingPoints: 0, total: 100 });
    expect(merged.parts.filter((p) => p.kind === 'text').map((p) => p.status)).toEqual(['passed', 'passed', 'passed']);
    const explained = merged.parts.find((p) => p.partId === 'q4.3.explanation');
    expect(explained).toMatchObject({ feedback: 'Clear and complete.', manual: { comment: 'Clear and complete.' } });
    expect(explained && 'rubric' in explained).toBe(false);
    // Bob's answers were not scored: his result is unchanged.
    expect(applyManual(byId('bob'), scores, assignment)).toBe(byId('bob'));
  });

  it('accepts the shorthand, grades partial and zero scores, and leaves empty ones pending', () => {
    const file = sheetFile(['alice:', '  q1.1.benefit: 5', '  q2.4.generation: { score: 2.5, comment: "Decoding step missing." }', '  q4.3.explanation: 0', 'bob:', '  q1.1.benefit:', '    score:', ''].join('\n'));
    const { scores, errors } = loadManualSheet(file, assignment, students);
    expect(errors).toEqual([]);
    const merged = applyManual(byId('alice'), scores, assignment);
    expect(merged.parts.filter((p) => p.kind === 'text').map((p) => [p.status, p.score])).toEqual([
      ['passed', 5],
      ['partial', 2.5],
      ['failed', 0],
    ]);
    expect(merged).toMatchObject({ score: 87.5, max: 100, pendingPoints: 0, total: 87.5 });
    expect(scores.has('bob')).toBe(false);
  });

  it('recomputes the late penalty from the new score', () => {
    const carol = byId('carol');
    const file = sheetFile('carol: { q1.1.benefit: 5, q2.4.generation: 5, q4.3.explanation: 10 }\n');
    const merged = applyManual(carol, loadManualSheet(file, assignment, students).scores, assignment);
    expect(merged.score).toBe(carol.score + 20);
    expect(merged.late?.penaltyPercent).toBe(20);
    expect(merged.late?.penalty).toBeCloseTo(merged.score * 0.2, 9);
    expect(merged.total).toBeCloseTo(merged.score * 0.8, 9);
  });

  it('scores a part scored earlier by hand again', () => {
    const once = applyManual(byId('alice'), loadManualSheet(sheetFile('alice: { q1.1.benefit: 5 }\n'), assignment, students).scores, assignment);
    const twice = applyManual(once, loadManualSheet(sheetFile('alice: { q1.1.benefit: 1 }\n'), assignment, students).scores, assignment);
    expect(twice.parts.find((p) => p.partId === 'q1.1.benefit')).toMatchObject({ status: 'partial', score: 1 });
    expect(twice.score).toBe(81);
  });

  it('adds exactly the given points for any valid score', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), (s) => {
        const file = sheetFile(`alice:\n  q4.3.explanation: ${s}\n`);
        const { scores, errors } = loadManualSheet(file, assignment, students);
        const merged = applyManual(byId('alice'), scores, assignment);
        return errors.length === 0 && Math.abs(merged.score - (80 + s)) < 1e-6 && merged.pendingPoints === 10 && merged.max === 90;
      }),
      { numRuns: 30 },
    );
  });
});

describe('invalid sheets', () => {
  it('rejects the whole sheet and names the file, line and column of each error', () => {
    const lines = [
      'alice:',
      '  q1.1.benefit: 5', // valid, but must not be merged
      '  q2.4.generation: 6', // above the part's 5 points
      '  q4.3.explanation: -1',
      'bob:',
      '  q1.1.benefit: "five"',
      '  q1.1.params_5x5: 1', // auto-graded
      '  q9.9.nothing: 1',
      '  q2.4.generation: { score: 1, scroe: 2 }',
      'mallory:',
      '  q1.1.benefit: 1',
      '',
    ];
    const file = sheetFile(lines.join('\n'));
    const { scores, errors } = loadManualSheet(file, assignment, students);
    expect(scores.size).toBe(0);
    expect(errors.map((e) => [e.code, e.line, e.col])).toEqual([
      ['SCORE_OUT_OF_RANGE', 3, 20],
      ['SCORE_OUT_OF_RANGE', 4, 21],
      ['SCORE_NOT_NUMBER', 6, 17],
      ['NOT_MANUAL_PART', 7, 3],
      ['UNKNOWN_PART', 8, 3],
      ['UNKNOWN_KEY', 9, 32],
      ['UNKNOWN_STUDENT', 10, 1],
    ]);
    expect(formatSheetError(errors[0]!)).toBe(`${file}:3:20: alice q2.4.generation: score 6 is outside 0..5 (the part's points) [SCORE_OUT_OF_RANGE]`);
    expect(errors.every((e) => e.file === file)).toBe(true);
  });

  it('reports YAML syntax errors with their line', () => {
    const { scores, errors } = loadManualSheet(sheetFile('alice:\n  q1.1.benefit: 5\n  q2.4.generation: [1\n'), assignment, students);
    expect(scores.size).toBe(0);
    expect(errors[0]).toMatchObject({ code: 'SHEET_YAML' });
    expect(errors[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('rejects duplicate entries and sheets that are not maps', () => {
    expect(loadManualSheet(sheetFile('alice:\n  q1.1.benefit: 5\n  q1.1.benefit: 4\n'), assignment, students).errors[0]).toMatchObject({ code: 'SHEET_YAML', line: 3 });
    expect(loadManualSheet(sheetFile('- alice\n'), assignment, students).errors[0]).toMatchObject({ code: 'SHEET_SHAPE', line: 1 });
  });

  it('reports a sheet that cannot be read', () => {
    expect(loadManualSheet('/nonexistent/review.yaml', assignment, students).errors[0]).toMatchObject({ code: 'SHEET_UNREADABLE' });
  });
});
