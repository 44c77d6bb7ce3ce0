import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PART_STATUSES } from '../results/result.ts';
import type { ChoicePart, FormulaPart, NumberPart, PartSpec, TextPart, WeightsPart } from '../pack/types.ts';
import { choiceChecker } from './choice/check.ts';
import { formulaChecker } from './formula/check.ts';
import { numberChecker } from './number/check.ts';
import { textChecker } from './text/check.ts';
import type { Checker } from './types.ts';
import { weightsChecker } from './weights/check.ts';
import { contextFor } from '../../tests/support/check-context.ts';

const common = { points: 2, prompt: 'p', visibility: 'visible' as const };
const number: NumberPart = { ...common, id: 'q1.2.saving_2x2_percent', kind: 'number', solver: 'inception.saving2x2Percent', tolerance: 0.5, unit: 'percent', mistakes: [] };
const formula: FormulaPart = {
  ...common,
  id: 'q1.4.ratio_R_over_L',
  kind: 'formula',
  solver: 'inception.gridRatio',
  answer: '(2 + 8K^2 C0)/(1 + 2K^2 C0)',
  variables: { K: { type: 'integer', min: 1, max: 7 }, C0: { type: 'integer', min: 1, max: 512 } },
  tolerance: 1e-9,
  samples: 50,
  mistakes: [{ id: 'two', formula: '2', feedback: 'Only the channel doubling counted.', credit: 0 }],
};
const choice: ChoicePart = { ...common, id: 'q1.4.cheaper', kind: 'choice', options: ['L', 'R'], expected: 'L', mistakes: [] };
const weights: WeightsPart = {
  ...common,
  id: 'q4.4.weights',
  kind: 'weights',
  simulator: 'rnn.equalityRnn',
  target: 'rnn.equalityTarget',
  task: 'outputs y(t) = 1 iff x1(τ) = x2(τ) for all τ ≤ t',
  shapes: { W: [2, 2], b: [2], v: [2], c0: [], r: [], c: [] },
  inputs: { kind: 'sequences', streams: 2, exhaustiveMaxLength: 8, randomMaxLength: 64, randomCount: 100 },
  firstStepPoints: 1,
  mistakes: [{ id: 'no-memory', diagnostic: 'rnn.diag.noMemory', feedback: 'No memory.', credit: 0 }],
};
const text: TextPart = { ...common, id: 'q1.4.explanation', kind: 'text', rubric: 'L cheaper, L bottlenecked.' };

const cases: [string, PartSpec, Checker][] = [
  ['number', number, numberChecker as Checker],
  ['formula', formula, formulaChecker as Checker],
  ['choice', choice, choiceChecker as Checker],
  ['weights', weights, weightsChecker as Checker],
  ['text', text, textChecker as Checker],
];

const hostileText = fc.constantFrom('', ' ', '%', '1/0', '0/0', '1e999', '--1', 'NaN', 'constructor', '__proto__', 'import("fs")', 'x'.repeat(5000), '((((((((((', '1;2', 'F\nK', '\u0000', '🙂');
const numberish = fc.oneof(fc.double(), fc.integer(), fc.constant(Number.NaN), fc.constant(-0));
const weightsLike = fc.record({ W: fc.array(fc.array(numberish)), b: fc.array(numberish), v: fc.anything(), c0: numberish, r: fc.anything(), c: numberish }, { requiredKeys: [] });
const garbage = fc.oneof(fc.anything({ withNullPrototype: true, withObjectString: true }), fc.string(), hostileText, numberish, weightsLike);

describe.each(cases)('%s checker on any answer', (_, part, checker) => {
  it('should return a well-formed result and never throw', async () => {
    const ctx = contextFor(part.id);
    await fc.assert(
      fc.asyncProperty(garbage, async (answer) => {
        const r = await checker.check(part, answer, ctx);
        expect(PART_STATUSES).toContain(r.status);
        expect(r).toMatchObject({ partId: part.id, kind: part.kind, max: part.points, visibility: part.visibility, seed: ctx.seed });
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(part.points);
        expect(r.feedback.trim()).not.toBe('');
        if (r.status !== 'missing') expect(typeof r.answer).toBe('string');
      }),
      { numRuns: 150, seed: 77 },
    );
  });
});
