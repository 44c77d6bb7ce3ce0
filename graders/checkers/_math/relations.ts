/**
 * How a student's formula must relate to the reference: equal, equal up to an added constant
 * (an antiderivative, a KL "up to a constant"), equal up to a non-zero factor (an unnormalised
 * density, a direction), or a bound from below or above.
 *
 * Why an anchor point rather than pairs of random points for the two "up to" relations: the
 * constant (or factor) is read once, at the first point of the plan where the reference is
 * defined (and, for a factor, non-zero), and every other point is compared to it. One anchor
 * makes the verdict transitive (pairs could pass a formula whose offset drifts slowly), lets the
 * feedback name both points, and keeps shrinking about one point. The factor must be non-zero
 * beyond the tolerance, so `0` never passes "up to scale".
 *
 * Every relation runs through the same plan as equality (every point of a small integer domain,
 * or seeded random points through fast-check, which shrinks a counterexample, then the bounds),
 * so the same seed draws the same points for the reference and for every known mistake.
 */
import fc from 'fast-check';
import { ReferenceFault } from '../../errors.ts';
import { formatPair } from '../_internals/render.ts';
import { agrees, renderPoint, type Point, type SamplePlan } from '../_internals/sample-points.ts';

export type FormulaRelation = 'equal' | 'up-to-constant' | 'up-to-scale' | 'less-equal' | 'greater-equal';
export const FORMULA_RELATIONS: readonly FormulaRelation[] = ['equal', 'up-to-constant', 'up-to-scale', 'less-equal', 'greater-equal'];

export type Evaluate = (point: Point) => number;

export interface RelationCheck {
  relation: FormulaRelation;
  student: Evaluate;
  /** The reference (or a known mistake); points where it is not finite are outside the domain. */
  target: Evaluate;
  plan: SamplePlan;
  seed: number;
  /** |a − b| ≤ tolerance · max(1, |a|, |b|). */
  tolerance: number;
}

/** Where the relation was read from (the constant or the factor). */
export interface Anchor {
  point: Point;
  got: number;
  want: number;
}

export type RelationVerdict =
  | { ok: true; runs: number }
  | {
      ok: false;
      runs: number;
      point: Point;
      got: number;
      want: number;
      /** For up-to-constant and up-to-scale, the point the constant or factor was read at. */
      anchor?: Anchor;
      /** up-to-scale only: the student's formula is 0 where the reference is not. */
      zeroScale?: boolean;
    };

/** "equal to the reference", "equal to the reference up to an added constant", ... */
export function relationText(relation: FormulaRelation): string {
  switch (relation) {
    case 'equal':
      return 'equal to the reference';
    case 'up-to-constant':
      return 'equal to the reference up to an added constant';
    case 'up-to-scale':
      return 'equal to the reference up to a non-zero factor';
    case 'less-equal':
      return 'at most the reference';
    case 'greater-equal':
      return 'at least the reference';
  }
}

/** Checks the relation on the plan's points. Throws only a reference's own fault. */
export function checkRelation(check: RelationCheck): RelationVerdict {
  const { relation, student, target, tolerance } = check;
  let anchor: Anchor | undefined;
  if (relation === 'up-to-constant' || relation === 'up-to-scale') {
    anchor = findAnchor(check);
    if (anchor === undefined) return checkRelation({ ...check, relation: 'equal' });
    const bad = !Number.isFinite(anchor.got) || (relation === 'up-to-scale' && agrees(anchor.got, 0, tolerance));
    if (bad) return { ok: false, runs: 1, point: anchor.point, got: anchor.got, want: anchor.want, anchor, zeroScale: relation === 'up-to-scale' && Number.isFinite(anchor.got) };
  }
  const offset = anchor ? anchor.got - anchor.want : 0;
  const factor = anchor ? anchor.got / anchor.want : 1;
  const holds = (got: number, want: number): boolean => {
    switch (relation) {
      case 'equal':
        return agrees(got, want, tolerance);
      case 'up-to-constant':
        return agrees(got, want + offset, tolerance);
      case 'up-to-scale':
        return agrees(got, want * factor, tolerance);
      case 'less-equal':
        return Number.isFinite(got) && got <= want + tolerance * Math.max(1, Math.abs(got), Math.abs(want));
      case 'greater-equal':
        return Number.isFinite(got) && got >= want - tolerance * Math.max(1, Math.abs(got), Math.abs(want));
    }
  };
  const failure = (point: Point, runs: number): RelationVerdict => {
    const verdict: RelationVerdict = { ok: false, runs, point, got: student(point), want: target(point) };
    if (anchor) verdict.anchor = anchor;
    return verdict;
  };

  if (check.plan.kind === 'exhaustive') {
    let runs = 0;
    for (const point of check.plan.points) {
      runs++;
      const want = target(point);
      if (!Number.isFinite(want)) continue;
      if (!holds(student(point), want)) return failure(point, runs);
    }
    return { ok: true, runs };
  }

  const plan = check.plan;
  const property = fc.property(plan.arbitrary, (point) => {
    const want = target(point);
    if (!Number.isFinite(want)) return true;
    return holds(student(point), want);
  });
  // Random points first: their failures shrink (fast-check cannot shrink a given example).
  const details = fc.check(property, { numRuns: plan.samples, seed: check.seed });
  if (details.errorInstance instanceof ReferenceFault) throw details.errorInstance;
  if (details.failed) {
    const point = details.counterexample?.[0];
    if (point === undefined) throw new Error('the comparison failed without a counterexample');
    return failure(point, details.numRuns);
  }
  let runs = details.numRuns;
  for (const point of plan.bounds) {
    runs++;
    const want = target(point);
    if (Number.isFinite(want) && !holds(student(point), want)) return failure(point, runs);
  }
  return { ok: true, runs };
}

