/**
 * The in-memory shape of a course pack once it has been parsed and validated.
 * The YAML files in `specs/<pack>/` map onto these types one to one (snake_case keys in YAML
 * become the camelCase fields below only where noted); the JSON Schemas in `specs/schema/`
 * are the authority on what YAML is accepted.
 */

/** Where a part's result is shown: `visible` parts and checks reach the student's own CI run. */
export type Visibility = 'visible' | 'hidden';

/** Late policy of an assignment (see the assignment schema). */
export interface LatePolicy {
  /** Unit of lateness the penalty is charged in. */
  per: 'day' | 'hour';
  /** Percentage of the earned score removed per started unit of lateness. */
  penaltyPercent: number;
  /** Lateness (in `per` units) beyond which the score is 0. */
  maxLate: number;
}

/** A position in a spec file, for error messages. */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
}

/** When Gradescope shows a test to students. */
export type GradescopeVisibility = 'hidden' | 'after_due_date' | 'after_published' | 'visible';

export interface Assignment {
  id: string;
  title: string;
  /** Sum of all parts' points; the loader checks that it adds up. */
  total: number;
  /** ISO 8601 due date, if the assignment has one. */
  due?: string;
  latePolicy?: LatePolicy;
  /** How the Gradescope autograder shows results (the assignment file's `gradescope:`). */
  gradescope?: { hiddenVisibility: GradescopeVisibility };
  /** Names of the files a submission may hold. */
  files: { answers: string; solution: string[] };
  questions: Question[];
  /** Absolute path of the pack folder. */
  dir: string;
  /** The pack's module (`reference:` in the assignment file), when it has code. */
  reference?: PackReference;
}

/** Where a pack's code is, and a digest of it (a changed solver makes `--resume` regrade). */
export interface PackReference {
  /** Absolute path of the module. */
  file: string;
  digest: string;
}

export interface Question {
  id: string;
  title: string;
  parts: PartSpec[];
  /** Parameters drawn per student (`params:` and `where:` of the question file), when it has a variant per student. */
  variants?: VariantSpec;
  /** The file this question came from (relative to the project root). */
  file: string;
}

/** A known wrong answer and what the student is told when theirs matches it. */
export interface MistakeBase {
  /** Stable identifier, unique within the part (used in reports and self-tests). */
  id: string;
  feedback: string;
  /** Fraction of the part's points awarded when this mistake is matched (default 0). */
  credit: number;
}

/** The fields every part has, whatever its kind. */
export interface PartBase {
  /** Full part id, e.g. `q1.2.layer_params`; the answers file nests it as `q1.2: { layer_params: ... }`. */
  id: string;
  points: number;
  /** One-line statement of what is asked, shown in feedback. */
  prompt: string;
  visibility: Visibility;
  /** Where the part is defined, for error messages. */
  pos?: SourcePos;
  /**
   * Earlier parts whose answers this one builds on: its reference is re-run on the student's own
   * answers to them, so an answer consistent with a wrong earlier answer earns follow-through credit.
   */
  given?: string[];
  /** Share of the points an answer consistent with the student's own wrong earlier answers earns (default 1). */
  followThroughCredit?: number;
}

export interface VariableDomain {
  /** `integer` draws integers in [min, max]; `real` draws doubles in [min, max]. */
  type: 'integer' | 'real';
  min: number;
  max: number;
}


/**
 * The inputs of a sequence task: `streams` binary input sequences read one step at a time (x1,
 * x2, ...); every input of length 1..exhaustiveMaxLength, then `randomCount` seeded random
 * ones of length up to randomMaxLength.
 */
export interface SequenceInputs {
  kind: 'sequences';
  streams: number;
  exhaustiveMaxLength: number;
  randomMaxLength: number;
  randomCount: number;
}

/** Inputs of a network that is not run over time: listed cases (visible), then generated ones. */
export interface PointInputs extends Pick<CodeCheckOptions, 'params' | 'dims' | 'generators' | 'runs'> {
  kind: 'points';
  /** Every listed input is simulated, e.g. all of {0,1}^2. */
  cases: unknown[][];
}

/**
 * A second convention the design is simulated under (e.g. the threshold at z ≥ 0 instead of the
 * stated z > 0). It never changes the score: it only adds a note about robustness.
 */
export interface AlsoSimulate {
  /** Passed to the simulator as its `variant`. */
  variant: string;
  /** The convention simulated, as students read it: `g(z) = 1 iff z ≥ 0`. */
  name: string;
  /** The convention the task states: `g(z) = 1 iff z > 0`. */
  stated: string;
  /** Told to a student whose design is right as stated but wrong under the variant. */
  advice?: string;
}

/**
 * How one argument of a student's function is generated. Sizes refer to the part's `dims`,
 * so related arguments agree (W is H×D, x has D entries, ...).
 */
export type ArgGenerator =
  | { type: 'number'; min: number; max: number }
  | { type: 'integer'; min: number; max: number }
  | { type: 'vector'; length: string; min: number; max: number }
  | { type: 'matrix'; rows: string; cols: string; min: number; max: number }
  /** A single index in [0, dim). */
  | { type: 'index'; dim: string }
  /** `count` indices in [0, dim), repeats allowed. */
  | { type: 'indices'; count: string; dim: string }
  /** `count` vectors, each of its own random length in [1, maxLength]. */
  | { type: 'vectors'; count: string; maxLength: number; min: number; max: number }
  /** A record of generated fields, e.g. the LSTM parameters `{ Wx, Wh, b }`. */
  | { type: 'record'; fields: Record<string, ArgGenerator> };

/** A size shared by several arguments: an integer drawn in [min, max], or a product of others. */
export type DimSpec = { min: number; max: number } | { times: [string, number] };

export interface TestVector {
  /** Short label shown in feedback, e.g. `answer key, worked example`. */
  name: string;
  args: unknown[];
  /** The reference's output, precomputed by publish-spec in a public copy, which holds no solver. */
  expected?: unknown;
}

export interface CodeCheckOptions {
  /** The exported function the student must provide. */
  function: string;
  /** Names of the arguments, in call order (used in messages and for generators). */
  params: string[];
  dims: Record<string, DimSpec>;
  generators: Record<string, ArgGenerator>;
  /** Fixed inputs, visible to students (the answer key's test vectors). */
  vectors: TestVector[];
  /** Number of generated (hidden) inputs. */
  runs: number;
}



/** Every part, of whichever kind: the union is the kind list's (graders/checkers/kinds.ts). */
import type { PartSpec } from '../checkers/kinds.ts';
import type { VariantSpec } from '../checkers/_math/variants.ts';
export type { PartSpec, PartKind } from '../checkers/kinds.ts';
export type { NumberPart } from '../checkers/number/part.ts';
export type { FormulaPart } from '../checkers/formula/part.ts';
export type { ChoicePart } from '../checkers/choice/part.ts';
export type { WeightsPart } from '../checkers/weights/part.ts';
export type { CodePart } from '../checkers/code/part.ts';
export type { GradientPart } from '../checkers/gradient/part.ts';
export type { TextPart } from '../checkers/text/part.ts';
export type { RubricItem } from '../checkers/text/part.ts';
