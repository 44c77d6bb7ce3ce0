import { KINDS } from '../checkers/kinds.ts';
import type { VariantSpec } from '../checkers/_math/variants.ts';
import type { Assignment, GradescopeVisibility, LatePolicy, PackReference, PartBase, PartSpec, Question, SourcePos } from './types.ts';

/*
 * The YAML shapes (snake_case) as the JSON Schemas accept them. Conversion runs only on data that
 * passed the schema, so these types hold; each kind converts its own fields (and applies its
 * defaults) in its module.
 */

export type RawPart = {
  id: string;
  kind: PartSpec['kind'];
  points: number;
  prompt: string;
  visibility?: 'visible' | 'hidden';
} & Record<string, unknown>;

export interface RawQuestion {
  id: string;
  title: string;
  parts: RawPart[];
  params?: VariantSpec['params'];
  where?: string[];
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

export function convertPart(raw: RawPart, pos: SourcePos): PartSpec {
  const base: PartBase = { id: raw.id, points: raw.points, prompt: raw.prompt, visibility: raw.visibility ?? 'visible', pos };
  if (Array.isArray(raw.given)) base.given = [...(raw.given as string[])];
  if (typeof raw.follow_through_credit === 'number') base.followThroughCredit = raw.follow_through_credit;
  return KINDS[raw.kind].convert(raw, base);
}

export function convertQuestion(raw: RawQuestion, file: string, partPos: (index: number) => SourcePos): Question {
  const question: Question = { id: raw.id, title: raw.title, file, parts: raw.parts.map((p, i) => convertPart(p, partPos(i))) };
  if (raw.params !== undefined) question.variants = { params: structuredClone(raw.params), ...(raw.where === undefined ? {} : { where: [...raw.where] }) };
  return question;
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
