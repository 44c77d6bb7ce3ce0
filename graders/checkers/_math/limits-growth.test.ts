import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGrowth, compareGrowth, logOfFormula, logOfSolver, readGrowth } from './growth.ts';
import { checkLimit, estimateLimit, readLimitAnswer, type LimitQuestion } from './limits.ts';

describe('limits', () => {
  it.each([
    ['(7F - 1)/(25F + 1), F → ∞', (x: number) => (7 * x - 1) / (25 * x + 1), { to: 'inf' }, 0.28],
    ['(1 + 1/x)^x, x → ∞', (x: number) => (1 + 1 / x) ** x, { to: 'inf' }, Math.E],
    ['sqrt(x^2 + x) - x, x → ∞', (x: number) => Math.sqrt(x * x + x) - x, { to: 'inf' }, 0.5],
    ['(1 - cos x)/x^2, x → 0', (x: number) => (1 - Math.cos(x)) / x ** 2, { to: 0 }, 0.5],
    ['sin(x)/x, x → 0', (x: number) => Math.sin(x) / x, { to: 0 }, 1],
    ['x log x, x → 0⁺', (x: number) => x * Math.log(x), { to: 0, side: 'right' }, 0],
  ] as const)('estimates %s', (_, f, q, value) => {
    const v = estimateLimit(f, q);
    expect(v.kind).toBe('finite');
    if (v.kind === 'finite') expect(Math.abs(v.value - value)).toBeLessThan(1e-6);
  });

  it.each([
    ['log x', Math.log, { to: 'inf' }, 'inf'],
    ['exp x', Math.exp, { to: 'inf' }, 'inf'],
    ['-x^2', (x: number) => -x * x, { to: 'inf' }, '-inf'],
    ['sin x at ∞', Math.sin, { to: 'inf' }, 'none'],
    ['1/x at 0', (x: number) => 1 / x, { to: 0 }, 'none'],
    ['1/x at 0⁺', (x: number) => 1 / x, { to: 0, side: 'right' }, 'inf'],
    ['1/x at 0⁻', (x: number) => 1 / x, { to: 0, side: 'left' }, '-inf'],
    ['|x|/x at 0', (x: number) => Math.abs(x) / x, { to: 0 }, 'none'],
  ] as const)('tells %s apart', (_, f, q, kind) => {
    expect(estimateLimit(f, q).kind).toBe(kind);
  });

  const ratio: LimitQuestion = { variable: 'C0', to: 'inf', others: { K: { type: 'integer', min: 1, max: 7 } } };
  const gridRatio = (p: Record<string, number>) => (2 + 8 * p.K! ** 2 * p.C0!) / (1 + 2 * p.K! ** 2 * p.C0!);
  const check = (q: LimitQuestion, reference: (p: Record<string, number>) => number, answer: unknown) => {
    const a = readLimitAnswer(answer, q);
    if (!a.ok) throw new Error(a.problem);
    return checkLimit({ question: q, reference, answer: a, samples: 50, seed: 9, tolerance: 1e-6 });
  };

  it('accepts the limit as a number or a formula, in several forms', () => {
    for (const answer of [4, '4', '8/2', '8K^2/(2K^2)', '4.0000000001']) expect(check(ratio, gridRatio, answer), String(answer)).toMatchObject({ ok: true });
    const saving: LimitQuestion = { variable: 'F', to: 'inf', others: {} };
    for (const answer of ['7/25', 0.28, '28/100']) expect(check(saving, (p) => (7 * p.F! - 1) / (25 * p.F! + 1), answer)).toMatchObject({ ok: true });
  });

  it('gives a counterexample for a wrong limit', () => {
    expect(check(ratio, gridRatio, '2')).toMatchObject({ ok: false, feedback: 'As C0 → ∞ at K = 1, the expression tends to 4, not 2.' });
    const depends: LimitQuestion = { variable: 'n', to: 'inf', others: { a: { type: 'integer', min: 1, max: 9 } } };
    const v = check(depends, (p) => (p.a! * p.n! + 1) / (p.n! + 2), '1 + a/2');
    expect(v).toMatchObject({ ok: false, feedback: 'As n → ∞ at a = 1, the expression tends to 1, not 1.5.' });
    expect(check(depends, (p) => (p.a! * p.n! + 1) / (p.n! + 2), 'a')).toMatchObject({ ok: true });
  });

  it('checks infinite and missing limits', () => {
    const q: LimitQuestion = { variable: 'x', to: 'inf', others: {} };
    expect(check(q, (p) => Math.log(p.x!), 'inf')).toMatchObject({ ok: true });
    expect(check(q, (p) => Math.log(p.x!), '∞')).toMatchObject({ ok: true });
    expect(check(q, (p) => Math.log(p.x!), '-inf')).toMatchObject({ ok: false, feedback: 'As x → ∞, the expression tends to inf, not -inf.' });
    expect(check(q, (p) => Math.sin(p.x!), 'does not exist')).toMatchObject({ ok: true });
    expect(check(q, (p) => Math.sin(p.x!), '0')).toMatchObject({ ok: false, feedback: 'As x → ∞, the expression tends to no limit, not 0.' });
  });

  it.each([
    ['4 + C0', /the limit cannot depend on C0, which goes to ∞/],
    [['4'], /expected a number, a formula, inf, -inf or "does not exist"/],
    ['4 +', /could not read/],
  ])('refuses the malformed answer %j', (answer, problem) => {
    const r = readLimitAnswer(answer, ratio);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(problem);
  });

  it('should find the limit of random rational functions a·x + b over c·x + d', () => {
    fc.assert(
      fc.property(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: -9, max: 9 }), (a, b, c, d) => {
        const v = estimateLimit((x) => (a * x + b) / (c * x + d), { to: 'inf' });
        expect(v.kind).toBe('finite');
        if (v.kind === 'finite') expect(Math.abs(v.value - a / c)).toBeLessThan(1e-9);
      }),
    );
  });
});

