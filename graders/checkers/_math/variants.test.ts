import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Xoshiro128, variantDigest, variantId } from './prng.ts';
import { renderTemplate, templateNames } from './template.ts';
import { assessConstraints, compileVariants, drawVariant, MAX_TRIES, type VariantSpec } from './variants.ts';

const key = { secret: 'course-secret-for-tests', assignment: 'dl-hw', question: 'q1.1', student: 'alex-kim' };
const spec: VariantSpec = {
  params: {
    F: { type: 'integer', min: 8, max: 64, step: 8 },
    p: { type: 'real', min: 0.1, max: 0.9 },
    act: { type: 'choice', options: ['relu', 'tanh'] },
    K: { type: 'integer', min: 1, max: 7 },
  },
  where: ['K < F/8 + 3', 'p != 0.5'],
};

describe('the generator', () => {
  it('should produce the published xoshiro128** sequence', () => {
    const g = new Xoshiro128([1, 2, 3, 4]);
    expect(Array.from({ length: 6 }, () => g.nextUint32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  // Golden values: if one of these changes, every student's numbers change. Never update them
  // to make a test pass; bump VARIANT_KEY_VERSION on purpose instead.
  it('should keep every golden value of the keyed stream', () => {
    expect(variantDigest(key).toString('hex')).toBe('22fea845c6e5d4bb429ff8b5122bdb882de60d430b0258aeccf806db3dc01e59');
    expect(variantId(key)).toBe('22fea845');
    const g = Xoshiro128.forVariant(key);
    expect(Array.from({ length: 5 }, () => g.nextUint32())).toEqual([858944377, 2778765472, 1719830676, 1173605270, 2230215224]);
    expect(g.nextFloat()).toBe(0.17043963070727652);
    expect(g.integer(1, 6)).toBe(5);
    expect(g.integer(-1e15, 1e15)).toBe(-928034175586087);
  });

  it('should keep the golden variants', () => {
    expect(drawVariant(spec, key)).toEqual({ ok: true, values: { F: 16, K: 1, act: 'relu', p: 0.87 }, tries: 1 });
    expect(drawVariant(spec, { ...key, student: 'bea-novak' })).toEqual({ ok: true, values: { F: 40, K: 5, act: 'tanh', p: 0.51 }, tries: 3 });
    expect(drawVariant(spec, { ...key, student: 'chen-li' })).toEqual({ ok: true, values: { F: 32, K: 4, act: 'relu', p: 0.73 }, tries: 1 });
  });

  it('should draw integers uniformly in range, without bias', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 2 ** 40 }), fc.nat(), (min, span, seed) => {
        const g = new Xoshiro128([seed, seed ^ 0x9e3779b9, 7, 11]);
        for (let k = 0; k < 20; k++) {
          const x = g.integer(min, min + span);
          expect(Number.isSafeInteger(x) && x >= min && x <= min + span).toBe(true);
        }
        const f = g.nextFloat();
        expect(f >= 0 && f < 1).toBe(true);
      }),
    );
    const g = new Xoshiro128([5, 6, 7, 8]);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let k = 0; k < 60_000; k++) counts[g.integer(0, 5)]!++;
    // Each face 10,000 ± 5σ (σ ≈ 91).
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(460);
  });

  it('should give different students and questions different streams, and the same key the same one', () => {
    const ids = new Set(['alex-kim', 'bea-novak', 'chen-li', 'alex-kim '].map((student) => variantId({ ...key, student })));
    expect(ids.size).toBe(4);
    expect(variantId({ ...key, question: 'q1.2' })).not.toBe(variantId(key));
    expect(variantId({ ...key, secret: 'other' })).not.toBe(variantId(key));
    // Length-prefixed fields: moving a character from one field to the next changes the key.
    expect(variantId({ ...key, assignment: 'dl-h', question: 'wq1.1' })).not.toBe(variantId(key));
    expect(drawVariant(spec, key)).toEqual(drawVariant(spec, key));
  });
});

