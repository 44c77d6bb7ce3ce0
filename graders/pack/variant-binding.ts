/**
 * What a student's variant and their earlier answers do to a part: its text with the student's
 * numbers in place of `{{name}}`, and the pack's solvers called with one more, last argument,
 * `{ params, given }`.
 *
 * Why one extra argument rather than a solver per variant: a course author writes a solver once,
 * as a function of the question's parameters (and of the earlier answers it builds on); the
 * grader decides which numbers it sees (the student's own, a trial draw at validation, another
 * student's in the cross-variant check, the student's own wrong earlier answer for follow-through).
 * Parts of questions without params and without `given:` are left exactly as they are, so
 * packs that use neither see no change at all.
 */
import { drawVariant } from '../checkers/_math/variants.ts';
import { renderTemplate } from '../checkers/_math/template.ts';
import { variantId } from '../checkers/_math/prng.ts';
import { kindOf } from '../checkers/kinds.ts';
import { definePack, type Pack } from './define-pack.ts';
import type { Assignment, PartSpec, Question } from './types.ts';

export type ParamValues = Readonly<Record<string, string | number>>;

/** The last argument of every solver of a part that has params or `given:`. */
export interface SolverContext {
  /** The question's parameters for this student (empty for a question without params). */
  params: ParamValues;
  /** The values of the parts named in `given:`, by part id. */
  given: Readonly<Record<string, unknown>>;
}

/** One student's parameters of one question, as results record them. */
export interface DrawnVariant {
  /** The first 8 hex digits of the keyed hash: the same for the same secret, assignment, question and student. */
  id: string;
  values: Record<string, string | number>;
}

/** True when some question of the assignment draws a variant per student. */
export function hasVariants(assignment: Assignment): boolean {
  return assignment.questions.some((q) => q.variants !== undefined);
}

/** True when a part needs the solver context: its question has params or it builds on earlier parts. */
export function needsContext(question: Question, part: PartSpec): boolean {
  return question.variants !== undefined || (part.given?.length ?? 0) > 0;
}

/**
 * Every question's variant for one student; throws when a draw fails (impossible after a passing
 * validation, short of a one-in-a-million stream, and then a fault of the pack, not the student).
 */
export function drawVariants(assignment: Assignment, secret: string | Buffer, student: string): Record<string, DrawnVariant> {
  const out: Record<string, DrawnVariant> = {};
  for (const q of assignment.questions) {
    if (!q.variants) continue;
    const key = { secret, assignment: assignment.id, question: q.id, student };
    const drawn = drawVariant(q.variants, key);
    if (!drawn.ok) throw new Error(drawn.problem);
    out[q.id] = { id: variantId(key), values: drawn.values };
  }
  return out;
}

/** The pack with every solver given `context` as its last argument. */
export function bindPack(pack: Pack, context: SolverContext): Pack {
  const frozen = Object.freeze({ params: Object.freeze({ ...context.params }), given: Object.freeze({ ...context.given }) });
  const solvers = Object.fromEntries(Object.entries(pack.solvers).map(([name, fn]) => [name, (...args: unknown[]) => fn(...args, frozen)]));
  return definePack({ solvers, properties: pack.properties, diagnostics: pack.diagnostics, simulators: pack.simulators, fastPaths: pack.fastPaths, examples: pack.examples });
}

/** A text with the values in place of its `{{name}}`; a text that cannot be filled stays as written (validate reports it). */
export function fillText(text: string, values: ParamValues): string {
  if (!text.includes('{{')) return text;
  const r = renderTemplate(text, values);
  return r.ok ? r.text : text;
}

/** The part with `{{name}}` filled in every text it holds (prompt, formulas, mistakes, feedback). */
export function fillPart<P extends PartSpec>(part: P, values: ParamValues | undefined): P {
  if (values === undefined || Object.keys(values).length === 0) return part;
  return fillDeep(part, values) as P;
}

function fillDeep(value: unknown, values: ParamValues): unknown {
  if (typeof value === 'string') return fillText(value, values);
  if (Array.isArray(value)) return value.map((v) => fillDeep(v, values));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'pos' ? v : fillDeep(v, values)]));
  }
  return value;
}

/** The question of a part, by part id. */
export function questionOf(assignment: Assignment): Map<string, Question> {
  return new Map(assignment.questions.flatMap((q) => q.parts.map((p) => [p.id, q] as const)));
}

/**
 * How one student's parts look and whom their solvers answer to: each part with its `{{name}}`
 * filled, and the pack its solvers are called through (the student's params, and the reference
 * values of the parts it builds on under those params). For the self-test and publish-spec,
 * which need the right answers of a given variant.
 */
export function studentView(assignment: Assignment, solvers: Pack, variants: Readonly<Record<string, DrawnVariant>>): (part: PartSpec) => { part: PartSpec; pack: Pack } {
  const questions = questionOf(assignment);
  const reference = new Map<string, unknown>();
  const view = (original: PartSpec): { part: PartSpec; pack: Pack } => {
    const q = questions.get(original.id)!;
    const part = fillPart(original, variants[q.id]?.values);
    if (!needsContext(q, original)) return { part, pack: solvers };
    const given = Object.fromEntries((original.given ?? []).map((g) => [g, referenceOf(g)]));
    return { part, pack: bindPack(solvers, { params: variants[q.id]?.values ?? {}, given }) };
  };
  const referenceOf = (id: string): unknown => {
    if (!reference.has(id)) {
      const original = assignment.questions.flatMap((q) => q.parts).find((p) => p.id === id);
      const seen = original ? view(original) : undefined;
      reference.set(id, seen ? kindOf(seen.part).givenValue?.reference(seen.part as never, seen.pack) : undefined);
    }
    return reference.get(id);
  };
  return view;
}
