import fc from 'fast-check';
import { argsArbitrary } from '../checkers/_code/arbitraries.ts';
import { matchShape, withinTolerance } from '../checkers/_code/compare.ts';
import { compileFormula } from '../checkers/_internals/formula-parse.ts';
import { within } from '../checkers/_internals/intervals.ts';
import { pointArbitrary, renderPoint, type Point } from '../checkers/_internals/sample-points.ts';
import type { SolverFn } from './define-pack.ts';
import type { LoadedQuestion, RuleReport, SpecRule } from './rules.ts';
import type { DocPath } from './source.ts';
import type { CodePart, FormulaPart, GradientPart, NumberPart } from './types.ts';

/*
 * Rules that run the reference solvers on the spec's own domains: they catch an answer key that
 * cannot grade as intended (a known mistake no student could be told apart from the answer, a
 * generator that drives the reference to NaN) before any student is graded with it. Sampling is
 * seeded, so a pack validates the same way every time.
 */

const SEED = 20_261_210;
/** Generated inputs per code part: enough to see a bad domain, cheap enough for `validate`. */
const CODE_SAMPLES = 30;
/** Below this relative difference two formulas are the same formula, not a tolerance question. */
const SAME = 1e-12;

type At = (...path: (string | number)[]) => DocPath;

function eachPartOf<K extends string>(questions: LoadedQuestion[], kinds: readonly K[], visit: (part: Extract<import('./types.ts').PartSpec, { kind: K }>, at: At, q: LoadedQuestion) => void): void {
  for (const q of questions) {
    q.question.parts.forEach((part, i) => {
      if (!(kinds as readonly string[]).includes(part.kind)) return;
      try {
        visit(part as never, (...path) => ['parts', i, ...path], q);
      } catch {
        // A domain that cannot be sampled (min > max, an unknown dim) is reported by the
        // structural rules; there is nothing to run the reference on.
      }
    });
  }
}

/** Runs a reference function; a throw becomes a message instead of aborting validation. */
function attempt<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: string } {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The first non-finite number inside a solver output, with where it sits (`[1][0]`, `.dW[0]`). */
export function firstNonFinite(value: unknown, at = ''): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${at || 'the result'} = ${value}`;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const list = Array.from(value as ArrayLike<unknown>);
    for (let i = 0; i < list.length; i++) {
      const found = firstNonFinite(list[i], `${at}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = firstNonFinite(v, `${at}.${k}`);
      if (found) return found;
    }
  }
  return undefined;
}

const relClose = (a: number, b: number, tol: number) => Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

const numberMistakes: SpecRule = {
  name: 'number-mistakes',
  check(input, report) {
    eachPartOf(input.questions, ['number'] as const, (part: NumberPart, at, q) => {
      const solver = input.registry.solvers[part.solver];
      if (!solver) return;
      const run = attempt(() => solver());
      if (!run.ok || typeof run.value !== 'number' || !Number.isFinite(run.value)) {
        report.error(q.source.error('SOLVER_NOT_FINITE', at('solver'), `reference solver "${part.solver}" gives ${run.ok ? String(run.value) : `an error (${run.error})`}, not a finite number; fix the solver or name another`));
        return;
      }
      const answer = run.value;
      if (part.expected !== undefined && !within(part.expected, answer, part.tolerance)) {
        report.error(q.source.error('ANSWER_DISAGREES_WITH_SOLVER', at('expected'), `expected ${part.expected} is not what the solver "${part.solver}" gives (${answer}), within tolerance ${part.tolerance}; fix the answer key or the solver`));
      }
      part.mistakes.forEach((m, j) => {
        if (Math.abs(m.value - answer) <= SAME * Math.max(1, Math.abs(answer))) {
          report.error(q.source.error('MISTAKE_EQUALS_ANSWER', at('mistakes', j, 'value'), `known mistake "${m.id}" has the value ${m.value}, which is the answer; a known mistake must be wrong`));
        } else if (within(m.value, answer, part.tolerance)) {
          report.error(q.source.error('TOLERANCE_ACCEPTS_MISTAKE', at('tolerance'), `tolerance ${part.tolerance} accepts the known mistake "${m.id}" (${m.value}) as the answer ${answer}; narrow the tolerance below ${Math.abs(m.value - answer)}`));
        }
      });
    });
  },
};

/** Compares `f` with `g` on the seeded sample of the part's domain: how far apart they ever get. */
function agreement(part: FormulaPart, f: (p: Point) => number, g: (p: Point) => number): 'same' | 'within-tolerance' | 'different' {
  const points = fc.sample(pointArbitrary(part.variables), { seed: SEED, numRuns: part.samples });
  let verdict: 'same' | 'within-tolerance' = 'same';
  let compared = 0;
  for (const p of points) {
    const a = f(p);
    const b = g(p);
    if (!Number.isFinite(b)) continue;
    compared++;
    if (relClose(a, b, SAME)) continue;
    if (relClose(a, b, part.tolerance)) verdict = 'within-tolerance';
    else return 'different';
  }
  return compared === 0 ? 'different' : verdict;
}

