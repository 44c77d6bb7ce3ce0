/**
 * A variant per student: parameters drawn from the keyed hash of (course secret, assignment,
 * question, student), with `where:` constraints met by rejection.
 *
 * Why rejection, and a detector: rejection keeps every admissible variant equally likely (what a
 * course author expects from "a, b in 1..9 where a < b"), but a constraint met by one draw in
 * ten thousand would make a student's draw run long or fail. So the constraints are measured
 * once, at validation, on a fixed stream of trial draws: too rare to be met within
 * {@link MAX_TRIES} draws with probability 1 − 10⁻⁶ is an author error, with the rate of each
 * constraint so the author sees which one to loosen. A draw that still fails (it cannot after a
 * passing validation, short of a one-in-a-million stream) is reported, never silently replaced.
 *
 * Parameters are drawn in the order of their names, each from its own range, all from one
 * stream: reordering the spec's keys does not change anyone's numbers; adding a parameter does
 * (which is what a new question is). Reals are drawn on the grid of their `decimals`, so a
 * student reads 0.35, not 0.3500000001.
 */
import { parse } from './math-parse.ts';
import { compileScalar, scalarEvaluator } from './scalar-program.ts';
import { readTypedFormula } from './typed-formula.ts';
import { Xoshiro128, variantDigest, type VariantKey } from './prng.ts';

export const MAX_TRIES = 1000;
const TRIALS = 4000;
/** A student's draw may fail with probability at most this. */
const FAILURE_BOUND = 1e-6;

export type ParamSpec =
  | { type: 'integer'; min: number; max: number; /** Only multiples of step from min (default 1). */ step?: number }
  | { type: 'real'; min: number; max: number; /** Decimals kept (default 2). */ decimals?: number }
  | { type: 'choice'; options: readonly (string | number)[] };

export interface VariantSpec {
  params: Readonly<Record<string, ParamSpec>>;
  /** Conditions on numeric parameters, all of which must hold: `a < b`, `a + b != 10`. */
  where?: readonly string[];
}

export type ParamValues = Readonly<Record<string, string | number>>;

export type CompiledVariants =
  | { ok: true; names: string[]; draw: (rng: Xoshiro128) => Record<string, string | number>; holds: (values: ParamValues) => boolean[] }
  | { ok: false; problems: string[] };

/** Checks the parameter declarations and compiles the constraints. */
export function compileVariants(spec: VariantSpec): CompiledVariants {
  const names = Object.keys(spec.params).sort();
  const problems: string[] = [];
  const numeric = names.filter((n) => {
    const p = spec.params[n]!;
    return p.type !== 'choice' || p.options.every((o) => typeof o === 'number');
  });
  for (const name of names) {
    const p = spec.params[name]!;
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) problems.push(`parameter "${name}": a name is a letter followed by letters, digits or _`);
    if (p.type === 'choice') {
      if (p.options.length === 0) problems.push(`parameter "${name}": a choice needs at least one option`);
      continue;
    }
    if (!Number.isFinite(p.min) || !Number.isFinite(p.max) || p.max < p.min) problems.push(`parameter "${name}": min (${p.min}) and max (${p.max}) must be finite with min ≤ max`);
    if (p.type === 'integer') {
      const step = p.step ?? 1;
      if (!Number.isSafeInteger(p.min) || !Number.isSafeInteger(p.max) || !Number.isSafeInteger(step) || step < 1) problems.push(`parameter "${name}": an integer range needs whole min, max and step ≥ 1`);
    } else {
      const d = p.decimals ?? 2;
      if (!Number.isInteger(d) || d < 0 || d > 12) problems.push(`parameter "${name}": decimals must be a whole number from 0 to 12, found ${d}`);
      else if (Math.ceil(p.min * 10 ** d) > Math.floor(p.max * 10 ** d)) problems.push(`parameter "${name}": no number with ${d} decimals lies in [${p.min}, ${p.max}]`);
    }
  }
  const conditions: ((values: ParamValues) => boolean)[] = [];
  (spec.where ?? []).forEach((text, k) => {
    const typed = readTypedFormula(text, { names: numeric, functions: ['abs', 'sqrt', 'log', 'exp', 'floor', 'ceil', 'min', 'max', 'isint'], constants: ['pi', 'e'], predicate: true });
    if (!typed.ok) return void problems.push(`where[${k}] ${JSON.stringify(text)}: ${typed.problem}`);
    let root;
    try {
      root = parse(typed.text);
    } catch (error) {
      return void problems.push(`where[${k}] ${JSON.stringify(text)}: ${(error as Error).message}`);
    }
    const compiled = compileScalar(root, { variables: numeric, functions: ['abs', 'sqrt', 'log', 'exp', 'floor', 'ceil', 'min', 'max', 'isint'], constants: ['pi', 'e'], predicate: true });
    if (!compiled.ok) {
      const unknown = compiled.undeclared.length > 0 ? `uses ${compiled.undeclared.join(', ')}, which ${compiled.undeclared.length === 1 ? 'is not a numeric parameter' : 'are not numeric parameters'} (numeric: ${numeric.join(', ') || 'none'})` : compiled.problems.join('; ');
      return void problems.push(`where[${k}] ${JSON.stringify(text)}: ${unknown}`);
    }
    const evaluate = scalarEvaluator(compiled.program);
    conditions.push((values) => {
      const v = evaluate(values as Record<string, number>);
      return v !== 0 && !Number.isNaN(v);
    });
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    names,
    draw(rng) {
      const values: Record<string, string | number> = {};
      for (const name of names) values[name] = drawParam(spec.params[name]!, rng);
      return values;
    },
    holds: (values) => conditions.map((c) => c(values)),
  };
}

