import type { PartKind, Visibility } from '../pack/types.ts';

/**
 * The outcome of grading one part. `invalid` (the answer cannot be graded: wrong type,
 * unparsable) and `error` (the student's code crashed, timed out or misbehaved) are kept apart
 * from `failed` (graded and wrong), so reports can tell a student what to fix.
 */
export type PartStatus = 'passed' | 'partial' | 'failed' | 'missing' | 'invalid' | 'error' | 'pending';
export const PART_STATUSES: readonly PartStatus[] = ['passed', 'partial', 'failed', 'missing', 'invalid', 'error', 'pending'];

/** One check inside a part (a test vector, a generated input set, a property). */
export interface CheckResult {
  name: string;
  visibility: Visibility;
  ok: boolean;
  /** What went wrong, when not ok. */
  message?: string;
  /** Number of inputs tried. */
  runs?: number;
}

/** The smallest input found on which the answer goes wrong. */
export interface Counterexample {
  /** The input, rendered for people (e.g. `x1 = (0), x2 = (1)` or a JSON of the arguments). */
  input: string;
  expected: string;
  actual: string;
  /** Extra location, e.g. `dW[1][0]` or `step 3`. */
  where?: string;
  /** True when the input came from a hidden check: students' own reports must not show it. */
  hidden: boolean;
  /**
   * A formula's values along each variable through the input (the other variables held at it),
   * the student's and the reference's, so reports can draw where they part from the results alone.
   */
  curves?: Curve[];
}

/** The student's formula and the reference sampled along one variable through a counterexample. */
export interface Curve {
  variable: string;
  /** The counterexample's value of the variable; one of `x`. */
  at: number;
  /** Values of the variable, increasing. */
  x: number[];
  /** The reference at each x; null where it is not a finite number. */
  expected: (number | null)[];
  /** The student's formula at each x; null where it is not a finite number. */
  actual: (number | null)[];
}

interface PartResultBase {
  partId: string;
  kind: PartKind;
  /** Points earned (0 for pending, missing, invalid and error). */
  score: number;
  /** The part's points. */
  max: number;
  visibility: Visibility;
  /** What the student is told; never empty. */
  feedback: string;
  /** The seed every random choice of this part derived from (decimal). */
  seed: number;
  /** The student's answer as read, rendered for people (absent when missing). */
  answer?: string;
  /** What was accepted, for people (interval, domain, options); absent for hidden expectations. */
  expected?: string;
  /** Id of the known mistake matched, if any. */
  mistake?: string;
  /** Remarks that carry no penalty (e.g. how a hand-designed network fares under another threshold convention). */
  notes?: string[];
  checks?: CheckResult[];
  counterexample?: Counterexample;
  /** Set when a TA scored this part by hand (a review sheet or the review page, through the TA store). */
  manual?: { comment?: string };
  /**
   * The part as the grader left it, kept when a TA's entry from the store was applied to it or
   * set aside, so a later run re-applies the store from the graded part (never nested).
   */
  asGraded?: PartResult;
  /** Set when the answer was graded against the student's own answers to the earlier parts it builds on (`given:`). */
  followThrough?: { from: string[]; credit: number };
  /** Wall-clock time grading this part took, in milliseconds (for CI test panels). */
  durationMs?: number;
}

export type PartResult =
  | (PartResultBase & { status: 'passed' })
  | (PartResultBase & { status: 'partial' })
  | (PartResultBase & { status: 'failed' })
  | (PartResultBase & { status: 'missing' })
  | (PartResultBase & { status: 'invalid' })
  | (PartResultBase & { status: 'error'; /** Why the code could not be graded (timeout, crash, ...). */ reason: string })
  | (PartResultBase & { status: 'pending'; rubric: string });

export interface LateInfo {
  /** ISO 8601 time the submission was received. */
  submittedAt: string;
  /** Lateness in hours (0 when on time). */
  hoursLate: number;
  /** Units charged (started days or hours, per the policy). */
  unitsCharged: number;
  /** Percentage of the score removed. */
  penaltyPercent: number;
  /** Points removed. */
  penalty: number;
}

/** How strongly student code was isolated while this submission was graded. */
export type IsolationLevel = 'none' | 'permission-model' | 'user-namespace' | 'uid+netns';

/**
 * Whether a submission was handed in. A roster student with no submission folder gets a result
 * all the same (every part `missing`, 0 points), so every class report lists the whole class.
 */
export type SubmissionStatus = 'submitted' | 'not submitted';

/**
 * Who a student is, from the class roster (`--roster`): for the gradebooks an LMS imports and the
 * pages TAs read. Never shown in a student's own reports.
 */
export interface StudentIdentity {
  name?: string;
  email?: string;
  /** The institution's student number (Canvas: SIS User ID). */
  sisId?: string;
  /** The login name (Canvas: SIS Login ID). */
  sisLoginId?: string;
  /** The LMS's own user id (Canvas: ID). */
  lmsId?: string;
  section?: string;
}

export interface SubmissionResult {
  /** Version of this JSON shape; bump on incompatible change. */
  schemaVersion: 1;
  assignment: string;
  student: string;
  /** Absent means `submitted` (results written before rosters existed). */
  status?: SubmissionStatus;
  /** From the roster, when the run had one. */
  identity?: StudentIdentity;
  parts: PartResult[];
  /** Sum of part scores (before any late penalty). */
  score: number;
  /** Sum of part points that are auto-graded or already scored. */
  max: number;
  /** Points of parts still pending manual review. */
  pendingPoints: number;
  /** Lateness and its penalty, when the submission came in after the due date. */
  late?: LateInfo;
  /** The score after the late penalty: what goes into the gradebook. */
  total: number;
  /** Set when the submission holds code that ran in the sandbox. */
  isolation?: IsolationLevel;
  /** Problems with the submission as a whole (unreadable answers file, ...). */
  problems: string[];
  /** True when only visible checks were run (a student's own CI run). */
  visibleOnly: boolean;
  /**
   * The student's own parameters of each question that draws a variant per student, by question
   * id: what their prompts and feedback showed them, and what they were graded against.
   */
  variants?: Record<string, { id: string; values: Record<string, string | number> }>;
  /** Staleness key of the inputs this result was graded from; `--resume` compares it. */
  fingerprint?: string;
  /** Wall-clock time grading this submission took, in milliseconds. */
  durationMs?: number;
}
