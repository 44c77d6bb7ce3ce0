import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PartResult } from '../../graders/results/result.ts';
import type { Assignment, PartSpec } from '../../graders/pack/types.ts';
import { loadAssignment } from '../../graders/pack/load.ts';
import { readAnswers } from '../../graders/submission/answers.ts';
import { choiceChecker } from '../../graders/checkers/choice/check.ts';
import { formulaChecker } from '../../graders/checkers/formula/check.ts';
import { numberChecker } from '../../graders/checkers/number/check.ts';
import { textChecker } from '../../graders/checkers/text/check.ts';
import type { Checker } from '../../graders/checkers/types.ts';
import { weightsChecker } from '../../graders/checkers/weights/check.ts';
import { contextFor } from '../../tests/support/check-context.ts';

const root = path.resolve(import.meta.dirname, '../..');
const CHECKERS: Partial<Record<PartSpec['kind'], Checker>> = {
  number: numberChecker as Checker,
  formula: formulaChecker as Checker,
  choice: choiceChecker as Checker,
  weights: weightsChecker as Checker,
  text: textChecker as Checker,
};

let assignment: Assignment;

beforeAll(async () => {
  const loaded = await loadAssignment(path.join(root, 'specs/dl-hw'));
  expect(loaded.errors).toEqual([]);
  assignment = loaded.assignment!;
});

/** The results of this file's checkers for one sample submission of the real pack. */
async function gradeSubmission(student: string): Promise<Map<string, PartResult>> {
  const file = await readAnswers(path.join(root, 'submissions/dl-hw', student), assignment);
  if (file.status !== 'ok') throw new Error(file.message);
  const results = new Map<string, PartResult>();
  for (const part of assignment.questions.flatMap((q) => q.parts)) {
    const checker = CHECKERS[part.kind];
    if (checker) results.set(part.id, await checker.check(part, file.answers.get(part.id), contextFor(part.id, student)));
  }
  return results;
}

describe('the dl-hw pack', () => {
  it('gives the reference submission full marks on every auto-graded part of these kinds', async () => {
    const results = await gradeSubmission('reference');
    expect(results.size).toBeGreaterThan(20);
    for (const r of results.values()) {
      if (r.kind === 'text') expect(r.status, r.partId).toBe('pending');
      else expect([r.partId, r.status, r.feedback]).toEqual([r.partId, 'passed', r.feedback]);
    }
  });

  it('grades the scanned answer sheet as the assessment of the scan says', async () => {
    const results = await gradeSubmission('sample-scan');
    const status = (id: string) => [results.get(id)?.status, results.get(id)?.mistake];
    expect(status('q1.1.params_5x5')).toEqual(['passed', undefined]);
    expect(status('q1.1.saving_limit_percent')).toEqual(['failed', 'wrong-percentage']);
    expect(status('q1.1.saving')).toEqual(['missing', undefined]);
    expect(status('q1.2.saving_2x2_percent')).toEqual(['passed', undefined]);
    expect(status('q1.3.cost_ratio')).toEqual(['passed', undefined]);
    expect(status('q1.3.exact_when')).toEqual(['passed', undefined]);
    expect(status('q1.4.ratio_R_over_L')).toEqual(['passed', undefined]);
    expect(status('q5.2.same_distribution')).toEqual(['passed', undefined]);
    const weights = results.get('q4.4.weights');
    expect(weights?.status).toBe('passed');
    expect(weights?.notes?.[0]).toMatch(/^Correct for g\(z\)=1 iff z>0 as stated/);
    expect(results.get('q4.1.explanation')?.status).toBe('pending');
  });
});
