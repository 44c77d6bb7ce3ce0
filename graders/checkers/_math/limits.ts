/**
 * Limits: the value of an expression as a variable goes to a bound or to ±∞, answered as a
 * number, `inf`/`-inf`, "does not exist", or a formula in the other variables.
 *
 * Why the limit is read from the reference's values along a sequence, not derived: the
 * reference is course code (a solver), and the question is what its values approach. Along
 * x_k = 10^k (or a ± 10^-k) the values settle, then float64 rounding takes over (the error of
 * (1 + 1/x)^x is smallest near x = 10^8 and grows after); so the estimate is taken where two
 * successive values are closest without being equal, and that gap, with the part's tolerance, is how far an answer
 * may be from it. Divergence is recognised by values that keep moving the same way by steps
 * that do not shrink (log x gains 2.3 per decade), oscillation by steps that change sign.
 *
 * A limit in several variables (the limit as C0 → ∞ of a ratio in K and C0) is checked at
 * seeded random values of the others through fast-check, so a wrong formula shrinks to small
 * values of them.
 */
import fc from 'fast-check';
import { ReferenceFault } from '../../errors.ts';
import type { VariableDomain } from '../../pack/types.ts';
import { compileFormula } from '../_internals/formula-parse.ts';
import { formatNumber, formatPair } from '../_internals/render.ts';
import { pointArbitrary, renderPoint, type Point } from '../_internals/sample-points.ts';

export interface LimitQuestion {
  /** The variable that moves. */
  variable: string;
  /** Where it goes. */
  to: number | 'inf' | '-inf';
  /** From which side, for a finite target (default: both, which must agree). */
  side?: 'left' | 'right';
  /** The other variables, which the answer may use. */
  others: Readonly<Record<string, VariableDomain>>;
}

export type LimitValue = { kind: 'finite'; value: number; /** How far the estimate may be off. */ spread: number } | { kind: 'inf' } | { kind: '-inf' } | { kind: 'none' };

export type LimitAnswer =
  | { ok: true; kind: 'inf' | '-inf' | 'none' }
  | { ok: true; kind: 'formula'; evaluate: (point: Point) => number; reading?: string }
  | { ok: false; problem: string };

