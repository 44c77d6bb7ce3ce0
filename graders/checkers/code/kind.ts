import { isCollection, type YAMLMap, type YAMLSeq } from 'yaml';
import type { SolverFn } from '../../pack/define-pack.ts';
import type { ArgGenerator, CodeCheckOptions, DimSpec, TestVector } from '../../pack/types.ts';
import type { AnswerKind, KindRuleContext, PublishContext } from '../kind.ts';
import { drawArgs } from '../_code/draw-args.ts';
import { matchShape, withinTolerance } from '../_code/compare.ts';
import { attempt, convertMistakes, firstNonFinite, VALIDATION_SEED } from '../_internals/kind-helpers.ts';
import type { GradientPart } from '../gradient/part.ts';
import { codeChecker } from './check.ts';
import type { CodePart } from './part.ts';
import { codeSchema } from './schema.ts';

type RawGenerator =
  | { type: 'number' | 'integer'; min: number; max: number }
  | { type: 'vector'; length: string; min: number; max: number }
  | { type: 'matrix'; rows: string; cols: string; min: number; max: number }
  | { type: 'index'; dim: string }
  | { type: 'indices'; count: string; dim: string }
  | { type: 'vectors'; count: string; max_length: number; min: number; max: number }
  | { type: 'record'; fields: Record<string, RawGenerator> };

export interface RawCodeOptions {
  function: string;
  params: string[];
  dims?: Record<string, { min?: number; max?: number; times?: [string, number] }>;
  generators?: Record<string, RawGenerator>;
  vectors?: TestVector[];
  runs?: number;
}

export function convertGenerator(g: RawGenerator): ArgGenerator {
  switch (g.type) {
    case 'vectors':
      return { type: 'vectors', count: g.count, maxLength: g.max_length, min: g.min, max: g.max };
    case 'record':
      return { type: 'record', fields: Object.fromEntries(Object.entries(g.fields).map(([k, v]) => [k, convertGenerator(v)])) };
    default:
      return { ...g };
  }
}

function convertDim(d: { min?: number; max?: number; times?: [string, number] }): DimSpec {
  return d.times ? { times: [d.times[0], d.times[1]] } : { min: d.min ?? 0, max: d.max ?? 0 };
}

/** The options code, gradient and the points inputs of weights share (function, params, dims, generators, vectors, runs). */
export function codeOptions(raw: RawCodeOptions): CodeCheckOptions {
  return {
    function: raw.function,
    params: [...raw.params],
    dims: Object.fromEntries(Object.entries(raw.dims ?? {}).map(([k, v]) => [k, convertDim(v)])),
    generators: Object.fromEntries(Object.entries(raw.generators ?? {}).map(([k, v]) => [k, convertGenerator(v)])),
    vectors: (raw.vectors ?? []).map((v) => ({ name: v.name, args: v.args, ...(v.expected === undefined ? {} : { expected: v.expected }) })),
    runs: raw.runs ?? 100,
  };
}

function eachGenerator(gens: Record<string, ArgGenerator>, base: readonly (string | number)[], visit: (g: ArgGenerator, path: (string | number)[]) => void): void {
  for (const [name, g] of Object.entries(gens)) {
    visit(g, [...base, name]);
    if (g.type === 'record') eachGenerator(g.fields, [...base, name, 'fields'], visit);
  }
}

function dimRefs(g: ArgGenerator): [string, string][] {
  switch (g.type) {
    case 'vector':
      return [['length', g.length]];
    case 'matrix':
      return [['rows', g.rows], ['cols', g.cols]];
    case 'index':
      return [['dim', g.dim]];
    case 'indices':
      return [['count', g.count], ['dim', g.dim]];
    case 'vectors':
      return [['count', g.count]];
    default:
      return [];
  }
}