describe('variants', () => {
  it('should always meet the constraints and stay in range', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), (student) => {
        const v = drawVariant(spec, { ...key, student });
        expect(v.ok).toBe(true);
        if (!v.ok) return;
        const { F, K, p, act } = v.values as { F: number; K: number; p: number; act: string };
        expect(F % 8 === 0 && F >= 8 && F <= 64).toBe(true);
        expect(K < F / 8 + 3 && K >= 1 && K <= 7).toBe(true);
        expect(p >= 0.1 && p <= 0.9 && p !== 0.5 && Math.round(p * 100) / 100 === p).toBe(true);
        expect(['relu', 'tanh']).toContain(act);
      }),
    );
  });

  it('should not depend on the order the parameters are declared in', () => {
    const reordered: VariantSpec = { params: { K: spec.params.K!, act: spec.params.act!, p: spec.params.p!, F: spec.params.F! }, where: spec.where! };
    expect(drawVariant(reordered, key)).toEqual(drawVariant(spec, key));
  });

  it('should detect constraints too rare to draw, naming each rate', () => {
    expect(assessConstraints(spec)).toEqual({ ok: true, rate: expect.closeTo(0.82, 1) });
    const rare = assessConstraints({ params: { a: { type: 'integer', min: 1, max: 1000 }, b: { type: 'integer', min: 1, max: 1000 } }, where: ['a == b'] });
    expect(rare).toMatchObject({ ok: false, problem: expect.stringMatching(/^the where: constraints are met by \d+ of 4000 draws \(0\.\d+%\); a student's variant needs at least 2\.06% .*"a == b" holds in/) });
    const never = assessConstraints({ params: { a: { type: 'integer', min: 1, max: 5 } }, where: ['a > 2', 'a < 2'] });
    expect(never).toMatchObject({ ok: false, problem: expect.stringMatching(/met by no draw of 4000.*"a > 2" holds in 60\.3%, "a < 2" holds in 18\.5%/) });
    expect(drawVariant({ params: { a: { type: 'integer', min: 1, max: 5 } }, where: ['a > 5'] }, key)).toEqual({ ok: false, problem: `no draw of ${MAX_TRIES} met the where: constraints of question q1.1 for student alex-kim` });
  });

  it.each([
    [{ params: { a: { type: 'integer', min: 5, max: 1 } } }, /min \(5\) and max \(1\) must be finite with min ≤ max/],
    [{ params: { a: { type: 'integer', min: 0.5, max: 3 } } }, /whole min, max and step/],
    [{ params: { a: { type: 'real', min: 0.11, max: 0.12, decimals: 1 } } }, /no number with 1 decimals lies in \[0.11, 0.12\]/],
    [{ params: { a: { type: 'choice', options: [] } } }, /at least one option/],
    [{ params: { a: { type: 'integer', min: 1, max: 3 } }, where: ['b > 1'] }, /uses b, which is not a numeric parameter \(numeric: a\)/],
    [{ params: { a: { type: 'choice', options: ['x', 'y'] } }, where: ['a > 1'] }, /uses a, which is not a numeric parameter/],
    [{ params: { a: { type: 'integer', min: 1, max: 3 } }, where: ['a >'] }, /where\[0\] "a >"/],
  ] as [VariantSpec, RegExp][])('refuses a malformed declaration: %j', (bad, message) => {
    const r = compileVariants(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join('; ')).toMatch(message);
  });
});

describe('garbage constraints', () => {
  it('should never throw, whatever the where: text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }), (where) => {
        const v = drawVariant({ params: { a: { type: 'integer', min: 1, max: 9 }, b: { type: 'real', min: 0, max: 1 } }, where }, key);
        expect(typeof v.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

describe('templates', () => {
  it('fills {{name}} with the student’s numbers', () => {
    expect(renderTemplate('A {{K}}x{{K}} conv over {{ F }} channels, dropout p = {{p}}, \\{{literal}}.', { K: 3, F: 64, p: 0.35 })).toEqual({
      ok: true,
      text: 'A 3x3 conv over 64 channels, dropout p = 0.35, {{literal}}.',
    });
    expect(templateNames('{{a}} and {{b}} and {{a}}')).toEqual({ ok: true, names: ['a', 'b'] });
  });

  it('refuses an unknown or malformed placeholder, saying where', () => {
    expect(renderTemplate('x = {{K}}\ny = {{nmae}}', { K: 3, name: 1 })).toEqual({ ok: false, problems: ['{{nmae}} at line 2, column 5 names no parameter (parameters: K, name)'] });
    expect(renderTemplate('x = {{K', { K: 1 })).toEqual({ ok: false, problems: ['"{{" at line 1, column 5 is not closed by "}}" (write \\{{ for literal braces)'] });
    expect(renderTemplate('{{2x}}', {})).toEqual({ ok: false, problems: ['"{{2x}}" at line 1, column 1: a parameter name is a letter followed by letters, digits or _'] });
  });

  it('should never throw, and leave text without braces unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '\\', 'a', ' ', 'K', '\n') }), (text) => {
        const r = renderTemplate(text, { K: 1, a: 'x' });
        if (!text.includes('{{')) expect(r).toEqual({ ok: true, text });
      }),
    );
  });
});
