import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTypedFormula, type TypingOptions } from './typed-formula.ts';

const scalar = (names: string[]): TypingOptions => ({ names, functions: ['log', 'exp', 'sqrt', 'abs'], constants: ['pi', 'e'], aliases: { ln: 'log' } });
const read = (text: string, names = ['F', 'K', 'C0', 'mu1', 'mu2', 's1', 's2', 'n', 'x']) => readTypedFormula(text, scalar(names));

describe('readTypedFormula', () => {
  it.each([
    ['25·F', '25*F'],
    ['25 ⋅ F − 1', '25 * F - 1'],
    ['F × K ÷ 2', 'F * K / 2'],
    ['F**2', 'F^2'],
    ['F²K³', 'F^2 K^3'],
    ['F⁻¹', 'F^(-1)'],
    ['[F + 1]{K}', '(F + 1)(K)'],
    ['ln(F)', 'log(F)'],
    ['ln F', 'log(F)'],
    ['n log n', 'n log(n)'],
    ['nlog(n)', 'n*log(n)'],
    ['C_0', 'C0'],
    ['C₀', 'C0'],
    ['C_{0}', 'C0'],
    ['σ₁ + σ_2', 's1 + s2'],
    ['μ1μ2', 'mu1*mu2'],
    ['\\mu_1', 'mu1'],
    ['8C0K^2', '8 C0*K^2'],
    ['|x - 1|', 'abs(x - 1)'],
    ['||x| - 1|', 'abs(abs(x) - 1)'],
    ['√x', 'sqrt(x)'],
    ['√(x + 1)', 'sqrt(x + 1)'],
    ['2π', '2 pi'],
    ['x \\cdot 2', 'x * 2'],
  ])('reads %j as %j', (typed, text) => {
    expect(read(typed)).toEqual({ ok: true, text, changed: true });
  });

  it.each(['25F + 1', '(2 + 8K^2 C0)/(1 + 2K^2 C0)', 'log(s2/s1) + (s1^2 + (mu1 - mu2)^2)/(2 s2^2) - 1/2', '2/n', '1/2 (F + 1)', 'F > 2', 'F = 1'])('leaves %j as typed', (typed) => {
    expect(read(typed)).toEqual({ ok: true, text: typed, changed: false });
  });

  it('should read ASCII formulas without rewritable spellings unchanged, white space aside', () => {
    const unit = fc.constantFrom(' F', ' K', ' 2', ' 5', '+', '-', ' *', '^', '(', ')', ' ', '\n', '/', ' .5');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        const r = read(text);
        if (r.ok) expect(r.text).toBe(text.replace(/\s+/g, ' ').trim());
      }),
    );
  });

  it.each([
    ['1/2x', '"/2x" at column 2 is ambiguous: it could mean (…/2)·x or …/(2x); add parentheses to say which'],
    ['F/K(F + 1)', '"/K(F + 1)" at column 2 is ambiguous: it could mean (…/K)·(F + 1) or …/(K(F + 1)); add parentheses to say which'],
    ['1/C0K', '"/C0K" at column 2 is ambiguous: it could mean (…/C0)·K or …/(C0·K); add parentheses to say which'],
    ['log n^2', '"log n^2" at column 1 is ambiguous: write log(n^2) or log(n)^2'],
    ['log F²', '"log F²" at column 1 is ambiguous: write log(F^2) or log(F)^2'],
    ['(F + 1', '"(" at column 1 is never closed'],
    ['F + 1]', '"]" at column 6 closes nothing'],
    ['(F + 1]', '"(" at column 1 is closed by "]" at column 7'],
    ['|F + 1', '"|" at column 1 is never closed'],
    ['F, K', '"," at column 2: a formula is one expression, and commas only separate the arguments of a function such as log(x)'],
    ['F ∑ K', 'the character "∑" (U+2211) at column 3 is not part of the formula syntax (use + - * / ^, parentheses and the functions log, exp, sqrt, abs)'],
  ])('refuses %j', (typed, problem) => {
    expect(read(typed)).toEqual({ ok: false, problem });
  });

  it('should prefer a declared name to a split, and refuse two splits', () => {
    expect(readTypedFormula('ab', scalar(['a', 'b', 'ab']))).toMatchObject({ ok: true, text: 'ab' });
    expect(readTypedFormula('abb', scalar(['a', 'b', 'ab']))).toMatchObject({ ok: false, problem: expect.stringMatching(/reads as a·b·b or as ab·b/) });
    // and, or, not are never read as a·n·d.
    expect(readTypedFormula('a and d', { ...scalar(['a', 'n', 'd']), predicate: true })).toMatchObject({ ok: true, text: 'a and d' });
  });

  it('should read conditions and matrix spellings only when asked', () => {
    expect(readTypedFormula('1 ≤ n ≤ 5 ∧ n ≠ 3', { ...scalar(['n']), predicate: true })).toMatchObject({ ok: true, text: '1 <= n <= 5 and n != 3' });
    expect(read('1 ≤ n')).toMatchObject({ ok: false });
    const tensor: TypingOptions = { names: ['W', "W'", 'x'], functions: ['norm'], constants: [], tensor: true };
    expect(readTypedFormula("W'ᵀ x ⊙ x", tensor)).toMatchObject({ ok: true, text: 'W_prime^T x .* x' });
    expect(readTypedFormula("W' x", tensor)).toMatchObject({ ok: true, text: 'W_prime x' });
    expect(readTypedFormula("||W||_F^2 + ‖x‖", tensor)).toMatchObject({ ok: true, text: 'norm(W, "fro")^2 + norm(x)' });
    expect(readTypedFormula('||x||_{2} + ‖x‖₁ + ||x||_∞', tensor)).toMatchObject({ ok: true, text: 'norm(x, 2) + norm(x, 1) + norm(x, "inf")' });
  });

  it('should never throw, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const r = read(text);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
