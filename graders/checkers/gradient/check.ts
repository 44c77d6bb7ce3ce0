import type { GradientPart } from '../../pack/types.ts';
import { fmt, renderValue } from '../_code/render.ts';
import { cloneArgs } from '../_code/clone-args.ts';
import { matchShape, relativeError, worstRelative, type Failure } from '../_code/compare.ts';
import { centralDifferences, differenceSpread, finiteDifferenceNoise } from '../_code/finite-diff.ts';
import { gradeCodePart, type Judge } from '../_code/grade-code-part.ts';
import { ReferenceFault } from '../../errors.ts';
import { solverOf, vectorJudge } from '../code/check.ts';
import type { CheckContext, Checker } from '../types.ts';


// A disagreement within this many rounding bounds may be the differences' own error: it is
// measured (steps 2h and h/2) before it counts. A wrong gradient is off by far more.
const REFINE_WITHIN = 100;
// The measured spread of the differences is doubled for safety.
const SPREAD_FACTOR = 2;

/**
 * A gradient function of the student's `solution.ts` (returning e.g. `{ dW, db }`), compared entry
 * by entry with central finite differences of the reference loss, by relative error. The analytic
 * reference gradient is compared too: when it disagrees with the finite differences the spec is at
 * fault and a ReferenceFault is thrown.
 */
export const gradientChecker: Checker<GradientPart> = {
  kind: 'gradient',
  check: (part, _answer, ctx) => gradeCodePart(part, ctx, part.solver === '' ? vectorJudge(part, { rel: part.threshold, abs: 1e-9 }) : gradientJudge(part, ctx)),
};

function gradientJudge(part: GradientPart, ctx: CheckContext): Judge {
  const loss = solverOf(ctx, part.loss, part.id);
  const analytic = solverOf(ctx, part.solver, part.id);
  const keys = Object.keys(part.wrt);
  const numeric = (args: unknown[]) => {
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = centralDifferences(loss, args, part.wrt[k]!, part.step);
    return out;
  };
  return {
    properties: [],
    expected: `central finite differences of ${part.loss} (step ${part.step}), relative error ≤ ${part.threshold} per entry of ${keys.join(', ')} (an entry within the differences' own rounding error counts as equal)`,
    judge(args, outcome) {
      const fd = numeric(args);
      const noise = finiteDifferenceNoise(Number(loss(...cloneArgs(args))), part.step);
      // Per key: the rounding bound for every entry, or, once refined, one bound per entry.
      const bounds: Record<string, number | number[]> = Object.fromEntries(keys.map((k) => [k, noise]));
      const worstOf = (k: string, value: unknown) => {
        const r = worstRelative(fd[k], value, k, bounds[k]);
        const near = 'worst' in r && r.worst && r.worst.error > part.threshold && Math.abs(r.worst.actual - r.worst.expected) <= REFINE_WITHIN * noise;
        if (!near || typeof bounds[k] !== 'number') return r;
        const spread = differenceSpread(loss, args, part.wrt[k]!, part.step, fd[k]);
        bounds[k] = spread.map((s) => noise + SPREAD_FACTOR * s);
        return worstRelative(fd[k], value, k, bounds[k]);
      };
      const reference = analytic(...cloneArgs(args)) as Record<string, unknown>;
      for (const k of keys) {
        const r = worstOf(k, reference?.[k]);
        const bad = 'failure' in r ? r.failure.message : r.worst && r.worst.error > part.threshold ? r.worst : undefined;
        if (bad) {
          const detail = typeof bad === 'string' ? bad : `${bad.where}: ${part.solver} gives ${fmt(bad.actual)}, finite differences ${fmt(bad.expected)}`;
          throw new ReferenceFault(part.id, `the reference gradient disagrees with finite differences of ${part.loss}: ${detail}`);
        }
      }
      const value = outcome.value;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return [matchShapeFailure(fd, value)];
      }
      let worst: { key: string; where: string; yours: number; fd: number; error: number } | undefined;
      for (const k of keys) {
        const r = worstOf(k, (value as Record<string, unknown>)[k]);
        if ('failure' in r) return [r.failure];
        if (r.worst && (!worst || r.worst.error > worst.error)) {
          worst = { key: k, where: r.worst.where, yours: r.worst.actual, fd: r.worst.expected, error: r.worst.error };
        }
      }
      if (!worst || worst.error <= part.threshold) return [];
      return [
        {
          check: 'value',
          shape: false,
          message: `${worst.where}: yours ${fmt(worst.yours)}, finite differences ${fmt(worst.fd)}, relative error ${fmt(worst.error, 2)}`,
          where: worst.where,
          expected: renderValue(fd, 8),
          actual: renderValue(value, 8),
        },
      ];
    },
    reproduces(mutant, args, value) {
      const m = solverOf(ctx, mutant, part.id)(...cloneArgs(args)) as Record<string, unknown>;
      if (typeof value !== 'object' || value === null) return false;
      return keys.every((k) => {
        const shaped = matchShape(m?.[k], (value as Record<string, unknown>)[k]);
        return 'leaves' in shaped && shaped.leaves.every((l) => relativeError(l.actual, l.expected) <= part.threshold);
      });
    },
  };
}

function matchShapeFailure(expected: unknown, actual: unknown): Failure {
  const m = matchShape(expected, actual);
  return 'failure' in m ? m.failure : { check: 'value', shape: true, message: 'unexpected result' };
}
