import type { CodePart, GradientPart } from '../../pack/types.ts';
import type { SolverFn } from '../../pack/define-pack.ts';
import { cloneArgs } from '../_code/clone-args.ts';
import { compareWithTolerance, matchShape, withinTolerance, type Failure } from '../_code/compare.ts';
import { gradeCodePart, type Judge } from '../_code/grade-code-part.ts';
import { ReferenceFault } from '../../errors.ts';
import type { CheckContext, Checker } from '../types.ts';

/**
 * A function of the student's `solution.ts`, run in the sandbox on the spec's test vectors and on
 * generated inputs, compared with the reference solver within the part's tolerance and checked
 * against the named properties. Known mistakes are recognised by mutant solvers.
 */
export const codeChecker: Checker<CodePart> = {
  kind: 'code',
  check: (part, _answer, ctx) => gradeCodePart(part, ctx, part.solver === '' ? vectorJudge(part, part.tolerance) : codeJudge(part, ctx)),
};

export function solverOf(ctx: CheckContext, name: string, partId: string): SolverFn {
  const fn = ctx.solvers.solvers[name];
  if (!fn) throw new ReferenceFault(partId, `reference solver "${name}" does not exist`);
  return fn;
}

function codeJudge(part: CodePart, ctx: CheckContext): Judge {
  const solver = solverOf(ctx, part.solver, part.id);
  const properties = part.properties.map((name) => {
    const fn = ctx.solvers.properties[name];
    if (!fn) throw new ReferenceFault(part.id, `property "${name}" does not exist`);
    return { name, fn };
  });
  const { rel, abs } = part.tolerance;
  return {
    properties: part.properties,
    expected: `the reference ${part.solver} within |yours − expected| ≤ ${abs} + ${rel}·|expected| per entry${part.properties.length ? `, and the properties ${part.properties.join(', ')}` : ''}`,
    judge(args, outcome) {
      const expected = solver(...cloneArgs(args));
      const failures: Failure[] = [];
      const f = compareWithTolerance(expected, outcome.value, part.tolerance);
      if (f) failures.push(f);
      for (const p of properties) {
        let message: string | null;
        try {
          message = p.fn(cloneArgs(args), outcome.value, outcome.argsAfter ?? cloneArgs(args));
        } catch (err) {
          message = `it could not be checked on your output (${err instanceof Error ? err.message : String(err)})`;
        }
        if (message) failures.push({ check: p.name, shape: false, message });
      }
      return failures;
    },
    reproduces(mutant, args, value) {
      const m = solverOf(ctx, mutant, part.id)(...cloneArgs(args));
      const shaped = matchShape(m, value);
      return 'leaves' in shaped && shaped.leaves.every((l) => withinTolerance(l.expected, l.actual, part.tolerance));
    },
  };
}

/**
 * The judge of a public copy, which holds no solver: each visible vector carries the reference's
 * output, precomputed by publish-spec, and the student's output is compared with it.
 */
export function vectorJudge(part: CodePart | GradientPart, tolerance: { rel: number; abs: number }): Judge {
  const expectedOf = new Map<unknown[], unknown>(part.vectors.map((v) => [v.args, v.expected]));
  return {
    properties: [],
    expected: `the reference's output on each visible test vector, within |yours − expected| ≤ ${tolerance.abs} + ${tolerance.rel}·|expected| per entry (hidden checks run after the deadline)`,
    judge(args, outcome) {
      if (!expectedOf.has(args)) return [];
      const f = compareWithTolerance(expectedOf.get(args), outcome.value, tolerance);
      return f ? [f] : [];
    },
    reproduces: () => false,
  };
}
