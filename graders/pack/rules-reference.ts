import { kindOf } from '../checkers/kinds.ts';
import type { SpecRule } from './rules.ts';
import { kindContext } from './rules.ts';
import { trialView } from './rules-variants.ts';

/*
 * Rules that run the reference solvers on the spec's own domains: they catch an answer key that
 * cannot grade as intended (a known mistake no student could be told apart from the answer, a
 * generator that drives the reference to NaN, an answer the solver disagrees with) before any
 * student is graded with it. Each kind holds its own (`referenceRules`); sampling is seeded, so a
 * pack validates the same way every time.
 */

const kindReferenceRules: SpecRule = {
  name: 'kind-reference-rules',
  check(input, report) {
    const view = trialView(input);
    for (const q of input.questions) {
      q.question.parts.forEach((original, i) => {
        try {
          // A part with params or given: is checked on the trial draw, with the reference values of what it builds on.
          const { part, pack } = view(q.question, original);
          kindOf(part).referenceRules({ ...kindContext(input, report, part, (...path) => ['parts', i, ...path], q), pack });
        } catch {
          // A domain that cannot be sampled (min > max, an unknown dim) is reported by the
          // structural rules; there is nothing to run the reference on.
        }
      });
    }
  },
};

/** The rules that evaluate reference solvers, run after the structural ones. */
export const REFERENCE_RULES: readonly SpecRule[] = [kindReferenceRules];
