import fc from 'fast-check';
import { roundPoints } from '../../results/score.ts';
import type { CheckResult, Counterexample, PartResult } from '../../results/result.ts';
import type { CodePart, GradientPart } from '../../pack/types.ts';
import type { CallOutcome, CheckContext, CodeHandle } from '../types.ts';
import { argsArbitrary } from './arbitraries.ts';
import { drawArgs } from './draw-args.ts';
import type { Failure } from './compare.ts';
import { ReferenceFault } from '../../errors.ts';
import { GraderClock, graderClock, GraderTimeExceeded } from './grader-clock.ts';
import { renderArgs } from './render.ts';

/** What differs between the code and gradient checkers: how one output is judged. */
export interface Judge {
  /** Every way this output is wrong (empty when right). May throw ReferenceFault. */
  judge(args: unknown[], outcome: Extract<CallOutcome, { ok: true }>): Failure[];
  /** True when the mutant solver reproduces this output. */
  reproduces(mutant: string, args: unknown[], value: unknown): boolean;
  /** Names of the property checks, in report order. */
  properties: string[];
  /** What is accepted, for the report. */
  expected: string;
}

const SHRINK_CALLS = 300;

/** Grades one code or gradient part: visible vectors, hidden generated inputs, shrinking, mistakes. */
export async function gradeCodePart(part: CodePart | GradientPart, ctx: CheckContext, judge: Judge): Promise<PartResult> {
  const fn = part.function;
  const base = {
    partId: part.id,
    kind: part.kind,
    max: part.points,
    visibility: part.visibility,
    seed: ctx.seed,
    answer: `function ${fn}`,
    expected: judge.expected,
  };
  if (ctx.codeProblem) {
    return { ...base, status: 'invalid', score: 0, feedback: `Your solution could not be compiled, so ${fn} was not graded:\n${ctx.codeProblem}` };
  }
  const code = ctx.code;
  if (!code) {
    const { answer: _a, ...noAnswer } = base;
    return { ...noAnswer, status: 'missing', score: 0, feedback: `No solution.ts (or solution.js) was submitted, so ${fn} could not be graded.` };
  }
  let names: string[];
  try {
    names = await code.exports();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ...base, status: 'error', reason, score: 0, feedback: `${fn} could not be graded: ${reason}.` };
  }
  if (!names.includes(fn)) {
    const { answer: _a, ...noAnswer } = base;
    return { ...noAnswer, status: 'missing', score: 0, feedback: `solution.ts does not export ${fn}.` };
  }

  const clock = graderClock(code);
  try {
    return await gradeOutcomes(part, ctx, judge, code, clock, base);
  } catch (err) {
    if (!(err instanceof GraderTimeExceeded)) throw err;
    return { ...base, status: 'error', reason: err.message, score: 0, feedback: `${fn} could not be graded: ${err.message}.` };
  }
}

type Base = Omit<PartResult, 'status' | 'score' | 'feedback' | 'reason' | 'rubric'> & { answer: string; expected: string };

async function gradeOutcomes(part: CodePart | GradientPart, ctx: CheckContext, judge: Judge, code: CodeHandle, clock: GraderClock, base: Base): Promise<PartResult> {
  const fn = part.function;
  // Everything computed on a hidden input (its outputs, messages, exit codes, the reference's
  // values) stays out of `feedback` and `reason`, which every student-facing report prints; it
  // goes into hidden checks and hidden counterexamples, which only the course staff's reports show.
  const hiddenPart = part.visibility === 'hidden';
  const visible = part.vectors.map((v) => v.args);
  // A public pack has no generators: build the arbitrary only when there are hidden runs.
  const hidden = ctx.visibleOnly || part.runs === 0 ? [] : clock.step(() => drawArgs(part, ctx.seed, part.runs));
  const inputs = [...visible, ...hidden];
  const secret = (i: number) => hiddenPart || i >= visible.length;

  // The test vectors go in a message of their own, so a crash on them is reported in full and a
  // crash on a generated input never is.
  const outcomes = visible.length ? await code.callBatch(fn, visible) : [];
  let broken = firstBroken(outcomes);
  if (!broken && hidden.length) {
    outcomes.push(...(await code.callBatch(fn, hidden)));
    broken = firstBroken(outcomes);
  }
  if (broken) return brokenResult(part, base, visible.length, hidden.length, broken, secret(broken.index), ctx.visibleOnly);
  const notFn = outcomes.find((o) => !o.ok && o.kind === 'not-a-function');
  if (notFn && !notFn.ok) {
    return { ...base, status: 'invalid', score: 0, feedback: `${notFn.error}: export a function ${fn}(${part.params.join(', ')}).` };
  }

  const failures = inputs.map((args, i) => clock.step(() => judgeOutcome(judge, args, outcomes[i]!)));
  const checks = buildChecks(part, judge, visible.length, failures, ctx.visibleOnly);
  const failingIdx = failures.flatMap((f, i) => (f.length ? [i] : []));
  if (!failingIdx.length) {
    return { ...base, status: 'passed', score: part.points, checks, feedback: passedFeedback(fn, visible.length, hidden.length) };
  }

  const mistake = part.mistakes.find((m) =>
    failingIdx.every((i) => {
      const o = outcomes[i]!;
      return o.ok && clock.step(() => judge.reproduces(m.solver, inputs[i]!, o.value));
    }),
  );

  const firstVisible = failingIdx.find((i) => !secret(i));
  let counterexample: Counterexample;
  let summary: string;
  if (firstVisible !== undefined) {
    const firstFailure = failures[firstVisible]![0]!;
    counterexample = toCounterexample(part.params, inputs[firstVisible]!, outcomes[firstVisible]!, firstFailure, false);
    summary = `${fn} is wrong on test vector ${part.vectors[firstVisible]!.name}: ${failureText(firstFailure)}`;
  } else {
    const shrunk = await shrink(part, ctx, judge, argsArbitrary(part), code.shrinking?.() ?? code, clock);
    const i = failingIdx[0]!;
    const pick = shrunk ?? { args: inputs[i]!, outcome: outcomes[i]!, failure: failures[i]![0]! };
    counterexample = toCounterexample(part.params, pick.args, pick.outcome, pick.failure, true);
    summary = withheldSummary(part, failures, outcomes, visible.length, hiddenPart);
  }

  const credit = mistake ? Math.min(1, Math.max(0, mistake.credit)) : 0;
  const score = roundPoints(part.points * credit);
  const feedback = mistake ? `${mistake.feedback} (${summary})` : summary;
  return {
    ...base,
    status: credit > 0 ? 'partial' : 'failed',
    score,
    feedback,
    checks,
    counterexample,
    ...(mistake ? { mistake: mistake.id } : {}),
  };
}

