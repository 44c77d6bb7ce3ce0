import type { AlsoSimulate, PointInputs, SequenceInputs } from '../../pack/types.ts';
import { codeOptions, type RawCodeOptions } from '../code/kind.ts';
import type { AnswerKind } from '../kind.ts';
import { convertMistakes } from '../_internals/kind-helpers.ts';
import { weightsChecker } from './check.ts';
import type { WeightsPart } from './part.ts';
import { weightsSchema } from './schema.ts';

/** Inputs of a sequence task above this many bits (streams × exhaustive length) take too long to enumerate. */
export const MAX_SEQUENCE_BITS = 24;

type RawWeightsInputs =
  | { sequences: { streams: number; exhaustive_max_length?: number; random_max_length?: number; random_count?: number } }
  | { points: Pick<RawCodeOptions, 'params' | 'dims' | 'generators' | 'runs'> & { cases?: unknown[][] } };

/** A public copy simulates nothing: its inputs are left out. */
const NO_INPUTS: PointInputs = { kind: 'points', params: [], dims: {}, generators: {}, runs: 0, cases: [] };

function weightsInputs(raw: RawWeightsInputs | undefined): SequenceInputs | PointInputs {
  if (raw === undefined) return { ...NO_INPUTS, cases: [] };
  if ('sequences' in raw) {
    const s = raw.sequences;
    return { kind: 'sequences', streams: s.streams, exhaustiveMaxLength: s.exhaustive_max_length ?? 8, randomMaxLength: s.random_max_length ?? 64, randomCount: s.random_count ?? 2000 };
  }
  const { params, dims, generators } = codeOptions({ function: '', ...raw.points });
  return { kind: 'points', params, dims, generators, runs: raw.points.runs ?? 0, cases: (raw.points.cases ?? []).map((c) => [...c]) };
}

export const weightsKind: AnswerKind<WeightsPart> = {
  kind: 'weights',
  answeredIn: 'answers',
  schema: weightsSchema,
  convert(r, base) {
    const part: WeightsPart = {
      ...base,
      kind: 'weights',
      simulator: (r.simulator as string | undefined) ?? '',
      target: (r.target as string | undefined) ?? '',
      task: r.task as string,
      shapes: Object.fromEntries(Object.entries(r.shapes as Record<string, number[]>).map(([k, v]) => [k, [...v]])),
      inputs: weightsInputs(r.inputs as RawWeightsInputs | undefined),
      firstStepPoints: (r.partial_credit as { first_step_points?: number } | undefined)?.first_step_points ?? 0,
      mistakes: convertMistakes(r, (m) => ({ diagnostic: m.diagnostic as string }), 'diagnostic'),
    };
    if (typeof r.fast_path === 'string') part.fastPath = r.fast_path;
    const also = r.also_simulate as AlsoSimulate | undefined;
    if (also) part.alsoSimulate = { variant: also.variant, name: also.name, stated: also.stated, ...(also.advice === undefined ? {} : { advice: also.advice }) };
    return part;
  },
  names(p) {
    if (p.simulator === '') return [];
    return [
      { table: 'simulators', what: 'simulator', name: p.simulator, path: ['simulator'] },
      { table: 'solvers', what: 'solver', name: p.target, path: ['target'] },
      ...(p.fastPath === undefined ? [] : [{ table: 'fastPaths' as const, what: 'fast path', name: p.fastPath, path: ['fast_path'] }]),
      ...p.mistakes.map((m, j) => ({ table: 'diagnostics' as const, what: 'diagnostic', name: m.diagnostic, path: ['mistakes', j, 'diagnostic'] })),
    ];
  },
  mistakeMatcher: 'diagnostic',
  rules({ part, at, error, publicPack, raw }) {
    if (publicPack) return;
    for (const key of ['simulator', 'target', 'inputs']) {
      if (raw(key) === undefined) error('SCHEMA_REQUIRED', at(), `part ${part.id}: missing required property "${key}"; add it (only a public pack leaves it out)`);
    }
    if (raw('inputs') === undefined) return;
    const { inputs } = part;
    if (inputs.kind === 'sequences') {
      if (part.firstStepPoints > part.points) {
        error('FIRST_STEP_POINTS_EXCEED', at('partial_credit', 'first_step_points'), `first_step_points ${part.firstStepPoints} exceeds the part's ${part.points} points`);
      }
      const bits = inputs.streams * inputs.exhaustiveMaxLength;
      if (bits > MAX_SEQUENCE_BITS) {
        error('INPUTS_TOO_MANY', at('inputs', 'sequences'), `${inputs.streams} streams of length up to ${inputs.exhaustiveMaxLength} are 2^${bits} inputs to enumerate; keep streams × exhaustive_max_length at most ${MAX_SEQUENCE_BITS}`);
      }
      return;
    }
    if (part.firstStepPoints > 0) {
      error('PARTIAL_CREDIT_NOT_APPLICABLE', at('partial_credit', 'first_step_points'), `first_step_points applies to sequence inputs only; this part's inputs are points`);
    }
    if (part.fastPath !== undefined) {
      error('PARTIAL_CREDIT_NOT_APPLICABLE', at('fast_path'), `a fast path applies to sequence inputs only; this part's inputs are points, which are simulated one by one`);
    }
    inputs.cases.forEach((c, k) => {
      if (c.length !== inputs.params.length) error('CASE_ARITY', at('inputs', 'points', 'cases', k), `case ${k + 1} has ${c.length} value(s), but the inputs are ${inputs.params.length} (${inputs.params.join(', ')})`);
    });
    if (inputs.cases.length === 0 && inputs.runs === 0) {
      error('CASE_ARITY', at('inputs', 'points'), `no input to simulate: list cases, or set runs with generators`);
    }
    inputs.params.forEach((name, j) => {
      if (inputs.runs > 0 && !Object.hasOwn(inputs.generators, name)) error('GENERATOR_MISMATCH', at('inputs', 'points', 'params', j), `input "${name}" has no generator; add generators.${name}`);
    });
    for (const name of Object.keys(inputs.generators)) {
      if (!inputs.params.includes(name)) error('GENERATOR_MISMATCH', at('inputs', 'points', 'generators', name), `generator "${name}" is not an input (${inputs.params.join(', ')}); remove it or add it to params`, 'key');
    }
  },
  referenceRules() {},
  check: (part, answer, ctx) => weightsChecker.check(part, answer, ctx),
  selftest: {
    reference(p, pack) {
      const design = pack.examples.correct[p.id] ?? pack.examples.correct[p.simulator];
      return design === undefined ? { none: `add a correct design to the pack's examples.correct under "${p.id}" or "${p.simulator}"` } : { answer: design };
    },
    mistake(_p, m, pack) {
      const design = pack.examples.mistaken[m.diagnostic];
      return design === undefined ? { none: `add a design showing this mistake to the pack's examples.mistaken under "${m.diagnostic}"` } : { answer: design };
    },
  },
  publish(_part, node) {
    // The simulator, target and inputs are the pack's code and test; the advice for a design
    // right only as stated names a design that is right either way.
    for (const key of ['simulator', 'target', 'fast_path', 'inputs', 'also_simulate', 'partial_credit', 'mistakes']) node.delete(key);
  },
  answerHint: (p) => `weights: ${Object.entries(p.shapes).map(([n, s]) => `${n} ${s.length === 0 ? 'number' : `[${s.join(', ')}]`}`).join(', ')}`,
};
