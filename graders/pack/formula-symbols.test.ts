import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanFormula } from './formula-symbols.ts';

/** Formulas of the pack's syntax, with the variables they use. */
const formula = fc.letrec<{ expr: [string, string[]] }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<[string, string[]]>(['F', ['F']], ['C0', ['C0']], ['mu1', ['mu1']], ['2', []], ['0.5', []], ['pi', []], ['e', []]),
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '^'), tie('expr')).map(([[a, va], op, [b, vb]]): [string, string[]] => [`(${a}) ${op} (${b})`, [...va, ...vb]]),
    fc.tuple(fc.constantFrom('log', 'exp', 'sqrt', 'sigmoid', 'tanh', 'softplus', 'relu', 'log1p'), tie('expr')).map(([f, [a, va]]): [string, string[]] => [`${f}(${a})`, va]),
    // Implicit multiplication, as students write it: `18F`, `2 s2`.
    fc.tuple(fc.integer({ min: 2, max: 30 }), fc.constantFrom('F', 'C0', 's2')).map(([k, v]): [string, string[]] => [`${k}${v === 's2' ? ' ' : ''}${v}`, [v]]),
  ),
})).expr;

describe('scanFormula', () => {
  it('should list exactly the variables a formula uses', () => {
    fc.assert(
      fc.property(formula, ([text, vars]) => {
        expect(scanFormula(text)).toEqual({ ok: true, variables: [...new Set(vars)].sort() });
      }),
    );
  });

  it('should read the activations a deep-learning course writes, and a declared variable before parentheses as a product', () => {
    expect(scanFormula('sigmoid(x) (1 - sigmoid(x))')).toEqual({ ok: true, variables: ['x'] });
    expect(scanFormula('1 - tanh(x)^2 + softplus(x) - relu(x) + log1p(x)')).toEqual({ ok: true, variables: ['x'] });
    expect(scanFormula('F (k^2 C + 1)', ['F', 'k', 'C'])).toEqual({ ok: true, variables: ['C', 'F', 'k'] });
    expect(scanFormula('F (k^2 C + 1)')).toEqual({ ok: false, problem: 'unknown-function', name: 'F' });
    expect(scanFormula('ln(x)')).toEqual({ ok: false, problem: 'unknown-function', name: 'ln' });
  });

  it('should read the pack formulas', () => {
    expect(scanFormula('(2 + 8K^2 C0)/(1 + 2K^2 C0)')).toEqual({ ok: true, variables: ['C0', 'K'] });
    expect(scanFormula('log(s2/s1) + (s1^2 + (mu1 - mu2)^2)/(2 s2^2) - 1/2')).toEqual({ ok: true, variables: ['mu1', 'mu2', 's1', 's2'] });
  });

  it('should refuse what is outside the syntax', () => {
    expect(scanFormula('25F +')).toMatchObject({ ok: false, problem: 'unparsable' });
    expect(scanFormula('sin(x)')).toEqual({ ok: false, problem: 'unknown-function', name: 'sin' });
    expect(scanFormula('F(25F + 1)')).toEqual({ ok: false, problem: 'unknown-function', name: 'F' });
    for (const text of ['x = 3', '[1, 2]', 'n!', 'x ? 1 : 2', '"a"', 'x.y']) expect(scanFormula(text), text).toMatchObject({ ok: false, problem: 'unparsable' });
  });
});
