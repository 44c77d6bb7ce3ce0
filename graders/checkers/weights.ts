import fc from 'fast-check';
import type { CheckResult, PartResult } from '../results/result.ts';
import type { WeightsPart } from '../pack/types.ts';
import type { CheckContext, Checker } from './types.ts';
import { equalitySweep, firstWrongStep, type Bits, type EqualityParams, type Simulate, type StepFailure, type SweepSummary } from './_internals/equality-sweep.ts';
import { readWeights, shapeText, type WeightValue } from './_internals/read-weights.ts';
import { ReferenceFault } from '../errors.ts';
import { solverOf } from './_internals/reference.ts';
import { renderAnswer } from './_internals/render.ts';
import { invalidResult, isBlank, mistakeScore, missingResult, resultBase } from './_internals/result.ts';

const MARGINS_ADVICE =
  'Correct for g(z)=1 iff z>0 as stated, but several cases sit exactly at z = 0; add margins (b = (-1.5, 0.5), c0 = -0.5, c = -1.5) so it does not depend on the convention.';

/**
 * Grades hand-designed network weights by simulation: every pair of binary sequences up to
 * `exhaustiveMaxLength` and `randomCount` seeded random pairs up to `randomMaxLength`, under the
 * stated strict threshold g(z) = 1 iff z > 0. Robustness under z ≥ 0 is reported as a note.
 */
export const weightsChecker: Checker<WeightsPart> = {
  kind: 'weights',
  async check(part, answer, ctx): Promise<PartResult> {
    const expected = expectedText(part);
    if (isBlank(answer)) return missingResult(part, ctx, expected);
    const extra = { answer: renderAnswer(answer), expected };
    const read = readWeights(answer, part.shapes);
    if (!read.ok) return invalidResult(part, ctx, `${capitalize(read.problems.join('; '))}.`, extra);

    const weights = read.weights;
    const simulator = solverOf(ctx, part, part.simulator);
    const targetFn = solverOf(ctx, part, part.target);
    const target: Simulate = (x1, x2) => asOutputs(part, part.target, targetFn(x1, x2));
    const simulate =
      (strict: boolean): Simulate =>
      (x1, x2) =>
        asOutputs(part, part.simulator, simulator(weights, x1, x2, strict));
    const params = equalityParams(weights);

    const random = randomPairs(part, ctx);
    const strict = grade(part, ctx, params, simulate(true), target, true, random);
    const loose = grade(part, ctx, params, simulate(false), target, false, random);
    const pairs = strict.summary.pairs.toLocaleString('en-US');
    const checks: CheckResult[] = [
      check(part, `all pairs of length 1..${part.exhaustiveMaxLength}`, strict.summary.failing === 0, strict.summary.pairs,
        `wrong on ${strict.summary.failing.toLocaleString('en-US')} of ${pairs} pairs`),
      check(part, `random pairs of length up to ${part.randomMaxLength}`, strict.random === null, strict.randomRuns, 'wrong on a random pair'),
      check(part, 'first step y(1) on the four inputs', strict.summary.firstStepOk, 4, 'y(1) is wrong on some input'),
    ];

    if (strict.failure === null) {
      const notes = loose.failure === null ? ['Also correct under g(z) = 1 iff z ≥ 0.'] : [`${MARGINS_ADVICE} Under g(z) = 1 iff z ≥ 0 it is wrong ${wrongCount(loose.summary)}e.g. ${renderFailure(loose.failure)}.`];
      return {
        ...resultBase(part, ctx, extra),
        status: 'passed',
        score: part.points,
        feedback: `Correct: right at every step of all ${pairs} pairs of length 1..${part.exhaustiveMaxLength} and of ${part.randomCount} random pairs up to length ${part.randomMaxLength}.`,
        notes,
        checks,
      };
    }

    const mistake = part.mistakes.find((m) => {
      const diagnostic = ctx.solvers.diagnostics[m.diagnostic];
      if (typeof diagnostic !== 'function') throw new ReferenceFault(part.id, `diagnostic "${m.diagnostic}" is not in the registry`);
      return diagnostic(weights);
    });
    const firstStepScore = strict.summary.firstStepOk ? Math.min(part.firstStepPoints, part.points) : 0;
    const score = Math.max(firstStepScore, mistake ? mistakeScore(mistake, part.points) : 0);
    const feedback = [`${renderFailure(strict.failure)}.`];
    if (mistake) feedback.push(mistake.feedback);
    if (strict.summary.firstStepOk) feedback.push(`y(1) is right on all four first-step inputs: ${firstStepScore} of ${part.points} points.`);
    const notes = loose.failure === null ? ['Under g(z) = 1 iff z ≥ 0 it would be correct, but the problem states g(z) = 1 iff z > 0.'] : undefined;
    const base = {
      ...resultBase(part, ctx, extra),
      score,
      feedback: feedback.join(' '),
      checks,
      counterexample: {
        input: renderPair(strict.failure.x1, strict.failure.x2),
        expected: String(strict.failure.want),
        actual: String(strict.failure.got),
        where: `t = ${strict.failure.t}`,
        hidden: part.visibility === 'hidden',
      },
      ...(mistake ? { mistake: mistake.id } : {}),
      ...(notes ? { notes } : {}),
    };
    return score > 0 ? { ...base, status: 'partial' } : { ...base, status: 'failed' };
  },
};