function firstBroken(outcomes: CallOutcome[]): (Extract<CallOutcome, { ok: false }> & { index: number }) | undefined {
  const index = outcomes.findIndex((o) => !o.ok && (o.kind === 'timeout' || o.kind === 'crashed'));
  const o = outcomes[index];
  return o && !o.ok ? { ...o, index } : undefined;
}

/**
 * The code crashed or timed out. On a test vector of a visible part the reason is shown as it is;
 * on a hidden input only what kind of failure it was (an exit code, a signal or a message size
 * would carry what the code computed), and the full reason goes into the hidden check.
 */
function brokenResult(
  part: CodePart | GradientPart,
  base: Base,
  nVisible: number,
  nHidden: number,
  broken: Extract<CallOutcome, { ok: false }> & { index: number },
  onSecret: boolean,
  visibleOnly: boolean,
): PartResult {
  const fn = part.function;
  if (!onSecret) return { ...base, status: 'error', reason: broken.error, score: 0, feedback: `${fn} could not be graded: ${broken.error}.` };
  const where = broken.index >= nVisible ? 'on the generated inputs' : 'on the test vectors of this hidden part';
  const reason =
    broken.kind === 'timeout'
      ? `your code did not return in time ${where}`
      : `your code crashed or broke the grading protocol ${where} (the details are not shown for hidden inputs)`;
  const checks: CheckResult[] = part.vectors.map((v, i) => ({
    name: `test vector ${v.name}`,
    visibility: part.visibility,
    ok: i < broken.index,
    runs: 1,
    ...(i === broken.index ? { message: `could not be run: ${broken.error}` } : {}),
  }));
  if (!visibleOnly && nHidden) {
    checks.push({ name: 'generated inputs', visibility: 'hidden', ok: false, runs: nHidden, ...(broken.index >= nVisible ? { message: `could not be run: ${broken.error}` } : {}) });
  }
  return { ...base, status: 'error', reason, score: 0, checks, feedback: `${fn} could not be graded: ${reason}.` };
}

/** What went wrong on hidden inputs, by kind only: how many, and which checks failed. */
function withheldSummary(part: CodePart | GradientPart, failures: Failure[][], outcomes: CallOutcome[], nVisible: number, hiddenPart: boolean): string {
  const fn = part.function;
  const failing = failures.map((f, i) => ({ f, o: outcomes[i]! })).filter((x) => x.f.length);
  const kinds = new Set<string>();
  for (const { f, o } of failing) {
    if (!o.ok) kinds.add(o.kind === 'threw' ? 'it threw an exception' : 'it returned a value that cannot be graded');
    for (const x of f) {
      if (o.ok && x.check === 'value') kinds.add(x.shape ? 'its result has the wrong type or shape' : 'its values are wrong');
      else if (x.check !== 'value') kinds.add(`property ${x.check} is violated`);
    }
  }
  const how = kinds.size ? ` (${[...kinds].join('; ')})` : '';
  if (hiddenPart) return `${fn} is wrong on ${failing.length} of ${failures.length} inputs of this hidden part${how}; they are not shown.`;
  const right = nVisible ? `right on the ${nVisible} test vector${nVisible === 1 ? '' : 's'} but ` : '';
  return `${fn} is ${right}wrong on ${failing.length} of ${failures.length - nVisible} generated inputs${how}; hidden inputs and your results on them are not shown.`;
}

