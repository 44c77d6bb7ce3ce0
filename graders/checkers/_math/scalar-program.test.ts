import fc from 'fast-check';
import { parse } from 'mathjs/number';
import { describe, expect, it } from 'vitest';
import { compileScalar, MAX_NODES, retryCost, runDecimal, scalarEvaluator, type CompileOptions } from './scalar-program.ts';

const options: CompileOptions = { variables: ['x', 'y'], functions: ['log', 'exp', 'sqrt', 'abs'], constants: ['pi', 'e'] };
const compile = (text: string, o = options) => {
  const r = compileScalar(parse(text), o);
  if (!r.ok) throw new Error(r.problems.join('; ') || `undeclared ${r.undeclared.join(', ')}`);
  return r.program;
};

const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('x', 'y', 'e', 'pi', '2', '0.5', '3', '0'),
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '^'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(fc.constantFrom('log', 'exp', 'sqrt', 'abs', '-'), tie('e')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a}) (${b})`),
  ),
})).e;

describe('scalar programs', () => {
  it('should give exactly the value mathjs gives, on any formula', () => {
    fc.assert(
      fc.property(expression, fc.double({ min: -4, max: 4, noNaN: true }), fc.double({ min: -4, max: 4, noNaN: true }), (text, x, y) => {
        const node = parse(text);
        const want: unknown = node.compile().evaluate({ x, y });
        const got = scalarEvaluator(compile(text), 0)({ x, y });
        expect(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want as number))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('should evaluate a tree 20,000 levels deep, which mathjs cannot', () => {
    const text = Array.from({ length: 20_000 }, (_, k) => (k % 2 ? 'x' : 'y')).join(' - ');
    const node = parse(text);
    expect(() => node.compile()).toThrow(RangeError);
    expect(scalarEvaluator(compile(text))({ x: 1, y: 3 })).toBe(3 - 10_000 * 1 - 9_999 * 3);
  });

  it('should refuse a tree over the node limit, saying so', () => {
    const text = Array.from({ length: MAX_NODES / 2 + 1 }, () => 'x').join('+');
    const r = compileScalar(parse(text), options);
    expect(r).toMatchObject({ ok: false, problems: [`the formula has more than ${MAX_NODES} terms and operations; at most ${MAX_NODES} are read`] });
  });

  it('should retry an overflowing point in decimal, within its budget', () => {
    const program = compile('log(exp(x)^y)');
    expect(scalarEvaluator(program)({ x: 800, y: 3 })).toBeCloseTo(2400, 9);
    expect(scalarEvaluator(program, 0)({ x: 800, y: 3 })).toBe(Infinity);
    expect(retryCost(program)).toBe(3002);
    const once = scalarEvaluator(program, retryCost(program));
    expect(once({ x: 800, y: 3 })).toBeCloseTo(2400, 9);
    expect(once({ x: 800, y: 3 })).toBe(Infinity);
    expect(runDecimal(compile('exp(x) - exp(x) + 1'), [1e6, 0]).toNumber()).toBe(1);
  });

  it('should return quickly on huge exponents, in float and decimal', () => {
    const started = performance.now();
    for (const text of ['x^(10^400)', 'exp(exp(exp(x)))', '(-x)^(10^20 + 0.5)', 'x^(-(10^300))', 'exp(-exp(x))^x']) {
      const value = scalarEvaluator(compile(text))({ x: 50, y: 0 });
      expect(typeof value).toBe('number');
    }
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('should compile conditions only when asked', () => {
    expect(compileScalar(parse('x < 2'), options)).toMatchObject({ ok: false, problems: ['the operator < is not allowed (use + - * / ^ and parentheses)'] });
    const program = compile('1 <= x < 3 and not (x == 2)', { ...options, predicate: true });
    const holds = scalarEvaluator(program);
    expect([0, 1, 2, 2.5, 3].map((x) => holds({ x, y: 0 }))).toEqual([0, 1, 0, 1, 0]);
    expect([0, 1, 2, 2.5, 3].map((x) => runDecimal(program, [x, 0]).toNumber())).toEqual([0, 1, 0, 1, 0]);
  });
});
