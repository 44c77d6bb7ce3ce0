import type {
  AlsoSimulate,
  ArgGenerator,
  Assignment,
  ChoicePart,
  CodePart,
  DimSpec,
  FormulaPart,
  GradescopeVisibility,
  GradientPart,
  LatePolicy,
  NumberPart,
  PackReference,
  PartSpec,
  PointInputs,
  Question,
  SequenceInputs,
  SourcePos,
  TestVector,
  TextPart,
  VariableDomain,
  WeightsPart,
} from './types.ts';

/*
 * The YAML shapes (snake_case) as the JSON Schemas accept them. Conversion runs only on data that
 * passed the schema, so these types hold; optional fields get their documented defaults here.
 */

interface RawMistake {
  id: string;
  feedback: string;
  credit?: number;
}

interface RawPartBase {
  id: string;
  kind: PartSpec['kind'];
  points: number;
  prompt: string;
  visibility?: 'visible' | 'hidden';
}

type RawGenerator =
  | { type: 'number' | 'integer'; min: number; max: number }
  | { type: 'vector'; length: string; min: number; max: number }
  | { type: 'matrix'; rows: string; cols: string; min: number; max: number }
  | { type: 'index'; dim: string }
  | { type: 'indices'; count: string; dim: string }
  | { type: 'vectors'; count: string; max_length: number; min: number; max: number }
  | { type: 'record'; fields: Record<string, RawGenerator> };

interface RawCodeOptions {
  function: string;
  params: string[];
  dims?: Record<string, { min?: number; max?: number; times?: [string, number] }>;
  generators?: Record<string, RawGenerator>;
  vectors?: TestVector[];
  runs?: number;
}

export type RawPart = RawPartBase &
  Record<string, unknown> & {
    mistakes?: (RawMistake & Record<string, unknown>)[];
  };

export interface RawQuestion {
  id: string;
  title: string;
  parts: RawPart[];
}

export interface RawAssignment {
  id: string;
  title: string;
  total: number;
  due?: string;
  late_policy?: { per: 'day' | 'hour'; penalty_percent: number; max_late: number };
  gradescope?: { hidden_visibility?: GradescopeVisibility };
  files: { answers: string; solution: string[] };
  questions: string[];
  reference?: string;
}

export const DEFAULTS = {
  visibility: 'visible',
  credit: 0,
  numberTolerance: 0,
  formulaTolerance: 1e-6,
  samples: 200,
  runs: 100,
  codeTolerance: { rel: 1e-6, abs: 1e-9 },
  threshold: 1e-5,
  step: 1e-5,
  exhaustiveMaxLength: 8,
  randomMaxLength: 64,
  randomCount: 2000,
  firstStepPoints: 0,
  pointRuns: 0,
} as const;

/**
 * A mistake without what recognises it (`matcher`: its formula, mutant solver or diagnostic) is
 * only described, as in a public pack: it can never match, so grading does not see it.
 */
