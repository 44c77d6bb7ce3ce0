import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormulaPart } from '../pack/types.ts';
import { formulaChecker } from './formula.ts';
import { contextFor } from '../../tests/support/check-context.ts';

const F = { F: { type: 'integer' as const, min: 1, max: 1024 } };

const params5x5: FormulaPart = {
  id: 'q1.1.params_5x5',
  kind: 'formula',
  points: 1,
  prompt: 'Parameters of one 5x5 output filter over F input channels, with its bias',
  visibility: 'visible',
  solver: 'inception.params5x5',
  answer: '25F + 1',
  variables: F,
  tolerance: 1e-9,
  samples: 200,
  mistakes: [{ id: 'no-bias', formula: '25F', feedback: 'Each filter has one bias as well: 25F + 1.', credit: 0 }],
};

const saving: FormulaPart = {
  id: 'q1.1.saving',
  kind: 'formula',
  points: 2,
  prompt: 'Fraction of the 5x5 parameters saved',
  visibility: 'visible',
  solver: 'inception.saving',
  answer: '(7F - 1)/(25F + 1)',
  variables: F,
  tolerance: 1e-9,
  samples: 200,
  mistakes: [
    { id: 'remaining', formula: '(18F + 2)/(25F + 1)', feedback: '(18F+2)/(25F+1) is what remains; the saving is 1 minus it.', credit: 0 },
    {
      id: 'no-bias',
      formula: '7/25',
      feedback: "With biases the saving is (7F-1)/(25F+1), e.g. 27.92% at F = 64; 28% is the no-bias / large-F limit.",
      credit: 0.5,
    },
  ],
};

const costRatio: FormulaPart = {
  id: 'q1.3.cost_ratio',
  kind: 'formula',
  points: 2,
  prompt: 'Cost of 1xn then nx1 over the cost of nxn',
  visibility: 'visible',
  solver: 'inception.costRatio',
  answer: '2/n',
  variables: { n: { type: 'integer', min: 1, max: 64 } },
  tolerance: 1e-9,
  samples: 200,
  mistakes: [
    { id: 'inverted', formula: 'n/2', feedback: 'The factorized cost is 2n per channel pair vs n^2: ratio 2/n (it is cheaper).', credit: 0 },
    { id: 'one-conv', formula: '1/n', feedback: 'Both the 1xn and the nx1 layers cost n each: 2n/n^2 = 2/n.', credit: 0 },
    { id: 'saving', formula: '1 - 2/n', feedback: '1 - 2/n is the saving; the ratio asked is 2/n.', credit: 0 },
  ],
};

const gridRatio: FormulaPart = {
  id: 'q1.4.ratio_R_over_L',
  kind: 'formula',
  points: 3,
  prompt: 'Cost of the right design over the left one',
  visibility: 'visible',
  solver: 'inception.gridRatio',
  answer: '(2 + 8K^2 C0)/(1 + 2K^2 C0)',
  variables: { K: { type: 'integer', min: 1, max: 7 }, C0: { type: 'integer', min: 1, max: 512 } },
  tolerance: 1e-9,
  samples: 200,
  mistakes: [],
};

const klGaussians: FormulaPart = {
  id: 'q2.2.kl_gaussians',
  kind: 'formula',
  points: 4,
  prompt: 'KL(N(mu1, s1^2) || N(mu2, s2^2))',
  visibility: 'visible',
  solver: 'vae.klGaussians',
  answer: 'log(s2/s1) + (s1^2 + (mu1 - mu2)^2)/(2 s2^2) - 1/2',
  variables: {
    mu1: { type: 'real', min: -5, max: 5 },
    mu2: { type: 'real', min: -5, max: 5 },
    s1: { type: 'real', min: 0.1, max: 5 },
    s2: { type: 'real', min: 0.1, max: 5 },
  },
  tolerance: 1e-8,
  samples: 200,
  mistakes: [
    { id: 'divides-by-s1', formula: 'log(s2/s1) + (s1^2 + (mu1 - mu2)^2)/(2 s1^2) - 1/2', feedback: 'The quadratic term is (s1^2 + (mu1-mu2)^2)/(2 s2^2): the second distribution\'s variance.', credit: 0 },
    { id: 'reversed', formula: 'log(s1/s2) + (s2^2 + (mu1 - mu2)^2)/(2 s1^2) - 1/2', feedback: 'KL is not symmetric: the two directions give 0.413 and 1.129 for the test vector.', credit: 0 },
  ],
};

const grade = (part: FormulaPart, answer: unknown, student?: string) => formulaChecker.check(part, answer, contextFor(part.id, student));