function drawParam(p: ParamSpec, rng: Xoshiro128): string | number {
  switch (p.type) {
    case 'integer': {
      const step = p.step ?? 1;
      return p.min + step * rng.integer(0, Math.floor((p.max - p.min) / step));
    }
    case 'real': {
      const d = p.decimals ?? 2;
      const scale = 10 ** d;
      // Dividing the integer by a power of ten gives the double nearest the decimal, which prints as written.
      return rng.integer(Math.ceil(p.min * scale), Math.floor(p.max * scale)) / scale;
    }
    case 'choice':
      return rng.pick(p.options);
  }
}

export type Variant = { ok: true; values: Record<string, string | number>; tries: number } | { ok: false; problem: string };

/** The student's parameters for one question: the same key always gives the same values. */
export function drawVariant(spec: VariantSpec, key: VariantKey): Variant {
  const compiled = compileVariants(spec);
  if (!compiled.ok) return { ok: false, problem: compiled.problems.join('; ') };
  const rng = Xoshiro128.forVariant(key);
  for (let tries = 1; tries <= MAX_TRIES; tries++) {
    const values = compiled.draw(rng);
    if (compiled.holds(values).every(Boolean)) return { ok: true, values, tries };
  }
  return { ok: false, problem: `no draw of ${MAX_TRIES} met the where: constraints of question ${key.question} for student ${key.student}` };
}

export type ConstraintAssessment =
  | { ok: true; rate: number }
  | { ok: false; rate: number; problem: string; /** Share of trial draws meeting each constraint. */ rates: number[] };

/**
 * Measures the constraints on a fixed stream of trial draws (the same for every run, so
 * validation is deterministic) and refuses constraints too rare to meet reliably.
 */
export function assessConstraints(spec: VariantSpec, trials = TRIALS): ConstraintAssessment {
  const compiled = compileVariants(spec);
  if (!compiled.ok) return { ok: false, rate: 0, problem: compiled.problems.join('; '), rates: [] };
  const rng = Xoshiro128.fromDigest(variantDigest({ secret: 'dlgrade-constraint-trials', assignment: '', question: '', student: '' }));
  let met = 0;
  const counts = (spec.where ?? []).map(() => 0);
  for (let k = 0; k < trials; k++) {
    const holds = compiled.holds(compiled.draw(rng));
    holds.forEach((h, j) => (counts[j]! += h ? 1 : 0));
    if (holds.every(Boolean)) met++;
  }
  const rate = met / trials;
  const rates = counts.map((c) => c / trials);
  // (1 − rate)^MAX_TRIES ≤ FAILURE_BOUND, with the estimate's own uncertainty left to the margin.
  const needed = 1 - FAILURE_BOUND ** (1 / MAX_TRIES);
  if (rate >= needed * 1.5) return { ok: true, rate };
  const each = (spec.where ?? []).map((w, j) => `${JSON.stringify(w)} holds in ${pct(rates[j]!)}`).join(', ');
  const found = met === 0 ? `no draw of ${trials}` : `${met} of ${trials} draws (${pct(rate)})`;
  return {
    ok: false,
    rate,
    rates,
    problem: `the where: constraints are met by ${found}; a student's variant needs at least ${pct(needed * 1.5)} to be drawn reliably within ${MAX_TRIES} tries (${each}): widen the ranges or loosen the constraints`,
  };
}

function pct(x: number): string {
  return `${Number((x * 100).toPrecision(3))}%`;
}
