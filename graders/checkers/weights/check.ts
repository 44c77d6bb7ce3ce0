import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { CheckResult, PartResult } from '../../results/result.ts';
import type { PointInputs, SequenceInputs, WeightsPart } from '../../pack/types.ts';
import type { FastPathFn, SimulatorFn, Weights } from '../../pack/define-pack.ts';
import type { CheckContext, Checker } from '../types.ts';
import { argsArbitrary } from '../_code/arbitraries.ts';
import { drawArgs, drawIntegerLists } from '../_code/draw-args.ts';
import { firstWrongStep, sequenceSweep, splitSymbols, type Bits, type Simulate, type StepFailure } from '../_internals/sequence-sweep.ts';
import { readWeights, shapeText } from '../_internals/read-weights.ts';
import { ReferenceFault } from '../../errors.ts';
import { solverOf } from '../_internals/reference.ts';
import { renderAnswer } from '../_internals/render.ts';
import { invalidResult, isBlank, mistakeScore, missingResult, pendingPublicResult, resultBase } from '../_internals/result.ts';

/**
 * Grades a construction answer (hand-designed network weights) by simulation: the pack's simulator
 * runs the student's network on the spec's input domain and every output is compared with the
 * pack's target. Sequence tasks run every input up to the exhaustive length and seeded random
 * longer ones; other networks run the listed cases and generated inputs. A spec's `also_simulate`
 * variant is simulated too and only reported as a note.
 */
export const weightsChecker: Checker<WeightsPart> = {
  kind: 'weights',
  async check(part, answer, ctx): Promise<PartResult> {
    if (part.simulator === '') return publicCheck(part, answer, ctx);
    const domain = part.inputs.kind === 'sequences' ? sequenceDomain(part, part.inputs, ctx) : pointDomain(part, part.inputs, ctx);
    const expected = `${Object.entries(part.shapes).map(([name, shape]) => `${name}: ${shapeText(shape)}`).join(', ')}; ${part.task}, ${domain.scope}`;
    if (isBlank(answer)) return missingResult(part, ctx, expected);
    const extra = { answer: renderAnswer(answer), expected };
    const read = readWeights(answer, part.shapes);
    if (!read.ok) return invalidResult(part, ctx, `${capitalize(read.problems.join('; '))}.`, extra);

    const weights = read.weights;
    const simulator = ctx.solvers.simulators[part.simulator];
    if (typeof simulator !== 'function') throw new ReferenceFault(part.id, `simulator "${part.simulator}" is not in the pack`);
    const stated = domain.run(weights, simulator, undefined);
    const variant = part.alsoSimulate;
    const other = variant ? domain.run(weights, simulator, variant.variant) : undefined;

    if (stated.failure === null) {
      const notes = !variant || !other ? undefined : other.failure === null ? [`Also correct under ${variant.name}.`] : [`${variant.advice ? `${variant.advice} ` : ''}Under ${variant.name} it is wrong ${other.wrongText}e.g. ${other.failure}.`];
      return { ...resultBase(part, ctx, extra), status: 'passed', score: part.points, feedback: `Correct: ${domain.allRight}.`, ...(notes ? { notes } : {}), checks: stated.checks };
    }

    const mistake = part.mistakes.find((m) => {
      const diagnostic = ctx.solvers.diagnostics[m.diagnostic];
      if (typeof diagnostic !== 'function') throw new ReferenceFault(part.id, `diagnostic "${m.diagnostic}" is not in the pack`);
      return diagnostic(weights);
    });
    const firstStepScore = stated.firstStepOk ? Math.min(part.firstStepPoints, part.points) : 0;
    const score = Math.max(firstStepScore, mistake ? mistakeScore(mistake, part.points) : 0);
    const feedback = [`${stated.failure}.`];
    if (mistake) feedback.push(mistake.feedback);
    if (stated.firstStepOk && domain.firstStepText) feedback.push(`${domain.firstStepText}: ${firstStepScore} of ${part.points} points.`);
    const notes = variant && other?.failure === null ? [`Under ${variant.name} it would be correct, but the problem states ${variant.stated}.`] : undefined;
    const base = {
      ...resultBase(part, ctx, extra),
      score,
      feedback: feedback.join(' '),
      checks: stated.checks,
      counterexample: { ...stated.counterexample!, hidden: part.visibility === 'hidden' },
      ...(mistake ? { mistake: mistake.id } : {}),
      ...(notes ? { notes } : {}),
    };
    return score > 0 ? { ...base, status: 'partial' } : { ...base, status: 'failed' };
  },
};

/** What one convention's simulation found. */
interface Trial {
  checks: CheckResult[];
  /** The failure to report, rendered (`x1 = (0), x2 = (1): at t = 1 ...`), or null when right everywhere. */
  failure: string | null;
  counterexample?: { input: string; expected: string; actual: string; where?: string };
  /** "on 3 of 87,380 pairs, " or "on a long random pair, " — how widely it is wrong. */
  wrongText: string;
  /** The first step is right on every input (sequence tasks). */
  firstStepOk: boolean;
}

