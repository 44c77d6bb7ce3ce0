/**
 * Growth classes as answers: `Theta(n^2)`, `Θ(n log n)`, `O(2^n)`, `Omega(n)`, `o(n)`, compared
 * with a reference's values over a growing range.
 *
 * Why log-log slopes over n = 2^k for k up to 1000: whether f is Θ(g) is whether log f − log g
 * stays bounded, and the difference between n log n and n (a factor log n) only shows when n
 * spans many orders of magnitude. So h = ln f(n) − ln g(n) is computed at n = 2^k with k growing
 * by about half each step (4, 6, 8, 12, ..., 1000), and its slope against ln ln n is read at the
 * far end: about 0 for the same class, about b for an extra (log n)^b, without bound for a power
 * of n. Classes closer than (log n)^0.15 are not told apart (log log n factors, which homework
 * rarely asks). The student's g is evaluated in decimal (no overflow up to 10^(9e15)); the
 * reference solver in float64, as far as its values stay finite (2^n stops near n = 1000, where
 * exponentials are already far apart from anything polynomial).
 */
import { parse } from './math-parse.ts';
import { compileScalar, powerOfTwo, runDecimal, type ScalarProgram } from './scalar-program.ts';
import { readTypedFormula } from './typed-formula.ts';

export type GrowthNotation = 'Theta' | 'O' | 'Omega' | 'o' | 'omega';

export type GrowthAnswer = { ok: true; notation: GrowthNotation; program: ScalarProgram; text: string } | { ok: false; problem: string };

/** How f grows against g. */
export type GrowthRelation = 'same' | 'slower' | 'faster' | 'unknown';

const NOTATIONS: readonly [RegExp, GrowthNotation][] = [
  [/^(Theta|theta|Θ|θ|big-?theta)$/, 'Theta'],
  [/^(O|big-?O|𝒪)$/, 'O'],
  [/^(Omega|Ω|big-?omega)$/, 'Omega'],
  [/^(o|little-?o)$/, 'o'],
  [/^(omega|ω|little-?omega)$/, 'omega'],
];

const EXPONENTS = [2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1000];
const SAME = 0.15;

