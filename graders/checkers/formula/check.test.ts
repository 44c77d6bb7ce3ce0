import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormulaPart } from '../../pack/types.ts';
import { PART_STATUSES } from '../../results/result.ts';
import { formulaChecker, type FormulaCheckPart } from './check.ts';
import { contextFor } from '../../../tests/support/check-context.ts';

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
    // F takes 1024 integer values: every one of them is checked.
    expect(r.checks?.[0]).toMatchObject({ name: 'all 1024 points', ok: true, runs: 1024 });
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
    ['log(F, 2)', 'exactly one argument'],
    ['F = 25', 'an assignment'],
    ['[25, 1]', 'commas only separate the arguments'],
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

  it('samples both formulas along each variable through the counterexample, for a plot', async () => {
    const r = await grade(saving, '(7F - 1)/(25F)');
    const [curve, ...others] = r.counterexample?.curves ?? [];
    expect(others).toEqual([]);
    expect(curve).toMatchObject({ variable: 'F', at: 1 });
    const { x, expected, actual } = curve!;
    expect(x).toContain(1);
    expect(x).toEqual([...x].sort((a, b) => a - b));
    expect(x.every((v) => Number.isInteger(v) && v >= 1 && v <= 1024)).toBe(true);
    x.forEach((F, i) => {
      expect(expected[i]).toBeCloseTo((7 * F - 1) / (25 * F + 1), 6);
      expect(actual[i]).toBeCloseTo((7 * F - 1) / (25 * F), 6);
    });
  });

  it('holds the other variables at the counterexample and marks where a formula is undefined', async () => {
    const r = await grade(klGaussians, 'log(s1/s2) + (s2^2 + (mu1 - mu2)^2)/(2 s1^2) - 1/2 + log(mu1 - mu2)');
    const curves = r.counterexample?.curves ?? [];
    expect(curves.map((c) => c.variable)).toEqual(['mu1', 'mu2', 's1', 's2']);
    for (const c of curves) {
      expect(c.x).toContain(c.at);
      expect(c.x.every((v) => v >= klGaussians.variables[c.variable]!.min && v <= klGaussians.variables[c.variable]!.max)).toBe(true);
    }
    // log(mu1 - mu2) is undefined wherever mu1 ≤ mu2: those samples of the student's curve are null.
    const mu1 = curves[0]!;
    const mu2At = Number(/mu2 = (-?[\d.e-]+)/.exec(r.counterexample!.input)![1]);
    mu1.x.forEach((v, i) => expect(mu1.actual[i] === null).toBe(v <= mu2At));
  });

  it('gives a known mistake a counterexample with its curves too', async () => {
    const r = await grade(saving, '0.28');
    expect(r.status).toBe('partial');
    expect(r.counterexample?.curves?.[0]?.variable).toBe('F');
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

  describe('as students type formulas', () => {
    it.each([
      ['25·F + 1', '25*F + 1'],
      ['25 × F + 1', '25 * F + 1'],
      ['25⋅F + 1', '25*F + 1'],
      ['(50F + 2) ÷ 2', '(50F + 2) / 2'],
      ['25F − (−1)', '25F - (-1)'],
      ['[25F + 1]', '(25F + 1)'],
      ['{25F + 1}', '(25F + 1)'],
      ['(F² · 25 + F)/F', '(F^2 * 25 + F)/F'],
      ['(F**2*25 + F)/F', '(F^2*25 + F)/F'],
      ['log(exp(25F)) + 1', undefined],
      ['ln(exp(25F)) + 1', 'log(exp(25F)) + 1'],
      ['25F + ln e', '25F + log(e)'],
      ['25F + 1\n', undefined],
      ['25F\n+ 1\n', undefined],
      ['|25F + 1|', 'abs(25F + 1)'],
      ['25F + √1', '25F + sqrt(1)'],
    ])('accepts %j, read as %j', async (typed, reading) => {
      const r = await grade(params5x5, typed);
      expect(r.status, r.feedback).toBe('passed');
      if (reading === undefined) expect(r.feedback).toBe('Correct: your formula agrees with the reference at every sampled point.');
      else expect(r.feedback).toBe(`Correct: your formula agrees with the reference at every sampled point. (Read as ${reading}.)`);
    });

    it.each([
      ['8C0K^2 + 2 over 2K²C₀ + 1', '(2 + 8C0K^2)/(1 + 2K^2C0)', '(2 + 8 C0*K^2)/(1 + 2K^2C0)'],
      ['superscripts and subscripts', '(2 + 8K²C₀)/(1 + 2K²C_0)', '(2 + 8K^2 C0)/(1 + 2K^2 C0)'],
      ['braced subscripts', '(2 + 8 K^2 C_{0})/(1 + 2 K^2 C_{0})', '(2 + 8 K^2 C0)/(1 + 2 K^2 C0)'],
    ])('accepts the grid ratio with %s', async (_, typed, reading) => {
      const r = await grade(gridRatio, typed);
      expect(r.status, r.feedback).toBe('passed');
      expect(r.feedback).toContain(`(Read as ${reading}.)`);
    });

    it.each([
      'log(σ_2/σ_1) + (σ_1² + (μ_1 − μ_2)²)/(2σ_2²) − 1/2',
      'log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2 σ₂²) − ½'.replace('½', '1/2'),
      'ln(s_2) − ln(s_1) + [s_1² + (mu_1 − mu_2)²] ÷ [2·s_2²] − 0.5',
      'log(\\sigma_2/\\sigma_1) + (\\sigma_1^2 + (\\mu_1 - \\mu_2)^2)/(2\\sigma_2^2) - 1/2',
      'log(s2/s1) + (s1**2 + (mu1 - mu2)**2)/(2*s2**2) - 1/2',
    ])('accepts the KL typed as %s', async (typed) => {
      const r = await grade(klGaussians, typed);
      expect(r.status, r.feedback).toBe('passed');
    });

    it('refuses a division followed by juxtaposition, showing both readings', async () => {
      const r = await grade(costRatio, '1/2n');
      expect(r.status).toBe('invalid');
      expect(r.feedback).toBe('"/2n" at column 2 is ambiguous: it could mean (…/2)·n or …/(2n); add parentheses to say which.');
      expect((await grade(costRatio, '2/(n)')).status).toBe('passed');
      expect((await grade(costRatio, '1/2 n')).status).toBe('failed');
    });

    it('refuses a run of letters that splits into declared names in two ways', async () => {
      const part: FormulaPart = { ...gridRatio, variables: { K: gridRatio.variables.K!, C: { type: 'integer', min: 1, max: 4 }, KC: { type: 'integer', min: 1, max: 4 } }, mistakes: [] };
      expect((await grade(part, '2KC + 1')).status).not.toBe('invalid');
      const r = await grade(part, '2KCC + 1');
      expect(r.status).toBe('invalid');
      expect(r.feedback).toBe('"KCC" at column 2 is ambiguous: it reads as K·C·C or as KC·C; write the multiplications with * to say which.');
    });

    it('names a character outside the syntax instead of calling it a variable', async () => {
      const r = await grade(params5x5, '25F ⊕ 1');
      expect(r.status).toBe('invalid');
      expect(r.feedback).toMatch(/^The character "⊕" \(U\+2295\) at column 5 is not part of the formula syntax/);
      expect(r.feedback).not.toMatch(/variable/);
    });

    it('shows the reading when a rewritten formula is wrong', async () => {
      const r = await grade(params5x5, '25·F');
      expect(r).toMatchObject({ status: 'failed', mistake: 'no-bias' });
      const wrong = await grade(params5x5, '24·F + 1');
      expect(wrong.feedback).toBe('At F = 1 your formula gives 25 but the correct value is 26. (Read as 24*F + 1.)');
    });

    it('says how the tolerance is applied, as the comparison applies it', async () => {
      const r = await grade(params5x5, '25F + 1');
      expect(r.expected).toBe('any formula equal to the reference at all 1024 points (F an integer in [1, 1024]; tolerance 1e-9 × max(1, |value|))');
      // 1e-9 × max(1, |value|): off by 1e-10 absolute near 0 passes, off by 1e-9·|value| twice over fails.
      const near: FormulaPart = { ...params5x5, tolerance: 1e-3, mistakes: [] };
      expect((await grade(near, '25F + 1 + 0.0009 (25F + 1)')).status).toBe('passed');
      expect((await grade(near, '25F + 1 + 0.0011 (25F + 1)')).status).toBe('failed');
    });
  });

  describe('where it looks', () => {
    // Zero except at F = 700, where it is 1: a formula wrong at one point of 1024.
    const spike = (at: number) => `((1 - abs(F - ${at})) + abs(1 - abs(F - ${at})))/2`;

    it('checks every point of a small integer domain, and names the one where a formula is wrong', async () => {
      const r = await grade(params5x5, `25F + 1 + ${spike(700)}`);
      expect(r.status).toBe('failed');
      expect(r.feedback).toBe('At F = 700 your formula gives 17502 but the correct value is 17501.');
      expect(r.checks?.[0]).toMatchObject({ name: 'all 1024 points', ok: false, runs: 700 });
    });

    it('finds a formula wrong only near a corner of a real domain', async () => {
      const hat = (x: string) => `((1 - abs(${x})*1e6) + abs(1 - abs(${x})*1e6))/2`;
      const r = await grade(klGaussians, `${klGaussians.answer} + ${hat('mu1 - 5')}*${hat('mu2 + 5')}*${hat('s1 - 5')}*${hat('s2 - 5')}`);
      expect(r.status).toBe('failed');
      expect(r.counterexample?.input).toBe('mu1 = 5, mu2 = -5, s1 = 5, s2 = 5');
    });

    it('samples a large domain at random points with its bounds', async () => {
      const wide: FormulaPart = { ...params5x5, variables: { F: { type: 'integer', min: 1, max: 1_000_000 } }, mistakes: [] };
      const r = await grade(wide, '25F + 1');
      expect(r.checks?.[0]).toMatchObject({ name: '200 random points and 2 bounds', ok: true, runs: 202 });
      expect(r.expected).toMatch(/^any formula equal to the reference at 200 random points, bounds included/);
    });

    it('evaluates beyond float64 where float64 overflows', async () => {
      const shipped: FormulaPart = { ...params5x5, variables: { F: { type: 'integer', min: 1, max: 512 } } };
      for (const answer of ['log(exp(25F + 1))', 'log(exp(F)^25) + 1', '25 F^100000/F^99999 + 1', 'log(exp(25F+1)/exp(25F)) * (25F + 1)']) {
        const r = await grade(shipped, answer);
        expect(r.status, `${answer}: ${r.feedback}`).toBe('passed');
      }
      const wrong = await grade(shipped, 'log(exp(25F + 2))');
      expect(wrong.feedback).toBe('At F = 1 your formula gives 27 but the correct value is 26.');
    });

    it('bounds the decimal retries of a formula made of overflows', async () => {
      const started = performance.now();
      const r = await grade(params5x5, Array.from({ length: 40 }, () => 'log(exp(25F + 1))').join(' + ') + ' - 39(25F + 1)');
      // 40 × 1024 retries do not fit the budget: the formula is graded (not hung), on what fits.
      expect(['passed', 'failed']).toContain(r.status);
      expect(performance.now() - started).toBeLessThan(8_000);
    });
  });

  describe('on hostile formulas', () => {
    it('grades a 12,000-term sum without running out of stack', async () => {
      const terms = Array.from({ length: 12_000 }, () => 'F/480').join(' + ');
      const started = performance.now();
      const r = await grade(params5x5, `${terms} + 1`);
      expect(r.status, r.feedback.slice(0, 200)).toBe('passed');
      expect(performance.now() - started).toBeLessThan(15_000);
    });

    it.each([
      ['150 nested brackets', `${'('.repeat(150)}F${')'.repeat(150)}`, /nests brackets more than 100 deep/],
      ['20,000 nested brackets', `${'('.repeat(20_000)}F${')'.repeat(20_000)}`, /nests brackets more than 100 deep/],
      ['10,000 signs', `${'-'.repeat(10_000)}F`, /more than 100 signs in a row/],
      ['a chain of 5,000 powers', `F${'^1'.repeat(5_000)}`, /more than 100 chained powers/],
      ['200,000 characters', `${'F + '.repeat(50_000)}1`, /200001 characters long; at most 100000 are read/],
      ['nested calls', `${'log('.repeat(120)}F${')'.repeat(120)}`, /nests brackets more than 100 deep/],
    ])('refuses %s as invalid, saying why', async (_, answer, message) => {
      const r = await grade(params5x5, answer);
      expect(r.status).toBe('invalid');
      expect(r.feedback).toMatch(new RegExp(message.source, 'i'));
    });

    it('reads nesting just under the limits', async () => {
      expect((await grade(params5x5, `${'('.repeat(99)}25F + 1${')'.repeat(99)}`)).status).toBe('passed');
      expect((await grade(params5x5, `${'-'.repeat(100)}(25F + 1)`)).status).toBe('passed');
    });

    it('gives up on a huge exponent without hanging', async () => {
      const started = performance.now();
      for (const answer of ['F^(10^400)', 'exp(exp(exp(F)))', '(25F + 1) F^(10^20) / F^(10^20)', '2^2^2^2^2^2']) {
        const r = await grade(params5x5, answer);
        expect(['failed', 'passed']).toContain(r.status);
      }
      expect(performance.now() - started).toBeLessThan(10_000);
    });

    it('never throws, and always returns a status, on any text', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: fc.constantFrom(...'F25+-*/^()[]{}|·×÷−²³₀_σμ ln log exp,.e\\'.split('')), maxLength: 30 })), async (text) => {
          const r = await grade(params5x5, text);
          expect(PART_STATUSES).toContain(r.status);
          expect(typeof r.feedback).toBe('string');
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('relations', () => {
    const withRelation = (relation: FormulaCheckPart['relation']): FormulaCheckPart => ({ ...params5x5, relation, mistakes: [] });

    it.each([
      ['up-to-constant', ['25F', '25F + 1', '25(F - 3)', '(50F + 7)/2'], ['26F', '25F + 1/F', '5F^2']],
      ['up-to-scale', ['25F + 1', '50F + 2', '-(25F + 1)', '(25F+1)/1000'], ['0', '25F', '(25F + 1)^2', '25F + 2']],
      ['less-equal', ['25F + 1', '25F', '0', '-F^2'], ['25F + 2', '26F']],
      ['greater-equal', ['25F + 1', '26F', 'F^2 + 25F + 1'], ['25F', '0']],
    ] as const)('checks %s', async (relation, right, wrong) => {
      for (const answer of right) expect((await grade(withRelation(relation), answer)).status, `${relation} ${answer}`).toBe('passed');
      for (const answer of wrong) {
        const r = await grade(withRelation(relation), answer);
        expect(r.status, `${relation} ${answer}`).toBe('failed');
        expect(r.counterexample?.input).toMatch(/^F = \d+$/);
      }
    });

    it('names both points when the constant changes', async () => {
      const r = await grade(withRelation('up-to-constant'), '26F');
      expect(r.feedback).toBe('Your formula minus the correct one is 0 at F = 1 but 1 at F = 2: the two do not differ by a constant.');
      expect(r.expected).toMatch(/^any formula equal to the reference up to an added constant at all 1024 points/);
    });

    it('never accepts 0 up to scale', async () => {
      const r = await grade(withRelation('up-to-scale'), '0');
      expect(r.feedback).toBe('At F = 1 your formula gives 0 where the correct value is 26: up to a factor means a non-zero multiple of the reference.');
    });

    it('matches known mistakes under the same relation', async () => {
      const part: FormulaCheckPart = { ...params5x5, relation: 'up-to-constant', mistakes: [{ id: 'one-less', formula: '24F', feedback: 'One channel short.', credit: 0 }] };
      expect(await grade(part, '25F + 17')).toMatchObject({ status: 'passed' });
      expect(await grade(part, '24F - 3')).toMatchObject({ status: 'failed', mistake: 'one-less', feedback: 'One channel short.' });
      expect((await grade(part, '23F')).mistake).toBeUndefined();
    });
  });
});