interface Domain {
  /** "on all pairs of length 1..8 and 2000 random pairs up to length 64". */
  scope: string;
  /** "right at every step of all 87,380 pairs of ...". */
  allRight: string;
  firstStepText?: string;
  run(weights: Weights, simulator: SimulatorFn, variant: string | undefined): Trial;
}

const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
// One formatter for the process: toLocaleString builds a new one at every call (about 2 ms of a
// submission's grading); ECMA-402 defines it as this formatter's format, so the text is the same.
const EN_US = new Intl.NumberFormat('en-US');
const countText = (n: number): string => COUNT_WORDS[n] ?? EN_US.format(n);
const fmt = (n: number): string => EN_US.format(n);

/** What an input of the sequence task is called: a pair for two streams. */
function inputNoun(streams: number): [singular: string, plural: string] {
  const nouns: [string, string][] = [['sequence', 'sequences'], ['pair', 'pairs'], ['triple', 'triples']];
  return nouns[streams - 1] ?? [`${streams}-tuple`, `${streams}-tuples`];
}

/** One check of the part: its name, whether it held, on how many inputs, and what went wrong. */
const checkOf =
  (part: WeightsPart) =>
  (name: string, ok: boolean, runs: number, message: string): CheckResult =>
    ok ? { name, visibility: part.visibility, ok, runs } : { name, visibility: part.visibility, ok, runs, message };

function asOutputs(part: WeightsPart, name: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw new ReferenceFault(part.id, `"${name}" returned ${String(value)}, not a list of outputs`);
  return value;
}

function sequenceDomain(part: WeightsPart, inputs: SequenceInputs, ctx: CheckContext): Domain {
  const { streams, exhaustiveMaxLength: L, randomMaxLength: R, randomCount } = inputs;
  const [one, many] = inputNoun(streams);
  const symbols = 2 ** streams;
  const targetFn = solverOf(ctx, part, part.target);
  const target: Simulate = (input) => asOutputs(part, part.target, targetFn(...input));
  const fastPath: FastPathFn | undefined = part.fastPath === undefined ? undefined : ctx.solvers.fastPaths[part.fastPath];
  if (part.fastPath !== undefined && typeof fastPath !== 'function') throw new ReferenceFault(part.id, `fast path "${part.fastPath}" is not in the pack`);
  // The seeded random inputs, drawn once for every convention: one symbol per step.
  const arbitrary = fc.array(fc.integer({ min: 0, max: symbols - 1 }), { minLength: 1, maxLength: Math.max(1, R) });
  // The values fc.sample(arbitrary) gives, drawn without its Value trees (draw-args.ts).
  const randomInputs = drawIntegerLists({ min: 0, max: symbols - 1, minLength: 1, maxLength: Math.max(1, R) }, ctx.seed, randomCount).map((s) => splitSymbols(s, streams));
  const renderInput = (input: readonly Bits[]) => input.map((bits, i) => `x${i + 1} = (${bits.join(',')})`).join(', ');
  const render = (f: StepFailure) => `${renderInput(f.streams)}: at t = ${f.t} your network outputs ${String(f.got)}, expected ${String(f.want)}`;
  let all = 0;
  for (let length = 1; length <= L; length++) all += symbols ** length;

  return {
    scope: `on all ${many} of length 1..${L} and ${randomCount} random ${many} up to length ${R}`,
    allRight: `right at every step of all ${fmt(all)} ${many} of length 1..${L} and of ${randomCount} random ${many} up to length ${R}`,
    firstStepText: `y(1) is right on all ${countText(symbols)} first-step inputs`,
    run(weights, simulator, variant) {
      const simulate: Simulate = (input) => asOutputs(part, part.simulator, simulator(weights, input, variant));
      const automata = fastPath ? fastPath(weights, variant) : null;
      const { summary, failure, fast } = sequenceSweep(automata, streams, L, simulate, target);
      const wrong = fast ? (input: Bits[]): boolean => fast.firstWrong(input) !== 0 : (input: Bits[]): boolean => firstWrongStep(simulate(input), target(input)) !== 0;
      let random: StepFailure | null = null;
      let randomRuns = randomInputs.length;
      if (randomInputs.some(wrong)) {
        // fc.check draws the same inputs from the same seed, stops at the first failing one and shrinks it.
        const details = fc.check(fc.property(arbitrary, (steps) => !wrong(splitSymbols(steps, streams))), { numRuns: randomCount, seed: ctx.seed });
        if (details.errorInstance instanceof ReferenceFault) throw details.errorInstance;
        const steps = details.counterexample?.[0];
        if (details.failed && steps) {
          const input = splitSymbols(steps, streams);
          const got = simulate(input);
          const want = target(input);
          const t = firstWrongStep(got, want);
          random = { streams: input, t, got: got[t - 1], want: want[t - 1] };
        }
        randomRuns = details.numRuns;
      }
      const shown = failure ?? random;
      const check = checkOf(part);
      return {
        checks: [
          check(`all ${many} of length 1..${L}`, summary.failing === 0, summary.inputs, `wrong on ${fmt(summary.failing)} of ${fmt(summary.inputs)} ${many}`),
          check(`random ${many} of length up to ${R}`, random === null, randomRuns, `wrong on a random ${one}`),
          check(`first step y(1) on the ${countText(symbols)} inputs`, summary.firstStepOk, symbols, 'y(1) is wrong on some input'),
        ],
        failure: shown ? render(shown) : null,
        ...(shown ? { counterexample: { input: renderInput(shown.streams), expected: String(shown.want), actual: String(shown.got), where: `t = ${shown.t}` } } : {}),
        wrongText: summary.failing > 0 ? `on ${fmt(summary.failing)} of ${fmt(summary.inputs)} ${many}, ` : `on a long random ${one}, `,
        firstStepOk: summary.firstStepOk,
      };
    },
  };
}

