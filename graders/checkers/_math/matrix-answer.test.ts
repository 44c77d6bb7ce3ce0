import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeMatrixAnswer, readMatrixAnswer } from './matrix-answer.ts';
import { tensor } from './tensor-ops.ts';

const M = tensor(2, 3, [1, 2, 3, 4, 5, 1 / 3]);
const v = tensor(3, 1, [0.5, -1, 2]);

describe('matrix answers', () => {
  it.each([
    [[[1, 2, 3], [4, 5, 0.3333333333]]],
    ['[[1, 2, 3], [4, 5, 1/3]]'],
    ['[1 2 3; 4 5 1/3]'],
    ['1, 2, 3; 4, 5, 0.33333333333'],
    [[['1', '2', '3'], ['4', '5', '1/3']]],
  ])('accepts the matrix written as %j', (answer) => {
    expect(gradeMatrixAnswer(answer, M, { shape: [2, 3] })).toMatchObject({ status: 'passed', fraction: 1 });
  });

  it.each([[[0.5, -1, 2]], ['[0.5, −1, 2]'], ['(0.5, -1, 2)'], [[[0.5], [-1], [2]]], ['1/2; -1; 2']])('accepts the vector written as %j', (answer) => {
    expect(gradeMatrixAnswer(answer, v, { shape: [3] })).toMatchObject({ status: 'passed' });
  });

  it('names the wrong entries and gives per-entry credit when asked', () => {
    const answer = [[1, 2, 3], [4, 6, 0.5]];
    expect(gradeMatrixAnswer(answer, M, { shape: [2, 3] })).toMatchObject({
      status: 'failed',
      fraction: 0,
      feedback: '2 of 6 entries are wrong: entry (2, 2) is 6, expected 5; entry (2, 3) is 0.5, expected 0.333333….',
    });
    expect(gradeMatrixAnswer(answer, M, { shape: [2, 3], partial: true })).toMatchObject({ status: 'partial', fraction: 4 / 6, right: 4 });
  });

  it('applies the absolute and relative tolerance per entry', () => {
    expect(gradeMatrixAnswer([0.51, -1, 2], v, { shape: [3], tolerance: { absolute: 0.01 } }).status).toBe('passed');
    expect(gradeMatrixAnswer([0.52, -1, 2], v, { shape: [3], tolerance: { absolute: 0.01 } }).status).toBe('failed');
    expect(gradeMatrixAnswer([0.5, -1, 2.1], v, { shape: [3], tolerance: { relative: 0.05 } }).status).toBe('passed');
  });

  it.each([
    [[[1, 2], [3, 4], [5, 6]], 'Expected a 2×3 matrix (2 rows of 3 numbers), found 3 rows.'],
    [[[1, 2, 3], [4, 5]], 'Expected a 2×3 matrix (2 rows of 3 numbers), but row 2 has 2 entries.'],
    [[[1, 2, 3], [4, 'x', 6]], 'Entry (2, 2): expected a number (e.g. 28 or "1/9"), found the text "x".'],
    ['[[1, 2, 3], [4, 5', /^Could not read "\[\[1, 2, 3\], \[4, 5" as a 2×3 matrix/],
    [42, 'Expected a 2×3 matrix (2 rows of 3 numbers), written as [[1, 2, ...], [3, 4, ...], ...] (one list per row); found the number 42.'],
  ])('refuses %j as invalid', (answer, feedback) => {
    const r = gradeMatrixAnswer(answer, M, { shape: [2, 3] });
    expect(r.status).toBe('invalid');
    if (typeof feedback === 'string') expect(r.feedback).toBe(feedback);
    else expect(r.feedback).toMatch(feedback);
  });

  it('should score the fraction of entries within tolerance', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (flips) => {
        const answer = Array.from(M.data, (x, k) => (flips[k] ? x + 1 : x));
        const rows = [answer.slice(0, 3), answer.slice(3)];
        const r = gradeMatrixAnswer(rows, M, { shape: [2, 3], partial: true });
        const right = flips.filter((f) => !f).length;
        expect(r.right).toBe(right);
        expect(r.fraction).toBeCloseTo(right / 6, 12);
        expect(r.status).toBe(right === 6 ? 'passed' : right === 0 ? 'failed' : 'partial');
      }),
    );
  });

  it('reads a matrix behind an unknown YAML tag without a warning on the grader\'s stderr', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      expect(gradeMatrixAnswer('!w [[1, 2, 3], [4, 5, 1/3]]', M, { shape: [2, 3] })).toMatchObject({ status: 'passed', fraction: 1 });
      // Node emits warnings on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  it('should never throw on garbage', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string({ unit: fc.constantFrom(...'[]();, 12-/.ex'.split('')) })), (answer) => {
        expect(['passed', 'partial', 'failed', 'invalid']).toContain(gradeMatrixAnswer(answer, M, { shape: [2, 3] }).status);
        expect(typeof readMatrixAnswer(answer, [3]).ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