const formulaMistakes: SpecRule = {
  name: 'formula-mistakes',
  check(input, report) {
    eachPartOf(input.questions, ['formula'] as const, (part: FormulaPart, at, q) => {
      const solver = input.registry.solvers[part.solver];
      if (!solver) return;
      const points = fc.sample(pointArbitrary(part.variables), { seed: SEED, numRuns: part.samples });
      const reference = (p: Point) => {
        const r = attempt(() => solver({ ...p }));
        return r.ok && typeof r.value === 'number' ? r.value : Number.NaN;
      };
      const bad = points.filter((p) => !Number.isFinite(reference(p)));
      // Some non-finite points are the formula's own singularities and are skipped when grading;
      // a domain where the reference is never finite grades nothing at all.
      if (points.length > 0 && bad.length === points.length) {
        report.error(q.source.error('SOLVER_NOT_FINITE', at('variables'), `reference solver "${part.solver}" is not finite anywhere in the declared domain (e.g. at ${renderPoint(bad[0]!)}); narrow the variables' domains`));
        return;
      }
      const names = Object.keys(part.variables);
      const answer = part.answer === '' ? undefined : compileFormula(part.answer, names);
      if (answer?.ok) {
        const wrong = points.find((p) => {
          const want = reference(p);
          return Number.isFinite(want) && !relClose(answer.evaluate(p), want, part.tolerance);
        });
        if (wrong) {
          report.error(q.source.error('ANSWER_DISAGREES_WITH_SOLVER', at('answer'), `answer ${part.answer} disagrees with the solver "${part.solver}" at ${renderPoint(wrong)}: ${answer.evaluate(wrong)} vs ${reference(wrong)} (relative tolerance ${part.tolerance}); fix the answer or the solver`));
        }
      }
      part.mistakes.forEach((m, j) => {
        const compiled = compileFormula(m.formula, names);
        if (!compiled.ok) return;
        const verdict = agreement(part, compiled.evaluate, reference);
        if (verdict === 'same') {
          report.error(q.source.error('MISTAKE_EQUALS_ANSWER', at('mistakes', j, 'formula'), `known mistake "${m.id}" (${m.formula}) is equivalent to the answer ${part.answer} on the declared domain; a known mistake must be wrong`));
        } else if (verdict === 'within-tolerance') {
          report.error(q.source.error('TOLERANCE_ACCEPTS_MISTAKE', at('tolerance'), `relative tolerance ${part.tolerance} accepts the known mistake "${m.id}" (${m.formula}) as the answer ${part.answer} at every sampled point; narrow the tolerance`));
        }
      });
    });
  },
};

function solverArgs(part: CodePart | GradientPart): unknown[][] {
  const visible = part.vectors.map((v) => v.args);
  if (part.runs === 0 || part.params.some((p) => !Object.hasOwn(part.generators, p))) return visible;
  const generated = attempt(() => fc.sample(argsArbitrary(part), { seed: SEED, numRuns: Math.min(CODE_SAMPLES, part.runs) }));
  return generated.ok ? [...visible, ...generated.value] : visible;
}

/** Reports the first input where `fn` does not give finite numbers; true when it was clean. */
function finiteOn(fn: SolverFn, name: string, part: CodePart | GradientPart, args: unknown[][], at: At, q: LoadedQuestion, report: RuleReport): boolean {
  for (const [k, a] of args.entries()) {
    const run = attempt(() => fn(...structuredClone(a)));
    const problem = run.ok ? firstNonFinite(run.value) : `an error (${run.error})`;
    if (problem) {
      const fromVector = k < part.vectors.length;
      const where = fromVector ? at('vectors', k, 'args') : at('generators');
      const input = fromVector ? `test vector "${part.vectors[k]!.name}"` : `a generated input ${JSON.stringify(a).slice(0, 160)}`;
      report.error(q.source.error('SOLVER_NOT_FINITE', where, `reference "${name}" gives ${problem} on ${input}; ${fromVector ? 'fix the vector' : 'narrow the generators\' domains'} so every input is one the reference can grade`, fromVector ? 'value' : 'key'));
      return false;
    }
  }
  return true;
}

const codeReferences: SpecRule = {
  name: 'code-references',
  check(input, report) {
    eachPartOf(input.questions, ['code', 'gradient'] as const, (part: CodePart | GradientPart, at, q) => {
      const { solvers } = input.registry;
      const solver = solvers[part.solver];
      if (!solver) return;
      const args = solverArgs(part);
      if (!finiteOn(solver, part.solver, part, args, at, q, report)) return;
      if (part.kind === 'gradient') {
        const loss = solvers[part.loss];
        if (loss && !finiteOn(loss, part.loss, part, args, at, q, report)) return;
      }
      const tol = part.kind === 'code' ? part.tolerance : { rel: part.threshold, abs: 1e-9 };
      part.mistakes.forEach((m, j) => {
        const mutant = solvers[m.solver];
        if (!mutant || args.length === 0) return;
        const same = args.every((a) => {
          const want = attempt(() => solver(...structuredClone(a)));
          const got = attempt(() => mutant(...structuredClone(a)));
          if (!want.ok || !got.ok) return false;
          const shaped = matchShape(want.value, got.value);
          return 'leaves' in shaped && shaped.leaves.every((l) => withinTolerance(l.expected, l.actual, tol));
        });
        if (same) {
          report.error(q.source.error('MISTAKE_EQUALS_ANSWER', at('mistakes', j, 'solver'), `mutant "${m.solver}" of known mistake "${m.id}" agrees with the reference "${part.solver}" on every test vector and generated input; it cannot be told apart from a right answer`));
        }
      });
    });
  },
};

/** The rules that evaluate reference solvers, run after the structural ones. */
export const REFERENCE_RULES: readonly SpecRule[] = [numberMistakes, formulaMistakes, codeReferences];