function pointDomain(part: WeightsPart, inputs: PointInputs, ctx: CheckContext): Domain {
  const targetFn = solverOf(ctx, part, part.target);
  const runs = inputs.runs;
  const generated = runs > 0 ? drawArgs(inputs, ctx.seed, runs) : [];
  const renderInput = (input: readonly unknown[]) => inputs.params.map((name, i) => `${name} = ${JSON.stringify(input[i])}`).join(', ');
  const listed = `${inputs.cases.length} listed input${inputs.cases.length === 1 ? '' : 's'}`;
  const scope = [inputs.cases.length > 0 ? listed : '', runs > 0 ? `${runs} generated inputs` : ''].filter(Boolean).join(' and ');
  return {
    scope: `on ${scope}`,
    allRight: `right on all ${scope}`,
    run(weights, simulator, variant) {
      const wrongOn = (input: unknown[]): { got: unknown; want: unknown } | null => {
        const want = targetFn(...structuredClone(input));
        const got = simulator(weights, structuredClone(input), variant);
        return isDeepStrictEqual(got, want) ? null : { got, want };
      };
      const wrongCases = inputs.cases.filter((c) => wrongOn(c) !== null);
      let failing: { input: unknown[]; got: unknown; want: unknown } | null = null;
      const firstCase = wrongCases[0];
      if (firstCase) failing = { input: firstCase, ...wrongOn(firstCase)! };
      let generatedWrong = 0;
      if (generated.length > 0) {
        generatedWrong = generated.filter((g) => wrongOn(g) !== null).length;
        if (generatedWrong > 0 && !failing) {
          const details = fc.check(fc.property(argsArbitrary(inputs), (input) => wrongOn(input) === null), { numRuns: runs, seed: ctx.seed });
          if (details.errorInstance instanceof ReferenceFault) throw details.errorInstance;
          const input = details.counterexample?.[0];
          if (details.failed && input) failing = { input, ...wrongOn(input)! };
        }
      }
      const check = checkOf(part);
      const checks: CheckResult[] = [];
      if (inputs.cases.length > 0) checks.push(check(`all ${listed}`, wrongCases.length === 0, inputs.cases.length, `wrong on ${wrongCases.length} of ${inputs.cases.length}`));
      if (runs > 0) checks.push(check(`${runs} generated inputs`, generatedWrong === 0, runs, `wrong on ${generatedWrong} of ${runs}`));
      const total = inputs.cases.length + runs;
      return {
        checks,
        failure: failing ? `${renderInput(failing.input)}: your network outputs ${JSON.stringify(failing.got)}, expected ${JSON.stringify(failing.want)}` : null,
        ...(failing ? { counterexample: { input: renderInput(failing.input), expected: JSON.stringify(failing.want), actual: JSON.stringify(failing.got) } } : {}),
        wrongText: `on ${wrongCases.length + generatedWrong} of ${total} inputs, `,
        firstStepOk: false,
      };
    },
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A public copy, without the simulator: the weights are read against their shapes, and wait for the full pack. */
function publicCheck(part: WeightsPart, answer: unknown, ctx: CheckContext): PartResult {
  const expected = `${Object.entries(part.shapes).map(([name, shape]) => `${name}: ${shapeText(shape)}`).join(', ')}; ${part.task}`;
  if (isBlank(answer)) return missingResult(part, ctx, expected);
  const extra = { answer: renderAnswer(answer), expected };
  const read = readWeights(answer, part.shapes);
  if (!read.ok) return invalidResult(part, ctx, `${capitalize(read.problems.join('; '))}.`, extra);
  return pendingPublicResult(part, ctx, 'Weights of the declared shapes', extra);
}
