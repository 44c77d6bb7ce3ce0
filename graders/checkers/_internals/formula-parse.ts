import type { MathNode } from 'mathjs';
import { parse } from '../_math/math-parse.ts';
import { readTypedFormula } from '../_math/typed-formula.ts';
import { compileScalar, scalarEvaluator, type ScalarFunction, type ScalarProgram } from '../_math/scalar-program.ts';

// The number-only build loads several times faster than the full one, and every value in it is
// a plain float64: sqrt, log and ^ of negative numbers give NaN, never complex numbers.

/**
 * Functions a formula may call (log is the natural logarithm; ln is read as log), with the
 * activations a deep-learning course writes.
 */
export const FORMULA_FUNCTIONS: readonly ScalarFunction[] = ['log', 'exp', 'sqrt', 'abs', 'sigmoid', 'tanh', 'softplus', 'relu', 'log1p'];
/** Named constants a formula may use, unless a variable has the same name. */
export const FORMULA_CONSTANTS: readonly string[] = ['pi', 'e'];

/** A formula ready to evaluate, or why it is not a formula of the part. */
export type CompiledFormula =
  | {
      ok: true;
      evaluate: (point: Readonly<Record<string, number>>) => number;
      /** The formula as it was read, when that differs from what was typed (`8C0K²` → `8 C0*K^2`). */
      reading?: string;
      program: ScalarProgram;
    }
  | { ok: false; problem: string };

/**
 * Parses a formula as students type it (see typed-formula.ts: `·`, `×`, `÷`, `**`, `²`, `ln`,
 * `[...]`, subscripts and Greek letters for declared variables) over the named variables, and
 * compiles it once. Anything else mathjs would accept (units, matrices, strings, assignments,
 * other functions) is rejected, and so is the ambiguous (`1/2x`), with how it would be read.
 */
export function compileFormula(text: string, variables: readonly string[]): CompiledFormula {
  const key = text.length <= MAX_CACHED_TEXT ? `${JSON.stringify(variables)}${text}` : undefined;
  let compiled = key === undefined ? undefined : COMPILED.get(key);
  if (compiled) {
    // Least recently used goes first.
    COMPILED.delete(key!);
  } else {
    // A copy: the program keeps its variables, and the caller's array may change later.
    compiled = compileProgram(text, Object.freeze([...variables]));
  }
  if (key !== undefined) {
    COMPILED.set(key, compiled);
    if (COMPILED.size > COMPILED_ENTRIES) COMPILED.delete(COMPILED.keys().next().value!);
  }
  if (!compiled.ok) return compiled;
  // Each use gets an evaluator of its own: its budget of decimal retries is spent per use.
  const result: CompiledFormula = { ok: true, evaluate: scalarEvaluator(compiled.program), program: compiled.program };
  if (compiled.reading !== undefined) result.reading = compiled.reading;
  return result;
}

// A class types the same few formulas, and a part's known mistakes are compiled for every wrong
// answer: parsing and compiling, pure in (text, variables), is done once per grader process. The
// programs are shared, so nothing may change one after it is compiled. Long texts are not kept:
// a hostile file of huge formulas must not grow the process.
const COMPILED = new Map<string, { ok: true; program: ScalarProgram; reading?: string } | { ok: false; problem: string }>();
const COMPILED_ENTRIES = 1024;
const MAX_CACHED_TEXT = 300;

function compileProgram(text: string, variables: readonly string[]): { ok: true; program: ScalarProgram; reading?: string } | { ok: false; problem: string } {
  const typed = readTypedFormula(text, { names: variables, functions: FORMULA_FUNCTIONS, constants: FORMULA_CONSTANTS, aliases: { ln: 'log' } });
  if (!typed.ok) return { ok: false, problem: typed.problem };
  const readAs = typed.changed ? ` (read as ${JSON.stringify(typed.text)})` : '';
  if (typed.text === '') return { ok: false, problem: `could not read the formula ${JSON.stringify(text)}: it is empty` };

  let node: MathNode;
  try {
    node = parse(typed.text);
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, problem: `the formula ${JSON.stringify(clip(text))} is nested too deeply to read` };
    return { ok: false, problem: `could not read the formula ${JSON.stringify(clip(text))}${readAs}: ${(error as Error).message}` };
  }

  const compiled = compileScalar(node, { variables, functions: FORMULA_FUNCTIONS, constants: FORMULA_CONSTANTS });
  if (!compiled.ok) {
    const problems = [...compiled.problems];
    if (compiled.undeclared.length > 0) {
      const names = compiled.undeclared;
      const declaredText = variables.length > 0 ? variables.join(', ') : 'none';
      problems.unshift(
        `the formula uses ${names.join(', ')}, which ${names.length === 1 ? 'is not a variable' : 'are not variables'} of this part (declared: ${declaredText})${readAs}`,
      );
    }
    return { ok: false, problem: problems.join('; ') };
  }
  return typed.changed ? { ok: true, program: compiled.program, reading: typed.text } : { ok: true, program: compiled.program };
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