function mistakes<T>(raw: RawPart, extra: (m: RawMistake & Record<string, unknown>) => T, matcher?: string) {
  return (raw.mistakes ?? []).filter((m) => matcher === undefined || m[matcher] !== undefined).map((m) => ({ id: m.id, feedback: m.feedback, credit: m.credit ?? DEFAULTS.credit, ...extra(m) }));
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

function codeOptions(raw: RawCodeOptions) {
  return {
    function: raw.function,
    params: [...raw.params],
    dims: Object.fromEntries(Object.entries(raw.dims ?? {}).map(([k, v]) => [k, convertDim(v)])),
    generators: Object.fromEntries(Object.entries(raw.generators ?? {}).map(([k, v]) => [k, convertGenerator(v)])),
    vectors: (raw.vectors ?? []).map((v) => ({ name: v.name, args: v.args })),
    runs: raw.runs ?? DEFAULTS.runs,
  };
}

export function convertPart(raw: RawPart, pos: SourcePos): PartSpec {
  const base = {
    id: raw.id,
    points: raw.points,
    prompt: raw.prompt,
    visibility: raw.visibility ?? DEFAULTS.visibility,
    pos,
  };
  const r = raw as Record<string, unknown>;
  switch (raw.kind) {
    case 'number': {
      const part: NumberPart = {
        ...base,
        kind: 'number',
        solver: r.solver as string,
        tolerance: (r.tolerance as number | undefined) ?? DEFAULTS.numberTolerance,
        mistakes: mistakes(raw, (m) => (m.tolerance === undefined ? { value: m.value as number } : { value: m.value as number, tolerance: m.tolerance as number })),
      };
      if (r.unit === 'percent') part.unit = 'percent';
      if (typeof r.expected === 'number') part.expected = r.expected;
      return part;
    }
    case 'formula': {
      const part: FormulaPart = {
        ...base,
        kind: 'formula',
        solver: r.solver as string,
        // A public pack leaves the reference formula out; grading only needs the solver.
        answer: (r.answer as string | undefined) ?? '',
        variables: Object.fromEntries(Object.entries(r.variables as Record<string, VariableDomain>).map(([k, v]) => [k, { type: v.type, min: v.min, max: v.max }])),
        tolerance: (r.tolerance as number | undefined) ?? DEFAULTS.formulaTolerance,
        samples: (r.samples as number | undefined) ?? DEFAULTS.samples,
        mistakes: mistakes(raw, (m) => ({ formula: m.formula as string }), 'formula'),
      };
      return part;
    }
    case 'choice': {
      const part: ChoicePart = {
        ...base,
        kind: 'choice',
        options: [...(r.options as string[])],
        // A public pack leaves the expected option out: the choice is graded after the deadline.
        expected: (r.expected as string | undefined) ?? '',
        mistakes: mistakes(raw, (m) => ({ value: m.value as string })),
      };
      return part;
    }
    case 'weights': {
      const part: WeightsPart = {
        ...base,
        kind: 'weights',
        simulator: r.simulator as string,
        target: r.target as string,
        task: r.task as string,
        shapes: Object.fromEntries(Object.entries(r.shapes as Record<string, number[]>).map(([k, v]) => [k, [...v]])),
        inputs: weightsInputs(r.inputs as RawWeightsInputs),
        firstStepPoints: (r.partial_credit as { first_step_points?: number } | undefined)?.first_step_points ?? DEFAULTS.firstStepPoints,
        mistakes: mistakes(raw, (m) => ({ diagnostic: m.diagnostic as string }), 'diagnostic'),
      };
      if (typeof r.fast_path === 'string') part.fastPath = r.fast_path;
      const also = r.also_simulate as AlsoSimulate | undefined;
      if (also) part.alsoSimulate = { variant: also.variant, name: also.name, stated: also.stated, ...(also.advice === undefined ? {} : { advice: also.advice }) };
      return part;
    }
    case 'code': {
      const part: CodePart = {
        ...base,
        kind: 'code',
        ...codeOptions(raw as unknown as RawCodeOptions),
        solver: r.solver as string,
        tolerance: { ...((r.tolerance as { rel: number; abs: number } | undefined) ?? DEFAULTS.codeTolerance) },
        properties: [...((r.properties as string[] | undefined) ?? [])],
        mistakes: mistakes(raw, (m) => ({ solver: m.solver as string }), 'solver'),
      };
      return part;
    }
    case 'gradient': {
      const part: GradientPart = {
        ...base,
        kind: 'gradient',
        ...codeOptions(raw as unknown as RawCodeOptions),
        loss: r.loss as string,
        solver: r.solver as string,
        wrt: { ...(r.wrt as Record<string, number>) },
        threshold: (r.threshold as number | undefined) ?? DEFAULTS.threshold,
        step: (r.step as number | undefined) ?? DEFAULTS.step,
        mistakes: mistakes(raw, (m) => ({ solver: m.solver as string }), 'solver'),
      };
      return part;
    }
    case 'text': {
      const part: TextPart = { ...base, kind: 'text', rubric: r.rubric as string };
      return part;
    }
  }
}

type RawWeightsInputs =
  | { sequences: { streams: number; exhaustive_max_length?: number; random_max_length?: number; random_count?: number } }
  | { points: Pick<RawCodeOptions, 'params' | 'dims' | 'generators' | 'runs'> & { cases?: unknown[][] } };

function weightsInputs(raw: RawWeightsInputs): SequenceInputs | PointInputs {
  if ('sequences' in raw) {
    const s = raw.sequences;
    return {
      kind: 'sequences',
      streams: s.streams,
      exhaustiveMaxLength: s.exhaustive_max_length ?? DEFAULTS.exhaustiveMaxLength,
      randomMaxLength: s.random_max_length ?? DEFAULTS.randomMaxLength,
      randomCount: s.random_count ?? DEFAULTS.randomCount,
    };
  }
  const { params, dims, generators, runs } = codeOptions({ function: '', ...raw.points });
  return { kind: 'points', params, dims, generators, runs: raw.points.runs ?? DEFAULTS.pointRuns, cases: (raw.points.cases ?? []).map((c) => [...c]) };
}

export function convertQuestion(raw: RawQuestion, file: string, partPos: (index: number) => SourcePos): Question {
  return { id: raw.id, title: raw.title, file, parts: raw.parts.map((p, i) => convertPart(p, partPos(i))) };
}

export function convertAssignment(raw: RawAssignment, questions: Question[], dir: string, reference?: PackReference): Assignment {
  const assignment: Assignment = {
    id: raw.id,
    title: raw.title,
    total: raw.total,
    files: { answers: raw.files.answers, solution: [...raw.files.solution] },
    questions,
    dir,
  };
  if (reference) assignment.reference = reference;
  if (raw.due !== undefined) assignment.due = raw.due;
  if (raw.late_policy) {
    const late: LatePolicy = { per: raw.late_policy.per, penaltyPercent: raw.late_policy.penalty_percent, maxLate: raw.late_policy.max_late };
    assignment.latePolicy = late;
  }
  if (raw.gradescope?.hidden_visibility !== undefined) assignment.gradescope = { hiddenVisibility: raw.gradescope.hidden_visibility };
  return assignment;
}
