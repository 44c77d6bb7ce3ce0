import { describe, expect, it } from 'vitest';
import type { NumberPart } from '../../pack/types.ts';
import { numberChecker } from './check.ts';
import { contextFor } from '../../../tests/support/check-context.ts';

const savingLimit: NumberPart = {
  id: 'q1.1.saving_limit_percent',
  kind: 'number',
  points: 1,
  prompt: 'Limit of the saving for large F, in percent',
  visibility: 'visible',
  solver: 'inception.savingLimitPercent',
  tolerance: 0.5,
  unit: 'percent',
  mistakes: [
    { id: 'eighty', value: 80, feedback: 'Your counts 18F+2 vs 25F+1 are right. The saving is (7F-1)/(25F+1), about 28%, not 80%.', credit: 0 },
    { id: 'remaining', value: 72, feedback: '18/25 = 72% is what remains; the saving is 1 - 18/25 = 28%.', credit: 0 },
    { id: 'new-cost', value: 38.9, tolerance: 0.6, feedback: 'The 5x5 costs 38.9% more than the stack, but relative to the 5x5 the stack saves 7/25 = 28%.', credit: 0 },
  ],
};

const saving2x2: NumberPart = {
  id: 'q1.2.saving_2x2_percent',
  kind: 'number',
  points: 2,
  prompt: 'Saving of two 2x2 layers over one 3x3, in percent',
  visibility: 'visible',
  solver: 'inception.saving2x2Percent',
  tolerance: 0.5,
  unit: 'percent',
  mistakes: [
    { id: 'single-2x2', value: 55.6, feedback: 'You need two 2x2 layers to cover a 3x3 receptive field: 8 vs 9, an 11% saving.', credit: 0 },
    { id: 'new-cost', value: 12.5, feedback: 'Express the saving relative to the original 3x3: 1/9 and 1/3.', credit: 0.5 },
  ],
};

const receptiveField: NumberPart = {
  id: 'q1.1.receptive_field',
  kind: 'number',
  points: 1,
  prompt: 'Receptive field (pixels per side) of two stacked 3x3 convolutions',
  visibility: 'visible',
  solver: 'inception.receptiveField',
  tolerance: 0,
  mistakes: [{ id: 'six', value: 6, feedback: 'Two stacked 3x3 convs see 3 + (3-1) = 5 pixels per side: 5x5.', credit: 0 }],
};

const grade = (part: NumberPart, answer: unknown) => numberChecker.check(part, answer, contextFor(part.id));

describe('numberChecker', () => {
  it.each([28, '28', '28%', ' 28 % ', '27.6', 28.4, '7/25', '0.28e2'])('accepts %j for a 28%% answer', async (answer) => {
    const r = await grade(savingLimit, answer);
    expect(r).toMatchObject({ status: 'passed', score: 1, max: 1, partId: savingLimit.id, kind: 'number', visibility: 'visible' });
    expect(r.expected).toBe('accepted: 27.5 to 28.5 (%)');
  });

  it('reads a fraction as a ratio for a percentage part and says so', async () => {
    const r = await grade(saving2x2, '1/9');
    expect(r.status).toBe('passed');
    expect(r.feedback).toContain('read as a ratio');
    expect(r.answer).toContain('11.1111%');
  });

  it('reads a fraction above 1 as a percentage already', async () => {
    expect((await grade(saving2x2, '100/9')).status).toBe('passed');
  });

  it('accepts a fraction for a plain number and trims spaces', async () => {
    expect((await grade(receptiveField, ' 5 ')).status).toBe('passed');
    expect((await grade(receptiveField, '10/2')).status).toBe('passed');
  });

  it.each([
    ['five', 'the text "five"'],
    [[28], 'a list'],
    [{ value: 28 }, 'a map'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    ['1/0', 'no finite value'],
    [true, 'the boolean true'],
  ])('rejects %j as invalid', async (answer, found) => {
    const r = await grade(savingLimit, answer);
    expect(r.status).toBe('invalid');
    expect(r.score).toBe(0);
    expect(r.feedback).toContain(found);
  });

  it('says what a number looks like when the answer is not one', async () => {
    const r = await grade(savingLimit, 'five');
    expect(r.feedback).toBe('expected a number (e.g. 28 or "28%"), found the text "five".');
  });

  it('rejects a percent sign where the answer is not a percentage', async () => {
    const r = await grade(receptiveField, '5%');
    expect(r.status).toBe('invalid');
  });

  it('matches known mistakes in order, with their own tolerance', async () => {
    expect(await grade(savingLimit, 80)).toMatchObject({ status: 'failed', score: 0, mistake: 'eighty', feedback: savingLimit.mistakes[0]!.feedback });
    expect(await grade(savingLimit, '72%')).toMatchObject({ status: 'failed', mistake: 'remaining' });
    expect(await grade(savingLimit, 39.4)).toMatchObject({ status: 'failed', mistake: 'new-cost' });
    expect(await grade(receptiveField, 6)).toMatchObject({ status: 'failed', mistake: 'six' });
  });

  it('gives a mistake its partial credit', async () => {
    const r = await grade(saving2x2, '1/8');
    expect(r).toMatchObject({ status: 'partial', score: 1, mistake: 'new-cost' });
  });

  it('states the accepted interval when failing', async () => {
    const r = await grade(savingLimit, 30);
    expect(r.status).toBe('failed');
    expect(r.feedback).toContain('accepted: 27.5 to 28.5 (%)');
    expect(r.mistake).toBeUndefined();
    const exact = await grade(receptiveField, 4.9);
    expect(exact.feedback).toContain('accepted: 5');
  });

  it('hints at the unit when a fraction was written for a percentage', async () => {
    const r = await grade(savingLimit, 0.28);
    expect(r.status).toBe('failed');
    expect(r.feedback).toContain('read in percent');
  });

  it.each([undefined, null, '   '])('reports %j as missing', async (answer) => {
    const r = await grade(savingLimit, answer);
    expect(r).toMatchObject({ status: 'missing', score: 0, feedback: 'No answer for q1.1.saving_limit_percent in answers.yaml.' });
    expect(r.answer).toBeUndefined();
  });

  it('carries the seed of the context', async () => {
    const ctx = contextFor(savingLimit.id, 'someone');
    expect((await numberChecker.check(savingLimit, 28, ctx)).seed).toBe(ctx.seed);
  });
});