describe('formulaChecker', () => {
  it.each(['25*F + 1', '1 + 25F', '(50F+2)/2', '25 F + 1', 'F*25 + 1', 'F(25) + 1', '(25F + 1) log(e)'])('accepts the equivalent form %s', async (answer) => {
    const r = await grade(params5x5, answer);
    expect(r.status, r.feedback).toBe('passed');
    expect(r.score).toBe(1);
    expect(r.checks?.[0]).toMatchObject({ ok: true, runs: 200 });
  });

  it.each(['(7F-1)/(25F+1)', '1 - (18F+2)/(25F+1)', '(7*F - 1) / (25*F + 1)'])('accepts the saving as %s', async (answer) => {
    expect((await grade(saving, answer)).status).toBe('passed');
  });

  it.each(['(2 + 8K^2 C0)/(1 + 2K^2 C0)', '2(1 + 4 K^2 C0)/(1 + 2 K^2 C0)', '4 - 2/(1 + 2K^2C0)'])('accepts the grid ratio as %s', async (answer) => {
    expect((await grade(gridRatio, answer)).status).toBe('passed');
  });

  it.each([
    'log(s2/s1) + (s1^2 + (mu1 - mu2)^2)/(2 s2^2) - 1/2',
    'log(s2) - log(s1) + (s1^2 + (mu1 - mu2)^2)/(2 s2^2) - 1/2',
    '(s1^2 + mu1^2 - 2 mu1 mu2 + mu2^2)/(2*s2^2) - 0.5 + log(s2) - log(s1)',
    '0.5 (s1/s2)^2 + (mu2 - mu1)^2 / (2 s2^2) - 1/2 - log(s1/s2)',
    '1/2 (log(s2^2) - log(s1^2) + (s1^2 + (mu1 - mu2)^2)/s2^2 - 1)',
  ])('accepts the KL rearranged as %s', async (answer) => {
    const r = await grade(klGaussians, answer);
    expect(r.status, r.feedback).toBe('passed');
  });

  it('accepts a number for a constant answer', async () => {
    const constant: FormulaPart = { ...params5x5, id: 'constant', solver: 'inception.receptiveField', mistakes: [] };
    expect((await formulaChecker.check(constant, 5, contextFor('constant'))).status).toBe('passed');
  });

  it('rejects an undeclared variable, naming it and the declared ones', async () => {
    const r = await grade(params5x5, '25x + 1');
    expect(r.status).toBe('invalid');
    expect(r.feedback).toContain('x');
    expect(r.feedback).toContain('declared: F');
    const two = await grade(gridRatio, '(2 + 8 k^2 C)/(1 + 2K^2 C0)');
    expect(two.feedback).toMatch(/uses k, C, which are not variables/);
  });

  it.each([
    [['25F + 1'], 'a list'],
    [{ f: '25F+1' }, 'a map'],
    [true, 'the boolean true'],
    ['sin(F)', 'the function sin is not allowed'],
    ['ln(F)', 'write log'],
    ['log(F, 2)', 'exactly one argument'],
    ['F = 25', 'an assignment'],
    ['[25, 1]', 'a matrix'],
    ['"25F+1"', 'finite numbers'],
    ['25F +', 'could not read the formula'],
    ['F!', 'operator'],
    ['F > 2', 'operator >'],
    ['F > 2 ? 1 : 0', 'conditional'],
    ['25 F + 1 cm', 'cm'],
    ['Infinity', 'finite numbers'],
  ])('rejects %j as invalid', async (answer, message) => {
    const r = await grade(params5x5, answer);
    expect(r.status).toBe('invalid');
    expect(r.score).toBe(0);
    expect(r.feedback.toLowerCase()).toContain(message.toLowerCase());
  });

  it.each([
    ['n/2', 'inverted'],
    ['1/n', 'one-conv'],
    ['(n - 2)/n', 'saving'],
  ])('recognises the known mistake %s', async (answer, id) => {
    const r = await grade(costRatio, answer);
    expect(r).toMatchObject({ status: 'failed', score: 0, mistake: id });
    expect(r.feedback).toBe(costRatio.mistakes.find((m) => m.id === id)!.feedback);
  });

  it('gives a known mistake its credit', async () => {
    const r = await grade(saving, '0.28');
    expect(r).toMatchObject({ status: 'partial', score: 1, mistake: 'no-bias' });
  });

  it('recognises the KL mistakes', async () => {
    expect((await grade(klGaussians, 'log(s2/s1) + (s1^2 + (mu1 - mu2)^2)/(2 s1^2) - 1/2')).mistake).toBe('divides-by-s1');
    expect((await grade(klGaussians, 'log(s1/s2) + (s2^2 + (mu2 - mu1)^2)/(2 s1^2) - 0.5')).mistake).toBe('reversed');
  });

  it('names a small point where a wrong formula differs, with both values', async () => {
    const r = await grade(saving, '(7F - 1)/(25F)');
    expect(r.status).toBe('failed');
    expect(r.feedback).toBe('At F = 1 your formula gives 0.24 but the correct value is 0.230769….');
    expect(r.counterexample).toMatchObject({ input: 'F = 1', actual: '0.24', expected: '0.230769…', hidden: false });
  });

  it('treats a non-finite student value as a mismatch where the reference is finite', async () => {
    const r = await grade(params5x5, '25F + 1 + log(F - 1)');
    expect(r.status).toBe('failed');
    expect(r.feedback).toMatch(/^At F = 1 your formula is not defined \(-Infinity\)/);
  });

  it('passes iff an affine formula a·F + b is 25F + 1', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant([25, 1] as const), fc.tuple(fc.integer({ min: -30, max: 30 }), fc.integer({ min: -30, max: 30 }))), async ([a, b]) => {
        const r = await grade(params5x5, `${a}F + ${b}`.replace('+ -', '- '));
        expect(r.status === 'passed').toBe(a === 25 && b === 1);
      }),
      { numRuns: 60, seed: 20240601 },
    );
  });

  it('gives identical results for the same seed', async () => {
    for (const answer of ['(7F - 1)/(25F)', '1 - (18F+2)/(25F+1)', '0.28']) {
      expect(await grade(saving, answer, 'same')).toStrictEqual(await grade(saving, answer, 'same'));
    }
    const kl = 'log(s2/s1) + (s1^2 + (mu1 + mu2)^2)/(2 s2^2) - 1/2';
    expect(await grade(klGaussians, kl, 'same')).toStrictEqual(await grade(klGaussians, kl, 'same'));
  });

  it.each([undefined, null, ''])('reports %j as missing', async (answer) => {
    expect(await grade(params5x5, answer)).toMatchObject({ status: 'missing', feedback: 'No answer for q1.1.params_5x5 in answers.yaml.' });
  });
});