/** The rules of code and gradient parts: domains, dims, generators against params, vector arity, a public copy's vectors. */
export function codeRules(c: KindRuleContext<CodePart | GradientPart>): void {
  const { part: p, at, error, publicPack } = c;
  const required = p.kind === 'code' ? ['solver'] : ['loss', 'solver'];
  if (!publicPack) {
    for (const key of required) if (c.raw(key) === undefined) error('SCHEMA_REQUIRED', at(), `part ${p.id}: missing required property "${key}"; add it (only a public pack leaves it out)`);
  } else {
    p.vectors.forEach((v, k) => {
      if (v.expected === undefined) error('SCHEMA_REQUIRED', at('vectors', k), `test vector "${v.name}" of a public pack has no expected output; publish-spec writes it from the reference`);
    });
  }
  eachGenerator(p.generators, at('generators'), (g, path) => {
    if ('min' in g && 'max' in g && g.min > g.max) error('BAD_DOMAIN', [...path, 'min'], `generator "${String(path.at(-1))}": min ${g.min} is greater than max ${g.max}`);
  });
  const raw = (c.raw('dims') ?? {}) as Record<string, { min?: number; max?: number; times?: [string, number] }>;
  for (const [name, d] of Object.entries(raw)) {
    if (d.min !== undefined && d.max !== undefined && d.min > d.max) error('BAD_DOMAIN', at('dims', name, 'min'), `dim "${name}": min ${d.min} is greater than max ${d.max}`);
    const hasRange = d.min !== undefined && d.max !== undefined;
    const hasTimes = d.times !== undefined;
    if (hasTimes === (d.min !== undefined || d.max !== undefined) || (!hasTimes && !hasRange)) {
      error('BAD_DIM', at('dims', name), `dim "${name}" must have either min and max, or times alone`);
    } else if (hasTimes) {
      const ref = d.times![0];
      const target = raw[ref];
      if (target === undefined) error('UNKNOWN_DIM', at('dims', name, 'times', 0), `dim "${name}" multiplies "${ref}", which is not declared in dims`);
      else if (target.times !== undefined) error('BAD_DIM', at('dims', name, 'times', 0), `dim "${name}" multiplies "${ref}", itself a product; refer to a dim with min and max`);
    }
  }
  eachGenerator(p.generators, at('generators'), (g, path) => {
    for (const [field, ref] of dimRefs(g)) {
      if (!Object.hasOwn(raw, ref)) error('UNKNOWN_DIM', [...path, field], `generator "${String(path.at(-1))}" uses dim "${ref}", which is not declared in dims (${Object.keys(raw).join(', ') || 'none'})`);
    }
  });
  p.params.forEach((name, j) => {
    // Without hidden runs nothing is generated (a public pack ships no generators).
    if (p.runs > 0 && !Object.hasOwn(p.generators, name)) error('GENERATOR_MISMATCH', at('params', j), `parameter "${name}" has no generator; add generators.${name}`);
  });
  for (const name of Object.keys(p.generators)) {
    if (!p.params.includes(name)) error('GENERATOR_MISMATCH', at('generators', name), `generator "${name}" is not a parameter (${p.params.join(', ')}); remove it or add it to params`, 'key');
  }
  p.vectors.forEach((v, k) => {
    if (v.args.length !== p.params.length) error('VECTOR_ARITY', at('vectors', k, 'args'), `test vector "${v.name}" has ${v.args.length} argument(s), but ${p.function} takes ${p.params.length} (${p.params.join(', ')})`);
  });
  if (publicPack && p.runs > 0) error('PUBLIC_PACK_HIDDEN', at('runs'), `part ${p.id} has ${p.runs} hidden runs, but a public pack has none; set runs: 0`);
}

/** Generated inputs per code part validate runs the reference on: enough to see a bad domain, cheap enough. */
const CODE_SAMPLES = 30;

function solverArgs(part: CodePart | GradientPart): unknown[][] {
  const visible = part.vectors.map((v) => v.args);
  if (part.runs === 0 || part.params.some((p) => !Object.hasOwn(part.generators, p))) return visible;
  const generated = attempt(() => drawArgs(part, VALIDATION_SEED, Math.min(CODE_SAMPLES, part.runs)));
  return generated.ok ? [...visible, ...generated.value] : visible;
}

/** Reports the first input where `fn` does not give finite numbers; true when it was clean. */
function finiteOn(fn: SolverFn, name: string, c: KindRuleContext<CodePart | GradientPart>, args: unknown[][]): boolean {
  const { part, at } = c;
  for (const [k, a] of args.entries()) {
    const run = attempt(() => fn(...structuredClone(a)));
    const problem = run.ok ? firstNonFinite(run.value) : `an error (${run.error})`;
    if (problem) {
      const fromVector = k < part.vectors.length;
      const where = fromVector ? at('vectors', k, 'args') : at('generators');
      const input = fromVector ? `test vector "${part.vectors[k]!.name}"` : `a generated input ${JSON.stringify(a).slice(0, 160)}`;
      c.error('SOLVER_NOT_FINITE', where, `reference "${name}" gives ${problem} on ${input}; ${fromVector ? 'fix the vector' : "narrow the generators' domains"} so every input is one the reference can grade`, fromVector ? 'value' : 'key');
      return false;
    }
  }
  return true;
}