describe('growth classes', () => {
  const cases: [string, (n: number) => number, string[], string[]][] = [
    ['3n^2 + 2n log n', (n) => 3 * n * n + 2 * n * Math.log(n), ['Theta(n^2)', 'Θ(n²)', 'theta(5n^2 + n)', 'O(n^2)', 'Ω(n^2)'], ['Theta(n^2 log n)', 'Theta(n log n)', 'Theta(n^3)', 'O(n^3)']],
    ['n log n + 5n', (n) => n * Math.log(n) + 5 * n, ['Θ(n log n)', 'O(n log(n))', 'Theta(n lg n)', 'Theta(n log2(n))', 'Theta(log(n^n) + n)'], ['Theta(n)', 'Theta(n^2)', 'Theta(n log n log n)']],
    ['2^n + n^3', (n) => 2 ** n + n ** 3, ['Theta(2^n)', 'Theta(2^(n+1))'], ['Theta(n^3)', 'Theta(3^n)', 'Theta(n 2^n)']],
    ['sqrt n', Math.sqrt, ['Theta(sqrt(n))', 'Theta(n^(1/2))', 'Theta(√n)'], ['Theta(n)', 'Theta(log n)']],
    ['n^2/log n', (n) => (n * n) / Math.log(n), ['Theta(n^2/log(n))'], ['Theta(n^2)', 'Theta(n)']],
  ];

  it.each(cases)('classifies %s', (_, f, right, wrong) => {
    for (const text of right) {
      const a = readGrowth(text, 'n');
      if (!a.ok) throw new Error(a.problem);
      expect(checkGrowth(logOfSolver(f), a), text).toEqual({ ok: true });
    }
    for (const text of wrong) {
      const a = readGrowth(text, 'n');
      if (!a.ok) throw new Error(a.problem);
      expect(checkGrowth(logOfSolver(f), a).ok, text).toBe(false);
    }
  });

  it('says when a bound is true but not tight, and accepts it when tightness is not asked', () => {
    const a = readGrowth('O(n^3)', 'n');
    if (!a.ok) throw new Error(a.problem);
    expect(checkGrowth(logOfSolver((n) => n * n), a)).toEqual({ ok: false, loose: true, feedback: 'O(n^3) is a true bound but not the tight one: the quantity grows slower than n^3 (compared up to n = 2^384).' });
    expect(checkGrowth(logOfSolver((n) => n * n), a, { tight: false })).toEqual({ ok: true });
    const b = readGrowth('Theta(n)', 'n');
    if (!b.ok) throw new Error(b.problem);
    expect(checkGrowth(logOfSolver((n) => n * n), b)).toEqual({ ok: false, feedback: 'The quantity grows faster than n (compared up to n = 2^384), so it is not Theta(n).' });
  });

  it('compares a formula reference far beyond float64', () => {
    const ref = readGrowth('Theta(n^3 + 2^n)', 'n');
    const ans = readGrowth('Theta(2^n)', 'n');
    if (!ref.ok || !ans.ok) throw new Error('unreadable');
    // 2^n is evaluated in decimal up to n = 2^48 (2^(2^64) is beyond any exponent decimal.js holds).
    expect(compareGrowth(logOfFormula(ref.program), logOfFormula(ans.program))).toMatchObject({ relation: 'same', upTo: 48 });
    const poly = readGrowth('Theta(n^2 log n)', 'n');
    const square = readGrowth('Theta(n^2)', 'n');
    if (!poly.ok || !square.ok) throw new Error('unreadable');
    expect(compareGrowth(logOfFormula(poly.program), logOfFormula(square.program))).toMatchObject({ relation: 'faster', upTo: 1000, slope: expect.closeTo(1, 6) });
    // A float64 solver stops where its values overflow: n^2 at n = 2^512.
    expect(compareGrowth(logOfFormula(poly.program), logOfSolver((n) => n * n))).toMatchObject({ relation: 'faster', upTo: 384 });
  });

  it.each([
    ['Theta(n^2', /expected a growth class such as Theta\(n\^2\)/],
    ['n^2', /expected a growth class/],
    ['Theta(m^2)', /m is not the variable n/],
    ['O()', /O\(\) is empty/],
    ['Theta(n!)', /operator ! is not allowed/],
  ])('refuses %j with a message', (text, problem) => {
    const r = readGrowth(text, 'n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(problem);
  });

  it('should recognise n^a against n^b for random exponents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), (a, b) => {
        const g = readGrowth(`Theta(n^${b})`, 'n');
        if (!g.ok) throw new Error(g.problem);
        expect(compareGrowth(logOfSolver((n) => n ** a + 1), logOfFormula(g.program)).relation).toBe(a === b ? 'same' : a > b ? 'faster' : 'slower');
      }),
    );
  });

  it('should never throw on garbage', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const r = readGrowth(`Theta(${text})`, 'n');
        if (r.ok) expect(['same', 'slower', 'faster', 'unknown']).toContain(compareGrowth(logOfSolver((n) => n), logOfFormula(r.program)).relation);
        expect(typeof readLimitAnswer(text, { variable: 'x', to: 0, others: {} }).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