/** The first point of the plan where the reference is finite (and non-zero, for a factor). */
function findAnchor(check: RelationCheck): Anchor | undefined {
  const candidates = check.plan.kind === 'exhaustive' ? check.plan.points : [...check.plan.bounds, ...fc.sample(check.plan.arbitrary, { seed: check.seed, numRuns: check.plan.samples })];
  for (const point of candidates) {
    const want = check.target(point);
    if (!Number.isFinite(want)) continue;
    if (check.relation === 'up-to-scale' && agrees(want, 0, check.tolerance)) continue;
    return { point, got: check.student(point), want };
  }
  return undefined;
}

/** The feedback for a failed relation: where, what the student's formula gives, what was needed. */
export function relationFeedback(relation: FormulaRelation, verdict: Extract<RelationVerdict, { ok: false }>): { feedback: string; expected: string; actual: string } {
  const { point, got, want, anchor } = verdict;
  const at = renderPoint(point);
  const [gotText, wantText] = formatPair(got, want);
  if (!Number.isFinite(got)) {
    return { feedback: `At ${at} your formula is not defined (${gotText}) but the correct value is ${wantText}.`, expected: wantText, actual: gotText };
  }
  switch (relation) {
    case 'equal':
      return { feedback: `At ${at} your formula gives ${gotText} but the correct value is ${wantText}.`, expected: wantText, actual: gotText };
    case 'less-equal':
      return { feedback: `At ${at} your formula gives ${gotText}, above the correct value ${wantText}: it must be at most the reference everywhere.`, expected: `at most ${wantText}`, actual: gotText };
    case 'greater-equal':
      return { feedback: `At ${at} your formula gives ${gotText}, below the correct value ${wantText}: it must be at least the reference everywhere.`, expected: `at least ${wantText}`, actual: gotText };
    case 'up-to-constant': {
      const a = anchor!;
      const [d1, d2] = formatPair(a.got - a.want, got - want);
      return {
        feedback: `Your formula minus the correct one is ${d1} at ${renderPoint(a.point)} but ${d2} at ${at}: the two do not differ by a constant.`,
        expected: `${wantText} + ${d1}`,
        actual: gotText,
      };
    }
    case 'up-to-scale': {
      const a = anchor!;
      if (verdict.zeroScale) {
        return {
          feedback: `At ${at} your formula gives 0 where the correct value is ${wantText}: up to a factor means a non-zero multiple of the reference.`,
          expected: `a non-zero multiple of ${wantText}`,
          actual: gotText,
        };
      }
      if (agrees(want, 0, Number.EPSILON)) {
        return {
          feedback: `At ${at} the correct value is 0 but your formula gives ${gotText}: a multiple of the reference is 0 wherever the reference is.`,
          expected: '0',
          actual: gotText,
        };
      }
      const [r1, r2] = formatPair(a.got / a.want, got / want);
      return {
        feedback: `Your formula divided by the correct one is ${r1} at ${renderPoint(a.point)} but ${r2} at ${at}: it is not a constant multiple of the reference.`,
        expected: `${r1} × ${wantText}`,
        actual: gotText,
      };
    }
  }
}
