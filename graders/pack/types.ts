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

interface PartBase {
  /** Full part id, e.g. `q1.2.layer_params`; the answers file nests it as `q1.2: { layer_params: ... }`. */
  id: string;
  points: number;
  /** One-line statement of what is asked, shown in feedback. */
  prompt: string;
  visibility: Visibility;
  /** Where the part is defined, for error messages. */
  pos?: SourcePos;
}

export interface NumberPart extends PartBase {
  kind: 'number';
  /** Name of a reference solver that returns the expected value (no arguments). */
  solver: string;
  /** The answer as the author wrote it in the spec, checked against the solver by validate. */
  expected?: number;
  /** Absolute tolerance, in the unit asked (0 means exact). */
  tolerance: number;
  /** `percent` allows answers such as `"28%"`; the value is read in percent either way. */
  unit?: 'percent';
  mistakes: (MistakeBase & { value: number; tolerance?: number })[];
}

export interface VariableDomain {
  /** `integer` draws integers in [min, max]; `real` draws doubles in [min, max]. */
  type: 'integer' | 'real';
  min: number;
  max: number;
}

export interface FormulaPart extends PartBase {
  kind: 'formula';
  /** Reference solver taking a record of the variables and returning the expected value. */
  solver: string;
  /** The reference formula in the pack's syntax, shown to TAs. */
  answer: string;
  variables: Record<string, VariableDomain>;
  /** Relative tolerance of the pointwise comparison. */
  tolerance: number;
  /** Number of random points to evaluate at (default 200). */
  samples: number;
  mistakes: (MistakeBase & { formula: string })[];
}

export interface ChoicePart extends PartBase {
  kind: 'choice';
  options: string[];
  /** The right option; empty in a public pack, which grades the choice after the deadline. */
  expected: string;
  mistakes: (MistakeBase & { value: string })[];
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

export interface WeightsPart extends PartBase {
  kind: 'weights';
  /** Pack simulator that runs the student's network, e.g. `net.simulate`. */
  simulator: string;
  /** Pack solver of the target behaviour, e.g. `net.target`. */
  target: string;
  /** What the network must do, as shown in "expected": `outputs y(t) = 1 iff ...`. */
  task: string;
  /** Expected shape of each parameter: `[]` for a scalar, `[n]` a vector, `[r, c]` a matrix. */
  shapes: Record<string, number[]>;
  inputs: SequenceInputs | PointInputs;
  /** Pack fast path of a sequence task (automata of the network and the target), if any. */
  fastPath?: string;
  /** Partial credit of a sequence task: points when the first step is right on every input. */
  firstStepPoints: number;
  alsoSimulate?: AlsoSimulate;
  /** Known mistakes, each recognised by a named diagnostic of the pack. */
  mistakes: (MistakeBase & { diagnostic: string })[];
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

export interface CodePart extends PartBase, CodeCheckOptions {
  kind: 'code';
  /** Reference solver called with the same arguments. */
  solver: string;
  tolerance: { rel: number; abs: number };
  /** Named properties from the solver's module, checked on every input (e.g. `kl.nonNegative`). */
  properties: string[];
  /** Mutant solvers that reproduce known mistakes; a student whose outputs match one gets its feedback. */
  mistakes: (MistakeBase & { solver: string })[];
}

export interface GradientPart extends PartBase, CodeCheckOptions {
  kind: 'gradient';
  /** Reference loss, differentiated numerically by central differences. */
  loss: string;
  /** Reference analytic gradient (same output shape as the student's). */
  solver: string;
  /** Output key of the student's result → index of the argument it is the gradient for. */
  wrt: Record<string, number>;
  /** Largest accepted relative error |a − n| / max(|a|, |n|, tiny) per entry. */
  threshold: number;
  /** Central-difference step. */
  step: number;
  mistakes: (MistakeBase & { solver: string })[];
}

export interface TextPart extends PartBase {
  kind: 'text';
  /** What a TA looks for when scoring the answer by hand. */
  rubric: string;
}

export type PartSpec = NumberPart | FormulaPart | ChoicePart | WeightsPart | CodePart | GradientPart | TextPart;
export type PartKind = PartSpec['kind'];
export const PART_KINDS: readonly PartKind[] = ['number', 'formula', 'choice', 'weights', 'code', 'gradient', 'text'];