function judgeOutcome(judge: Judge, args: unknown[], outcome: CallOutcome): Failure[] {
  if (outcome.ok) return judge.judge(args, outcome);
  const message = outcome.kind === 'threw' ? `it threw ${outcome.error}` : `it returned ${outcome.error}`;
  return [{ check: 'value', shape: true, message, actual: outcome.error }];
}

function buildChecks(part: CodePart | GradientPart, judge: Judge, nVisible: number, failures: Failure[][], visibleOnly: boolean): CheckResult[] {
  const checks: CheckResult[] = [];
  part.vectors.forEach((v, i) => {
    const f = failures[i]!.find((x) => x.check === 'value');
    checks.push({ name: `test vector ${v.name}`, visibility: part.visibility, ok: !f, runs: 1, ...(f ? { message: f.message } : {}) });
  });
  const hidden = failures.slice(nVisible);
  if (!visibleOnly) {
    const bad = hidden.filter((fs) => fs.some((x) => x.check === 'value'));
    const first = bad[0]?.find((x) => x.check === 'value');
    checks.push({
      name: 'generated inputs',
      visibility: 'hidden',
      ok: bad.length === 0,
      runs: hidden.length,
      ...(first ? { message: `wrong on ${bad.length} of ${hidden.length} inputs; first: ${first.message}` } : {}),
    });
  }
  for (const p of judge.properties) {
    const bad = failures.filter((fs) => fs.some((x) => x.check === p));
    const first = bad[0]?.find((x) => x.check === p);
    checks.push({
      name: `property ${p}`,
      visibility: visibleOnly ? 'visible' : 'hidden',
      ok: bad.length === 0,
      runs: failures.length,
      ...(first ? { message: `violated on ${bad.length} of ${failures.length} inputs: ${first.message}` } : {}),
    });
  }
  return checks;
}

/**
 * Replays the hidden run with fast-check, calling the sandbox once per candidate, to find a
 * smallest failing input. A bounded number of calls keeps a slow or hostile function from
 * making shrinking the bottleneck; it stays deterministic for a given seed.
 */
async function shrink(
  part: CodePart | GradientPart,
  ctx: CheckContext,
  judge: Judge,
  arbitrary: fc.Arbitrary<unknown[]>,
  code: CodeHandle,
  clock: GraderClock,
): Promise<{ args: unknown[]; outcome: CallOutcome; failure: Failure } | undefined> {
  let calls = 0;
  let fault: unknown;
  let last: { args: unknown[]; outcome: CallOutcome; failure: Failure } | undefined;
  // fast-check's own work (generating and shrinking candidates) happens between two calls of the
  // property: it is charged to the grader's clock too, the sandbox's time is not.
  let mark = performance.now();
  const property = fc.asyncProperty(arbitrary, async (args) => {
    if (calls++ >= SHRINK_CALLS || fault) return true;
    try {
      clock.charge(performance.now() - mark);
      clock.check();
    } catch (err) {
      fault = err;
      return true;
    }
    const [outcome] = await code.callBatch(part.function, [args]);
    mark = performance.now();
    if (!outcome || (!outcome.ok && (outcome.kind === 'timeout' || outcome.kind === 'crashed'))) return true;
    let fs: Failure[];
    try {
      fs = clock.step(() => judgeOutcome(judge, args, outcome));
    } catch (err) {
      fault = err;
      return true;
    } finally {
      mark = performance.now();
    }
    if (fs.length) last = { args, outcome, failure: fs[0]! };
    return fs.length === 0;
  });
  const details = await fc.check(property, { seed: ctx.seed, numRuns: part.runs });
  clock.charge(performance.now() - mark);
  if (fault) throw fault;
  if (!details.failed || !details.counterexample) return undefined;
  const [args] = details.counterexample;
  // `last` is the final failing candidate fast-check tried, which is the counterexample it reports.
  if (last && last.args === args) return last;
  const [outcome] = await code.callBatch(part.function, [args]);
  const fs = outcome ? clock.step(() => judgeOutcome(judge, args, outcome)) : [];
  return outcome && fs.length ? { args, outcome, failure: fs[0]! } : undefined;
}

function toCounterexample(params: string[], args: unknown[], outcome: CallOutcome, failure: Failure, hidden: boolean): Counterexample {
  return {
    input: renderArgs(params, args),
    expected: failure.expected ?? '(see message)',
    actual: failure.actual ?? (outcome.ok ? '(see message)' : outcome.error),
    ...(failure.where ? { where: failure.where } : {}),
    hidden,
  };
}

function passedFeedback(fn: string, nVisible: number, nHidden: number): string {
  const parts = [`${nVisible} test vector${nVisible === 1 ? '' : 's'}`];
  if (nHidden) parts.push(`${nHidden} generated inputs`);
  return `${fn} is correct on ${parts.join(' and ')}.`;
}

function failureText(first: Failure): string {
  return first.check === 'value' ? first.message : `property ${first.check} is violated: ${first.message}`;
}

export { ReferenceFault };