/** Reads `Theta(n^2)`, `O(n log n)`, `Ω(2^n)`... in the given variable. */
export function readGrowth(text: string, variable: string): GrowthAnswer {
  const m = /^\s*([^\s(]+)\s*\((.*)\)\s*$/s.exec(text.replace(/[−–]/g, '-'));
  const notation = m ? NOTATIONS.find(([re]) => re.test(m[1]!))?.[1] : undefined;
  if (!m || !notation) {
    return { ok: false, problem: `expected a growth class such as Theta(${variable}^2) or O(${variable} log ${variable}), found ${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)}` };
  }
  const functions = ['log', 'exp', 'sqrt', 'log2', 'log10'] as const;
  const typed = readTypedFormula(m[2]!, { names: [variable], functions, constants: ['e'], aliases: { ln: 'log', lg: 'log2' } });
  if (!typed.ok) return { ok: false, problem: `inside ${m[1]}(...): ${typed.problem}` };
  if (typed.text === '') return { ok: false, problem: `${m[1]}() is empty: write the growth inside, as in ${m[1]}(${variable}^2)` };
  let root;
  try {
    root = parse(typed.text);
  } catch (error) {
    return { ok: false, problem: `inside ${m[1]}(...): ${(error as Error).message}` };
  }
  const compiled = compileScalar(root, { variables: [variable], functions: [...functions], constants: ['e'] });
  if (!compiled.ok) {
    const names = compiled.undeclared;
    return { ok: false, problem: names.length > 0 ? `inside ${m[1]}(...): ${names.join(', ')} is not the variable ${variable}` : `inside ${m[1]}(...): ${compiled.problems.join('; ')}` };
  }
  return { ok: true, notation, program: compiled.program, text: `${notation}(${typed.text})` };
}

/** ln g(2^k), in decimal; undefined where g is not positive and finite. */
export function logOfFormula(program: ScalarProgram): (k: number) => number | undefined {
  return (k) => {
    try {
      const v = runDecimal(program, [powerOfTwo(k)]);
      if (!v.isFinite() || !v.isPositive() || v.isZero()) return undefined;
      return v.ln().toNumber();
    } catch {
      return undefined;
    }
  };
}

/** ln f(2^k) of a float64 reference; undefined where f(2^k) is not positive and finite. */
export function logOfSolver(f: (n: number) => number): (k: number) => number | undefined {
  return (k) => {
    const v = f(2 ** k);
    return Number.isFinite(v) && v > 0 ? Math.log(v) : undefined;
  };
}

/** f against g: 'same' (Θ), 'slower' (o), 'faster' (ω), with the slope read at the far end. */
export function compareGrowth(logF: (k: number) => number | undefined, logG: (k: number) => number | undefined): { relation: GrowthRelation; slope: number; upTo: number } {
  const points: { lnln: number; h: number; k: number }[] = [];
  for (const k of EXPONENTS) {
    const f = logF(k);
    const g = logG(k);
    if (f === undefined || g === undefined) {
      if (points.length > 0) break;
      continue;
    }
    points.push({ lnln: Math.log(k * Math.LN2), h: f - g, k });
  }
  if (points.length < 3) return { relation: 'unknown', slope: Number.NaN, upTo: points.at(-1)?.k ?? 0 };
  const a = points.at(-2)!;
  const b = points.at(-1)!;
  const slope = (b.h - a.h) / (b.lnln - a.lnln);
  const relation: GrowthRelation = Math.abs(slope) < SAME ? 'same' : slope > 0 ? 'faster' : 'slower';
  return { relation, slope, upTo: b.k };
}

export type GrowthVerdict = { ok: true } | { ok: false; feedback: string; /** The answer is true but not the tight class asked for. */ loose?: boolean };

/**
 * Whether the answer describes f. With `tight` (the default: the question asks for the growth
 * class), O and Omega must be tight bounds as Theta is; without it, each notation means what it
 * says (O(n^3) is true of n^2).
 */
export function checkGrowth(logF: (k: number) => number | undefined, answer: Extract<GrowthAnswer, { ok: true }>, options: { tight?: boolean } = {}): GrowthVerdict {
  const { relation, upTo } = compareGrowth(logF, logOfFormula(answer.program));
  if (relation === 'unknown') return { ok: false, feedback: `${answer.text} could not be compared: it is not positive and finite at n = 2^k for enough k.` };
  const tight = options.tight ?? true;
  const inner = answer.text.slice(answer.notation.length);
  const truth: Record<GrowthNotation, boolean> = {
    Theta: relation === 'same',
    O: relation === 'same' || relation === 'slower',
    Omega: relation === 'same' || relation === 'faster',
    o: relation === 'slower',
    omega: relation === 'faster',
  };
  const faster = relation === 'faster' ? 'grows faster than' : relation === 'slower' ? 'grows slower than' : 'grows as';
  const measured = `(compared up to n = 2^${upTo})`;
  if (!truth[answer.notation]) return { ok: false, feedback: `The quantity ${faster} ${inner.slice(1, -1)} ${measured}, so it is not ${answer.text}.` };
  if (tight && (answer.notation === 'O' || answer.notation === 'Omega') && relation !== 'same') {
    return { ok: false, loose: true, feedback: `${answer.text} is a true bound but not the tight one: the quantity ${faster} ${inner.slice(1, -1)} ${measured}.` };
  }
  if (tight && (answer.notation === 'o' || answer.notation === 'omega')) {
    return { ok: false, loose: true, feedback: `${answer.text} is true but says only how it compares, not its growth class: give Theta(...).` };
  }
  return { ok: true };
}