/** Reads "4", "7/25", "inf", "-∞", "does not exist", or a formula in the other variables. */
export function readLimitAnswer(answer: unknown, question: LimitQuestion): LimitAnswer {
  if (typeof answer === 'number') return Number.isFinite(answer) ? { ok: true, kind: 'formula', evaluate: () => answer } : { ok: true, kind: answer > 0 ? 'inf' : '-inf' };
  if (typeof answer !== 'string') return { ok: false, problem: 'expected a number, a formula, inf, -inf or "does not exist"' };
  const text = answer.trim().replace(/[−–]/g, '-');
  if (/^\+?(inf|infinity|∞|oo)$/i.test(text)) return { ok: true, kind: 'inf' };
  if (/^-(inf|infinity|∞|oo)$/i.test(text)) return { ok: true, kind: '-inf' };
  if (/^(does not exist|doesn't exist|dne|none|undefined|no limit)$/i.test(text)) return { ok: true, kind: 'none' };
  const names = Object.keys(question.others);
  const compiled = compileFormula(text, names);
  if (!compiled.ok) {
    const moving = new RegExp(`\\b${question.variable}\\b`).test(text) ? ` (the limit cannot depend on ${question.variable}, which goes to ${target(question)})` : '';
    return { ok: false, problem: `${compiled.problem}${moving}` };
  }
  const r: LimitAnswer = { ok: true, kind: 'formula', evaluate: compiled.evaluate };
  if (compiled.reading !== undefined) r.reading = compiled.reading;
  return r;
}

/** The values of `f` along the approach, and what they tend to. */
export function estimateLimit(f: (x: number) => number, question: Pick<LimitQuestion, 'to' | 'side'>): LimitValue {
  // Up to 10^15: beyond, 1 + 1/x is 1 in float64 and the values say nothing about the limit.
  if (question.to === 'inf' || question.to === '-inf') return tail(sequence(f, (k) => (question.to === 'inf' ? 10 ** k : -(10 ** k)), 1, 15));
  const a = question.to;
  const from = (s: number) => tail(sequence(f, (k) => a + s * 10 ** -k * Math.max(1, Math.abs(a)), 1, 15));
  if (question.side === 'left') return from(-1);
  if (question.side === 'right') return from(1);
  const l = from(-1);
  const r = from(1);
  if (l.kind !== r.kind) return { kind: 'none' };
  if (l.kind === 'finite' && r.kind === 'finite') {
    const spread = Math.max(l.spread, r.spread);
    return Math.abs(l.value - r.value) <= 10 * spread + 1e-9 * Math.max(1, Math.abs(l.value)) ? { kind: 'finite', value: (l.value + r.value) / 2, spread } : { kind: 'none' };
  }
  return l;
}

function sequence(f: (x: number) => number, x: (k: number) => number, from: number, to: number): number[] {
  const values: number[] = [];
  for (let k = from; k <= to; k++) {
    const xk = x(k);
    const y = f(xk);
    if (!Number.isFinite(xk) || Number.isNaN(y)) break;
    values.push(y);
    if (!Number.isFinite(y)) break;
  }
  return values;
}

function tail(values: number[]): LimitValue {
  const last = values.at(-1);
  if (last === Infinity) return { kind: 'inf' };
  if (last === -Infinity) return { kind: '-inf' };
  if (values.length < 4) return { kind: 'none' };
  const steps = values.slice(1).map((v, k) => v - values[k]!);
  // Successive values close in while the limit dominates; once the gaps stop shrinking, float
  // rounding does (and a run of equal values after a jump, as 1 − cos x = 0 for tiny x, is
  // rounding too). The estimate is the last value of the shrinking run.
  let best = -1;
  for (let k = 0; k < steps.length; k++) {
    if (steps[k] === 0) break;
    if (best >= 0 && Math.abs(steps[k]!) > Math.abs(steps[best]!)) break;
    best = k;
  }
  if (best < 0) return { kind: 'finite', value: values[0]!, spread: 0 };
  const value = values[best + 1]!;
  const spread = Math.abs(steps[best]!);
  const late = steps.slice(-4);
  const scale = Math.max(1, Math.abs(value));
  if (spread <= 1e-6 * scale) return { kind: 'finite', value, spread };
  const sameSign = late.every((s) => s > 0) || late.every((s) => s < 0);
  const notShrinking = late.every((s, k) => k === 0 || Math.abs(s) >= 0.9 * Math.abs(late[k - 1]!));
  if (sameSign && notShrinking) return late[0]! > 0 ? { kind: 'inf' } : { kind: '-inf' };
  if (!sameSign && late.some((s) => Math.abs(s) > 1e-3 * scale)) return { kind: 'none' };
  return { kind: 'finite', value, spread };
}

export type LimitVerdict =
  | { ok: true; runs: number }
  | { ok: false; runs: number; point: Point; feedback: string; expected: string; actual: string };

export interface LimitCheck {
  question: LimitQuestion;
  /** The reference expression, at a point of every variable (the moving one included). */
  reference: (point: Point) => number;
  answer: Exclude<LimitAnswer, { ok: false }>;
  samples: number;
  seed: number;
  tolerance: number;
}

/** Compares the answer with the limit of the reference at random values of the other variables. */
export function checkLimit(c: LimitCheck): LimitVerdict {
  const { question } = c;
  const limitAt = (point: Point) => estimateLimit((x) => c.reference({ ...point, [question.variable]: x }), question);
  const holds = (point: Point): boolean => {
    const want = limitAt(point);
    if (c.answer.kind !== 'formula') return want.kind === c.answer.kind;
    if (want.kind !== 'finite') return false;
    const got = c.answer.evaluate(point);
    return Number.isFinite(got) && Math.abs(got - want.value) <= Math.max(c.tolerance * Math.max(1, Math.abs(got), Math.abs(want.value)), 10 * want.spread);
  };
  const names = Object.keys(question.others);
  let runs = 1;
  let point: Point = {};
  if (names.length === 0) {
    if (holds({})) return { ok: true, runs };
  } else {
    const details = fc.check(fc.property(pointArbitrary(question.others), holds), { numRuns: c.samples, seed: c.seed });
    if (details.errorInstance instanceof ReferenceFault) throw details.errorInstance;
    runs = details.numRuns;
    if (!details.failed) return { ok: true, runs };
    point = details.counterexample![0];
  }
  const estimate = limitAt(point);
  // The estimate is within its spread of the limit: shown as the short decimal it rounds to (4, not 3.9999999999999996).
  const want = estimate.kind === 'finite' && Math.abs(Number(estimate.value.toPrecision(12)) - estimate.value) <= 10 * estimate.spread + 1e-15 * Math.abs(estimate.value) ? { ...estimate, value: Number(estimate.value.toPrecision(12)) } : estimate;
  const wantText = describeLimit(want);
  const gotValue = c.answer.kind === 'formula' ? c.answer.evaluate(point) : undefined;
  const [gotText, wantNumber] = gotValue !== undefined && want.kind === 'finite' ? formatPair(gotValue, want.value) : [c.answer.kind === 'formula' ? formatNumber(gotValue ?? Number.NaN) : describeLimit({ kind: c.answer.kind } as LimitValue), wantText];
  const at = names.length > 0 ? ` at ${renderPoint(point)}` : '';
  return {
    ok: false,
    runs,
    point,
    feedback: `As ${question.variable} → ${target(question)}${at}, the expression tends to ${want.kind === 'finite' ? wantNumber : wantText}, not ${gotText}.`,
    expected: want.kind === 'finite' ? wantNumber : wantText,
    actual: gotText,
  };
}

function describeLimit(v: LimitValue): string {
  switch (v.kind) {
    case 'finite':
      return formatNumber(v.value);
    case 'inf':
      return 'inf';
    case '-inf':
      return '-inf';
    case 'none':
      return 'no limit';
  }
}

function target(q: Pick<LimitQuestion, 'to' | 'side'>): string {
  if (q.to === 'inf') return '∞';
  if (q.to === '-inf') return '-∞';
  return `${q.to}${q.side === 'left' ? '⁻' : q.side === 'right' ? '⁺' : ''}`;
}