interface Graded {
  summary: SweepSummary;
  /** The failure to report: the shortest exhaustive one, else the shrunk random one. */
  failure: StepFailure | null;
  random: StepFailure | null;
  randomRuns: number;
}

/** The seeded random pairs, drawn once for both conventions: one integer 0..3 per step encodes (x1(t), x2(t)). */
function randomPairs(part: WeightsPart, ctx: CheckContext): { arbitrary: fc.Arbitrary<number[]>; pairs: [Bits, Bits][] } {
  const arbitrary = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: Math.max(1, part.randomMaxLength) });
  return { arbitrary, pairs: fc.sample(arbitrary, { seed: ctx.seed, numRuns: part.randomCount }).map(split) };
}

function split(steps: number[]): [Bits, Bits] {
  return [steps.map((s) => s >> 1), steps.map((s) => s & 1)];
}

function grade(
  part: WeightsPart,
  ctx: CheckContext,
  params: EqualityParams | null,
  simulate: Simulate,
  target: Simulate,
  strict: boolean,
  random: ReturnType<typeof randomPairs>,
): Graded {
  const { summary, failure, fast } = equalitySweep(params, strict, part.exhaustiveMaxLength, simulate, target);
  const judge = fast ?? { simulate, target };
  const wrong = ([x1, x2]: [Bits, Bits]): boolean => firstWrongStep(judge.simulate(x1, x2), judge.target(x1, x2)) !== 0;
  if (!random.pairs.some(wrong)) return { summary, failure, random: null, randomRuns: random.pairs.length };
  // fc.check draws the same pairs from the same seed, stops at the first failing one and shrinks it.
  const details = fc.check(
    fc.property(random.arbitrary, (steps) => !wrong(split(steps))),
    { numRuns: part.randomCount, seed: ctx.seed },
  );
  if (details.errorInstance instanceof ReferenceFault) throw details.errorInstance;
  let shrunk: StepFailure | null = null;
  const steps = details.counterexample?.[0];
  if (details.failed && steps) {
    const [x1, x2] = split(steps);
    const got = simulate(x1, x2);
    const want = target(x1, x2);
    const t = firstWrongStep(got, want);
    shrunk = { x1, x2, t, got: got[t - 1], want: want[t - 1] };
  }
  return { summary, failure: failure ?? shrunk, random: shrunk, randomRuns: details.numRuns };
}

function check(part: WeightsPart, name: string, ok: boolean, runs: number, message: string): CheckResult {
  return ok ? { name, visibility: part.visibility, ok, runs } : { name, visibility: part.visibility, ok, runs, message };
}

/** The fast path of the sweep applies when the parameters are those of the q4.4 network. */
function equalityParams(w: Record<string, WeightValue>): EqualityParams | null {
  const { W, b, v, c0, r, c } = w;
  const isVector = (x: unknown): x is number[] => Array.isArray(x) && x.every((e) => typeof e === 'number');
  if (!Array.isArray(W) || !W.every(isVector) || !isVector(b) || !isVector(v)) return null;
  if (typeof c0 !== 'number' || typeof r !== 'number' || typeof c !== 'number') return null;
  if (Object.keys(w).length !== 6 || W.length !== b.length || W.length !== v.length || W.some((row) => row.length !== 2)) return null;
  return { W: W as number[][], b, v, c0, r, c };
}

function asOutputs(part: WeightsPart, name: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw new ReferenceFault(part.id, `"${name}" returned ${String(value)}, not a list of outputs`);
  return value;
}

function renderPair(x1: Bits, x2: Bits): string {
  return `x1 = (${x1.join(',')}), x2 = (${x2.join(',')})`;
}

function renderFailure(f: StepFailure): string {
  return `${renderPair(f.x1, f.x2)}: at t = ${f.t} your network outputs ${String(f.got)}, expected ${String(f.want)}`;
}

function wrongCount(summary: SweepSummary): string {
  return summary.failing > 0 ? `on ${summary.failing.toLocaleString('en-US')} of ${summary.pairs.toLocaleString('en-US')} pairs, ` : 'on a long random pair, ';
}

function expectedText(part: WeightsPart): string {
  const params = Object.entries(part.shapes).map(([name, shape]) => `${name}: ${shapeText(shape)}`).join(', ');
  return `${params}; outputs y(t) = 1 iff x1(τ) = x2(τ) for all τ ≤ t, with g(z) = 1 iff z > 0, on all pairs of length 1..${part.exhaustiveMaxLength} and ${part.randomCount} random pairs up to length ${part.randomMaxLength}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
