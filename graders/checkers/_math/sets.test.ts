import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSets, readSet, renderSet, type SetDomain } from './sets.ts';

const reals: SetDomain = { variable: 'x', type: 'real', min: -Infinity, max: Infinity };
const positive: SetDomain = { variable: 'x', type: 'real', min: 0, max: 10 };
const small: SetDomain = { variable: 'n', type: 'integer', min: 0, max: 100 };
const integers: SetDomain = { variable: 'n', type: 'integer', min: -Infinity, max: Infinity };

const set = (text: string, domain: SetDomain) => {
  const r = readSet(text, domain);
  if (!r.ok) throw new Error(`${text}: ${r.problem}`);
  return r.set;
};
const same = (a: string, b: string, domain: SetDomain) => compareSets(set(a, domain), set(b, domain), domain);

describe('sets', () => {
  it.each([
    ['[0.5, inf)', ['[1/2, ∞)', 'x >= 0.5', 'x ≥ 1/2', '{x : x >= 0.5}', '{x | 2x >= 1}', 'x ∈ [0.5, inf)', 'not (x < 0.5)', '[0.5, 1] ∪ (1, inf)']],
    ['(0, 1] ∪ [2, 3)', ['(0, 1] U [2, 3)', '0 < x <= 1 or 2 <= x < 3', '(x > 0 and x <= 1) or (x >= 2 and x < 3)', '[2, 3) ∪ (0, 1]', '(0, 3) ∩ ((0, 1] ∪ [2, 5])']],
    ['(-inf, 3) ∪ (3, inf)', ['x != 3', 'x ≠ 3', 'x < 3 or x > 3', 'R ∩ ((-inf, 3) ∪ (3, inf))']],
    ['{-1, 1}', ['x^2 == 1', '{1, -1}', '{-1} ∪ {1}', 'abs(x) == 1']],
    ['[-sqrt(2), sqrt(2)]', ['x^2 <= 2', '[−√2, √2]']],
    ['(-inf, -1) ∪ (1, inf)', ['x^2 > 1', 'x^(10^400) > 1', 'abs(x) > 1']],
    ['∅', ['{}', 'x^2 < 0', '[0, 1] ∩ [2, 3]']],
  ])('reads %s on the reals in every equivalent form', (reference, forms) => {
    for (const form of forms) expect(same(form, reference, reals), form).toEqual({ equal: true });
  });

  it.each([
    ['[0.5, inf)', '(0.5, inf)', 0.5, false],
    ['[0.5, inf)', '[0.5, 100]', 101, false],
    ['(0, 1] ∪ [2, 3)', '(0, 1] ∪ [2, 3]', 3, true],
    ['x != 3', 'x > 3', 2, false],
    ['{2, 3}', '{2, 3, 4}', 4, true],
  ])('tells %s from %s by a number in one only', (reference, student, witness, inStudent) => {
    expect(same(student, reference, reals)).toEqual({ equal: false, witness, inStudent });
  });

  it('reads conditions with a boundary at an end of a half-bounded domain, and narrow sets near 0', () => {
    const rates: SetDomain = { variable: 'eta', type: 'real', min: 0, max: Infinity };
    for (const form of ['0 < eta < 1/2', 'eta > 0 and eta < 1/2', '0 < eta and eta < 0.5', 'eta ∈ (0, 1/2)', '{eta : 0 < eta < 1/2}']) {
      expect({ form, read: renderSet(set(form, rates), rates) }).toEqual({ form, read: '(0, 0.5)' });
    }
    expect(renderSet(set('0 < eta <= 1/2', rates), rates)).toBe('(0, 0.5]');
    expect(renderSet(set('0 < x < 0.001', reals), reals)).toBe('(0, 0.001)');
    expect(renderSet(set('x > 0', reals), reals)).toBe('(0, inf)');
  });

  it('compares within the declared domain only', () => {
    expect(same('[0, 10]', 'x >= 0', positive)).toEqual({ equal: true });
    expect(same('(-5, 2)', '[0, 2)', positive)).toEqual({ equal: true });
    expect(renderSet(set('x > 2', positive), positive)).toBe('(2, 10]');
  });

  it.each([
    ['{2, 3}', ['n >= 2 and n <= 3', '2 <= n <= 3', '[2, 3]', '(1.5, 3.5)', 'n integer and 1 < n < 4', '{3, 2}']],
    ['n >= 2 and n integer', ['[2, inf)', 'n > 1', 'n ≥ 2', 'n >= 2', '[1.5, inf) ∩ [0, inf)']],
    ['{0, 2, 4}', ['n^2 - 6n + 8 == 0 or n == 0', '{4, 2, 0}']],
  ])('reads %s on an integer domain by enumeration', (reference, forms) => {
    for (const form of forms) expect(same(form, reference, small), form).toEqual({ equal: true });
  });

  it('finds a few wrong integers in a large integer domain', () => {
    expect(same('n >= 2', 'n > 2', integers)).toEqual({ equal: false, witness: 2, inStudent: true });
    expect(same('n >= 2 and n != 5000', 'n >= 2', integers)).toEqual({ equal: false, witness: 5000, inStudent: false });
    expect(same('[2, inf)', 'n >= 2', integers)).toEqual({ equal: true });
  });

  it.each([
    ['[0, 1', /never closed/],
    ['[1, 0]', /lower end 1 above its upper end 0/],
    ['[0, inf]', /includes an infinite end/],
    ['[0, 1, 2]', /not an interval/],
    ['{1, y}', /y is not a number/],
    ['y > 2', /could not read "y > 2" as a set/],
    ['x + 2', /is not a condition on x/],
    ['N', /ambiguous/],
    ['{n : n > 2}', /written in n, but the variable of this part is x/],
    ['x >', /could not read the condition/],
    ['x >= 2 and x integer', /x is a real number in this part/],
    [`${'('.repeat(4000)}[0, 1] ∪ [2, 3]${')'.repeat(4000)}`, /nests brackets more than 100 deep/],
  ])('refuses %j with a message', (text, problem) => {
    const r = readSet(text, reals);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(problem);
  });

  it('should agree with a direct membership test on random interval unions', () => {
    const end = fc.integer({ min: -6, max: 6 });
    const interval = fc.tuple(end, end, fc.boolean(), fc.boolean()).map(([a, b, l, r]) => `${l ? '[' : '('}${Math.min(a, b)}, ${Math.max(a, b) + 1}${r ? ']' : ')'}`);
    fc.assert(
      fc.property(fc.array(interval, { minLength: 1, maxLength: 4 }), fc.array(interval, { minLength: 1, maxLength: 4 }), (a, b) => {
        const sa = set(a.join(' ∪ '), reals);
        const sb = set(b.join(' ∪ '), reals);
        const verdict = compareSets(sa, sb, reals);
        // Reference truth: membership on a fine grid of quarters covers every end and gap.
        let differs = false;
        for (let x = -8; x <= 8; x += 0.25) if (sa.has(x) !== sb.has(x)) differs = true;
        expect(verdict.equal).toBe(!differs);
        if (!verdict.equal) expect(sa.has(verdict.witness)).toBe(verdict.inStudent);
        // A union read back from its rendering is the same set.
        expect(compareSets(set(renderSet(sa, reals), reals), sa, reals)).toEqual({ equal: true });
      }),
    );
  });

  it('should never throw on garbage', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'[](){}, 0123.-x∪U∩<>=!≤ and or not integer inf∞√'.split('')), maxLength: 40 }), (text) => {
        expect(typeof readSet(text, reals).ok).toBe('boolean');
        expect(typeof readSet(text.replace(/x/g, 'n'), small).ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
