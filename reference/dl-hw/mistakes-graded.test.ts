import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assignment, ChoicePart, FormulaPart, NumberPart } from '../../graders/pack/types.ts';
import { loadAssignment } from '../../graders/pack/load.ts';
import { choiceChecker } from '../../graders/checkers/choice/check.ts';
import { formulaChecker } from '../../graders/checkers/formula/check.ts';
import { numberChecker } from '../../graders/checkers/number/check.ts';
import { contextFor } from '../../tests/support/check-context.ts';

const root = path.resolve(import.meta.dirname, '../..');
let assignment: Assignment;

beforeAll(async () => {
  const loaded = await loadAssignment(path.join(root, 'specs/dl-hw'));
  expect(loaded.errors).toEqual([]);
  assignment = loaded.assignment!;
});

function partsOf<K extends 'formula' | 'number' | 'choice'>(kind: K): Extract<FormulaPart | NumberPart | ChoicePart, { kind: K }>[] {
  return assignment.questions.flatMap((q) => q.parts).filter((p) => p.kind === kind) as Extract<FormulaPart | NumberPart | ChoicePart, { kind: K }>[];
}

// Forms a student might write that differ in shape from the key but not in value.
const EQUIVALENT: Record<string, string[]> = {
  'q1.1.params_5x5': ['1 + 25F', '(50F + 2)/2', '5*5*F + 1'],
  'q1.1.params_two_3x3': ['2(9F + 1)', '9F + 1 + 9F + 1', '2 + 18 F'],
  'q1.1.saving': ['1 - (18F + 2)/(25F + 1)', '((25F + 1) - (18F + 2))/(25F + 1)', '(7F - 1)/(1 + 25F)'],
  'q1.3.cost_ratio': ['2n/n^2', '(n + n)/(n*n)', '2 * n^-1'],
  'q1.4.ratio_R_over_L': ['2(1 + 4K^2 C0)/(1 + 2K^2 C0)', '(392 C0 (1 + 4 K^2 C0))/(196 C0 (1 + 2 K^2 C0))', '4 - 2/(1 + 2 K^2 C0)'],
  'q2.2.kl_gaussians': [
    'log(s2) - log(s1) + (s1^2 + (mu1 - mu2)^2)/(2 s2^2) - 1/2',
    '1/2 (s1^2/s2^2 + (mu2 - mu1)^2/s2^2 - 1 + log(s2^2/s1^2))',
    'log(s2/s1) + s1^2/(2 s2^2) + (mu1 - mu2)^2/(2 s2^2) - 0.5',
  ],
};

describe('every formula part of the pack', () => {
  it('has equivalent forms listed here', () => {
    expect(Object.keys(EQUIVALENT).sort()).toEqual(partsOf('formula').map((p) => p.id).sort());
  });

  it.each(Object.entries(EQUIVALENT).flatMap(([id, forms]) => forms.map((f) => [id, f] as const)))('%s accepts %s', async (id, form) => {
    const part = partsOf('formula').find((p) => p.id === id)!;
    const r = await formulaChecker.check(part, form, contextFor(id));
    expect(r.status).toBe('passed');
    expect(r.score).toBe(part.points);
  });

  it('recognises each of its known mistakes, with the targeted feedback', async () => {
    for (const part of partsOf('formula')) {
      for (const m of part.mistakes) {
        const r = await formulaChecker.check(part, m.formula, contextFor(part.id));
        expect({ part: part.id, mistake: r.mistake, feedback: r.feedback }).toEqual({ part: part.id, mistake: m.id, feedback: expect.stringContaining(m.feedback) });
        expect(r.score).toBeCloseTo(part.points * m.credit, 9);
        // Credit 1 marks an alternative the key accepts (q1.4's "4, ignoring pooling").
        if (m.credit < 1) expect(r.score).toBeLessThan(part.points);
      }
    }
  });
});

describe('every number and choice part of the pack', () => {
  it('recognises each known mistake value, with the targeted feedback', async () => {
    for (const part of partsOf('number')) {
      for (const m of part.mistakes) {
        const r = await numberChecker.check(part, m.value, contextFor(part.id));
        expect({ part: part.id, mistake: r.mistake }).toEqual({ part: part.id, mistake: m.id });
        expect(r.feedback).toContain(m.feedback);
        expect(r.score).toBeLessThan(part.points);
      }
    }
    for (const part of partsOf('choice')) {
      for (const m of part.mistakes) {
        const r = await choiceChecker.check(part, m.value, contextFor(part.id));
        expect({ part: part.id, mistake: r.mistake }).toEqual({ part: part.id, mistake: m.id });
        expect(r.feedback).toContain(m.feedback);
      }
    }
  });

  it('states the accepted interval when a number is wrong', async () => {
    const part = partsOf('number').find((p) => p.id === 'q1.1.saving_limit_percent')!;
    const r = await numberChecker.check(part, 50, contextFor(part.id));
    expect(r.status).toBe('failed');
    expect(r.feedback).toMatch(/27\.5.*28\.5/);
  });
});
