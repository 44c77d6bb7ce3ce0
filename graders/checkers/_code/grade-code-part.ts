import fc from 'fast-check';
import { roundPoints } from '../../results/score.ts';
import type { CheckResult, Counterexample, PartResult } from '../../results/result.ts';
import type { CodePart, GradientPart } from '../../pack/types.ts';
import type { CallOutcome, CheckContext } from '../types.ts';
import { argsArbitrary } from './arbitraries.ts';
import type { Failure } from './compare.ts';
import { ReferenceFault } from '../../errors.ts';
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

  const visible = part.vectors.map((v) => v.args);
  // A public pack has no generators: build the arbitrary only when there are hidden runs.
  const hidden = ctx.visibleOnly || part.runs === 0 ? [] : fc.sample(argsArbitrary(part), { seed: ctx.seed, numRuns: part.runs });
  const inputs = [...visible, ...hidden];
  const outcomes = await code.callBatch(fn, inputs);

  const broken = outcomes.find((o): o is Extract<CallOutcome, { ok: false }> => !o.ok && (o.kind === 'timeout' || o.kind === 'crashed'));
  if (broken) {
    return { ...base, status: 'error', reason: broken.error, score: 0, feedback: `${fn} could not be graded: ${broken.error}.` };
  }
  const notFn = outcomes.find((o) => !o.ok && o.kind === 'not-a-function');
  if (notFn && !notFn.ok) {
    return { ...base, status: 'invalid', score: 0, feedback: `${notFn.error}: export a function ${fn}(${part.params.join(', ')}).` };
  }

  const failures = inputs.map((args, i) => judgeOutcome(judge, args, outcomes[i]!));
  const checks = buildChecks(part, judge, visible.length, failures, ctx.visibleOnly);
  const failingIdx = failures.flatMap((f, i) => (f.length ? [i] : []));
  if (!failingIdx.length) {
    return { ...base, status: 'passed', score: part.points, checks, feedback: passedFeedback(fn, visible.length, hidden.length) };
  }

  const mistake = part.mistakes.find((m) =>
    failingIdx.every((i) => {
      const o = outcomes[i]!;
      return o.ok && judge.reproduces(m.solver, inputs[i]!, o.value);
    }),
  );

  const firstVisible = failingIdx.find((i) => i < visible.length);
  let counterexample: Counterexample;
  let firstFailure: Failure;
  if (firstVisible !== undefined) {
    firstFailure = failures[firstVisible]![0]!;
    counterexample = toCounterexample(part.params, inputs[firstVisible]!, outcomes[firstVisible]!, firstFailure, false);
  } else {
    const shrunk = await shrink(part, ctx, judge, argsArbitrary(part));
    const i = failingIdx[0]!;
    const pick = shrunk ?? { args: inputs[i]!, outcome: outcomes[i]!, failure: failures[i]![0]! };
    firstFailure = pick.failure;
    counterexample = toCounterexample(part.params, pick.args, pick.outcome, pick.failure, true);
  }

  const credit = mistake ? Math.min(1, Math.max(0, mistake.credit)) : 0;
  const score = roundPoints(part.points * credit);
  const summary = failureSummary(fn, failures, visible, part.vectors, firstVisible, firstFailure);
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

function judgeOutcome(judge: Judge, args: unknown[], outcome: CallOutcome): Failure[] {
  if (outcome.ok) return judge.judge(args, outcome);
  const message = outcome.kind === 'threw' ? `it threw ${outcome.error}` : `it returned ${outcome.error}`;
  return [{ check: 'value', shape: true, message, actual: outcome.error }];
}

function buildChecks(part: CodePart | GradientPart, judge: Judge, nVisible: number, failures: Failure[][], visibleOnly: boolean): CheckResult[] {
  const checks: CheckResult[] = [];
  part.vectors.forEach((v, i) => {
    const f = failures[i]!.find((x) => x.check === 'value');
    checks.push({ name: `test vector ${v.name}`, visibility: 'visible', ok: !f, runs: 1, ...(f ? { message: f.message } : {}) });
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
): Promise<{ args: unknown[]; outcome: CallOutcome; failure: Failure } | undefined> {
  const code = ctx.code!;
  let calls = 0;
  let fault: unknown;
  let last: { args: unknown[]; outcome: CallOutcome; failure: Failure } | undefined;
  const property = fc.asyncProperty(arbitrary, async (args) => {
    if (calls++ >= SHRINK_CALLS || fault) return true;
    const [outcome] = await code.callBatch(part.function, [args]);
    if (!outcome || (!outcome.ok && (outcome.kind === 'timeout' || outcome.kind === 'crashed'))) return true;
    let fs: Failure[];
    try {
      fs = judgeOutcome(judge, args, outcome);
    } catch (err) {
      fault = err;
      return true;
    }
    if (fs.length) last = { args, outcome, failure: fs[0]! };
    return fs.length === 0;
  });
  const details = await fc.check(property, { seed: ctx.seed, numRuns: part.runs });
  if (fault) throw fault;
  if (!details.failed || !details.counterexample) return undefined;
  const [args] = details.counterexample;
  // `last` is the final failing candidate fast-check tried, which is the counterexample it reports.
  if (last && last.args === args) return last;
  const [outcome] = await code.callBatch(part.function, [args]);
  const fs = outcome ? judgeOutcome(judge, args, outcome) : [];
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

function failureSummary(
  fn: string,
  failures: Failure[][],
  visible: unknown[][],
  vectors: CodePart['vectors'],
  firstVisible: number | undefined,
  first: Failure,
): string {
  const nFail = failures.filter((f) => f.length).length;
  const what = first.check === 'value' ? first.message : `property ${first.check} is violated: ${first.message}`;
  if (firstVisible !== undefined) {
    return `${fn} is wrong on test vector ${vectors[firstVisible]!.name}: ${what}`;
  }
  const shown = first.shape || first.check !== 'value' ? `: ${what}` : '';
  const right = visible.length ? `right on the ${visible.length} test vector${visible.length === 1 ? '' : 's'} but ` : '';
  return `${fn} is ${right}wrong on ${nFail} of ${failures.length - visible.length} generated inputs${shown}`;
}

export { ReferenceFault };
