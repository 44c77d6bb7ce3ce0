import { describe, expect, it } from 'vitest';
import { compileFormula } from './formula-parse.ts';

describe('compileFormula, compiled once per process', () => {
  it('should never answer a text with the program of other variables', () => {
    const both = compileFormula('x + y', ['x', 'y']);
    const one = compileFormula('x + y', ['x']);
    expect(both.ok).toBe(true);
    expect(one).toEqual({ ok: false, problem: expect.stringContaining('uses y, which is not a variable') });
    const swapped = compileFormula('x - y', ['y', 'x']);
    const again = compileFormula('x - y', ['x', 'y']);
    expect(swapped.ok && again.ok && [swapped.evaluate({ x: 5, y: 2 }), again.evaluate({ x: 5, y: 2 })]).toEqual([3, 3]);
    expect(compileFormula('x²', ['x'])).toMatchObject({ ok: true, reading: 'x^2' });
    expect(compileFormula('x^2', ['x'])).not.toHaveProperty('reading');
    const names = ['a', 'b'];
    const before = compileFormula('a * b', names);
    names.reverse();
    const after = compileFormula('a * b', ['a', 'b']);
    expect(before.ok && after.ok && after.program.variables).toEqual(['a', 'b']);
  });

  it('should give each use its own budget of decimal retries', () => {
    // Infinity / Infinity in float64, e in decimal: every call is a retry until the budget is spent.
    const text = 'exp(1000 + x) / exp(999 + x)';
    const first = compileFormula(text, ['x']);
    if (!first.ok) throw new Error(first.problem);
    let calls = 0;
    while (Number.isFinite(first.evaluate({ x: 0 }))) calls++;
    expect(calls).toBeGreaterThan(10);
    const second = compileFormula(text, ['x']);
    if (!second.ok) throw new Error(second.problem);
    expect(second.evaluate({ x: 0 })).toBeCloseTo(Math.E, 12);
  });
});
