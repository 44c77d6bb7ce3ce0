import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { samplePlan, type Point } from '../_internals/sample-points.ts';
import { checkRelation, relationFeedback, type FormulaRelation } from './relations.ts';

const integers = samplePlan({ n: { type: 'integer', min: 1, max: 50 } }, 200);
const reals = samplePlan({ x: { type: 'real', min: -3, max: 3 }, y: { type: 'real', min: 0.5, max: 2 } }, 200);
const reference = (p: Point) => 3 * p.n! + 2;
const smooth = (p: Point) => Math.sin(p.x!) * p.y! + p.x! ** 2;

const run = (relation: FormulaRelation, student: (p: Point) => number, target = reference, plan = integers) =>
  checkRelation({ relation, student, target, plan, seed: 42, tolerance: 1e-9 });

describe('checkRelation', () => {
  it('should pass an affine a·n + b up to a constant iff a = 3', () => {
    fc.assert(
      fc.property(fc.integer({ min: -6, max: 6 }), fc.integer({ min: -50, max: 50 }), (a, b) => {
        expect(run('up-to-constant', (p) => a * p.n! + b).ok).toBe(a === 3);
      }),
    );
  });

  it('should pass a·(3n + 2) + c up to scale iff a ≠ 0 and c = 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: -4, max: 4 }), fc.integer({ min: -3, max: 3 }), (a, c) => {
        expect(run('up-to-scale', (p) => a * (3 * p.n! + 2) + c).ok).toBe(a !== 0 && c === 0);
      }),
    );
  });

  it('should accept a bound iff it holds at every point', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -100, max: 100 }), (a, b) => {
        const student = (p: Point) => a * p.n! + b;
        let below = true;
        let above = true;
        for (let n = 1; n <= 50; n++) {
          below &&= a * n + b <= 3 * n + 2;
          above &&= a * n + b >= 3 * n + 2;
        }
        expect(run('less-equal', student).ok).toBe(below);
        expect(run('greater-equal', student).ok).toBe(above);
      }),
    );
  });

  it('should behave as equality on its own relation', () => {
    expect(run('equal', (p) => 2 + 3 * p.n!).ok).toBe(true);
    const wrong = run('equal', (p) => (p.n === 37 ? 0 : 3 * p.n! + 2));
    expect(wrong).toMatchObject({ ok: false, point: { n: 37 }, got: 0, want: 113 });
  });

  it('should shrink a real counterexample and name the anchor', () => {
    const v = run('up-to-constant', (p) => smooth(p) + (p.x! > 1 ? 1 : 0), smooth, reals);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.anchor?.point).toEqual({ x: -3, y: 0.5 });
    expect(v.point.x).toBeGreaterThan(1);
    expect(v.point.x).toBeLessThan(1.01);
    expect(relationFeedback('up-to-constant', v).feedback).toMatch(/^Your formula minus the correct one is 0 at x = -3, y = 0.5 but 1 at x = 1\.\d+, y = [\d.]+: the two do not differ by a constant\.$/);
  });

  it('should never accept 0, or a multiple that vanishes where the reference does not, up to scale', () => {
    const zero = run('up-to-scale', () => 0, smooth, reals);
    expect(zero).toMatchObject({ ok: false, zeroScale: true });
    expect(run('up-to-scale', () => 1e-12, smooth, reals).ok).toBe(false);
    expect(run('up-to-scale', (p) => -2.5 * smooth(p), smooth, reals).ok).toBe(true);
  });

  it('should say so when the reference is 0 and the answer is not, up to scale', () => {
    const zero = run('up-to-scale', (p) => 2 * (p.n! - 3) + (p.n === 3 ? 1 : 0), (p) => 2 * (p.n! - 3));
    if (zero.ok) throw new Error('passed');
    expect(relationFeedback('up-to-scale', zero).feedback).toBe('At n = 3 the correct value is 0 but your formula gives 1: a multiple of the reference is 0 wherever the reference is.');
  });

  it('should skip points where the reference is not defined', () => {
    const target = (p: Point) => (p.n! % 7 === 0 ? Number.NaN : 1 / p.n!);
    expect(run('equal', (p) => 1 / p.n!, target).ok).toBe(true);
    expect(run('up-to-scale', (p) => 5 / p.n!, target).ok).toBe(true);
    expect(run('less-equal', (p) => 1 / p.n! - (p.n! % 7 === 0 ? -5 : 0), target).ok).toBe(true);
  });

  it('should treat an undefined student value as a failure with its own message', () => {
    const v = run('greater-equal', (p) => (p.n === 4 ? Number.NaN : 10 * p.n!));
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(relationFeedback('greater-equal', v).feedback).toBe('At n = 4 your formula is not defined (NaN) but the correct value is 14.');
  });

  it('should give the same verdict for the same seed, and check the bounds on a random plan', () => {
    const student = (p: Point) => smooth(p) + (p.x === 3 && p.y === 2 ? 1 : 0);
    const a = run('equal', student, smooth, reals);
    expect(a).toStrictEqual(run('equal', student, smooth, reals));
    expect(a).toMatchObject({ ok: false, point: { x: 3, y: 2 } });
  });
});