/** Runs the reference (and a gradient's loss) on the vectors and a sample of generated inputs; a mutant that never differs is reported. */
export function codeReferenceRules(c: KindRuleContext<CodePart | GradientPart>): void {
  const { part, pack, at } = c;
  const solver = pack.solvers[part.solver];
  if (!solver) return;
  const args = solverArgs(part);
  if (!finiteOn(solver, part.solver, c, args)) return;
  if (part.kind === 'gradient') {
    const loss = pack.solvers[part.loss];
    if (loss && !finiteOn(loss, part.loss, c, args)) return;
  }
  const tol = part.kind === 'code' ? part.tolerance : { rel: part.threshold, abs: 1e-9 };
  part.mistakes.forEach((m, j) => {
    const mutant = pack.solvers[m.solver];
    if (!mutant || args.length === 0) return;
    const same = args.every((a) => {
      const want = attempt(() => solver(...structuredClone(a)));
      const got = attempt(() => mutant(...structuredClone(a)));
      if (!want.ok || !got.ok) return false;
      const shaped = matchShape(want.value, got.value);
      return 'leaves' in shaped && shaped.leaves.every((l) => withinTolerance(l.expected, l.actual, tol));
    });
    if (same) {
      c.error('MISTAKE_EQUALS_ANSWER', at('mistakes', j, 'solver'), `mutant "${m.solver}" of known mistake "${m.id}" agrees with the reference "${part.solver}" on every test vector and generated input; it cannot be told apart from a right answer`);
    }
  });
}

/**
 * The public form of a code or gradient part: the visible vectors, each with the reference's
 * output precomputed, and no solver, loss, property, mutant, generator or hidden run.
 */
export function publishCode(part: CodePart | GradientPart, node: YAMLMap, c: PublishContext): void {
  const solver = c.pack.solvers[part.solver];
  const vectors = part.vectors.map((v) => ({ name: v.name, args: v.args, expected: solver ? toPlain(solver(...structuredClone(v.args))) : v.expected }));
  for (const key of ['solver', 'loss', 'properties', 'mistakes', 'generators', 'dims']) node.delete(key);
  node.set('runs', 0);
  if (vectors.length === 0) return;
  // Arguments and outputs are written on one line each, as authors write vectors.
  const seq = c.doc.createNode(vectors) as YAMLSeq<YAMLMap>;
  for (const item of seq.items) {
    for (const key of ['args', 'expected']) {
      const value = item.get(key, true);
      if (isCollection(value)) value.flow = true;
    }
  }
  node.set('vectors', seq);
}

/** Typed arrays and nested values as plain lists, as YAML writes them. */
function toPlain(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}

export const codeKind: AnswerKind<CodePart> = {
  kind: 'code',
  answeredIn: 'solution',
  schema: codeSchema,
  convert: (r, base) => ({
    ...base,
    kind: 'code',
    ...codeOptions(r as unknown as RawCodeOptions),
    solver: (r.solver as string | undefined) ?? '',
    tolerance: { ...((r.tolerance as { rel: number; abs: number } | undefined) ?? { rel: 1e-6, abs: 1e-9 }) },
    properties: [...((r.properties as string[] | undefined) ?? [])],
    mistakes: convertMistakes(r, (m) => ({ solver: m.solver as string }), 'solver'),
  }),
  names: (p) => [
    ...(p.solver === '' ? [] : [{ table: 'solvers' as const, what: 'solver', name: p.solver, path: ['solver'] }]),
    ...p.properties.map((name, j) => ({ table: 'properties' as const, what: 'property', name, path: ['properties', j] })),
    ...p.mistakes.map((m, j) => ({ table: 'solvers' as const, what: 'mutant solver', name: m.solver, path: ['mistakes', j, 'solver'] })),
  ],
  mistakeMatcher: 'solver',
  rules: (c) => codeRules(c),
  referenceRules: (c) => codeReferenceRules(c),
  check: (part, answer, ctx) => codeChecker.check(part, answer, ctx),
  selftest: {
    reference: (p) => ({ code: p.solver }),
    mistake: (_p, m) => ({ code: m.solver }),
  },
  publish: (part, node, c) => publishCode(part, node, c),
  answerHint: (p) => `function ${p.function}`,
};
