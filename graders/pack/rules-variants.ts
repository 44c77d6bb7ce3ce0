import { kindOf } from '../checkers/kinds.ts';
import { assessConstraints, compileVariants, drawVariant } from '../checkers/_math/variants.ts';
import { templateNames } from '../checkers/_math/template.ts';
import type { Pack } from './define-pack.ts';
import type { RuleInput, SpecRule } from './rules.ts';
import type { PartSpec, Question } from './types.ts';
import { bindPack, fillPart, needsContext, type ParamValues } from './variant-binding.ts';

/*
 * The rules of `given:` (follow-through) and `params:` (a variant per student). Both are checked
 * before anything is graded: a part that builds on a part not yet answered, or on itself, could
 * never be graded in order; constraints met by too few draws would leave a student without
 * numbers; a `{{name}}` that names no parameter would show a student the braces.
 */

/** The key of the trial draw validation runs the reference on: fixed, so validation is deterministic. */
const TRIAL = { secret: 'dlgrade-validate-trial', assignment: '', student: '' };

/** A question's trial parameters, or undefined (no params, or params that cannot be drawn). */
export function trialValues(question: Question): ParamValues | undefined {
  if (!question.variants) return undefined;
  const drawn = drawVariant(question.variants, { ...TRIAL, question: question.id });
  return drawn.ok ? drawn.values : undefined;
}

/**
 * The part as validation looks at it (its `{{name}}` filled with the trial draw) and the pack its
 * solvers are called through (with the trial params and the reference values of its `given:`).
 */
export function trialView(input: RuleInput): (question: Question, part: PartSpec) => { part: PartSpec; pack: Pack } {
  const questionOf = new Map(input.questions.flatMap((q) => q.question.parts.map((p) => [p.id, q.question] as const)));
  const trial = new Map(input.questions.map((q) => [q.question.id, trialValues(q.question)] as const));
  const reference = new Map<string, unknown>();
  const filled = (p: PartSpec) => fillPart(p, trial.get(questionOf.get(p.id)!.id));
  const packFor = (q: Question, p: PartSpec, seen: Set<string>): Pack => {
    if (!needsContext(q, p)) return input.registry;
    const given = Object.fromEntries((p.given ?? []).filter((g) => questionOf.has(g)).map((g) => [g, referenceOf(g, seen)]));
    return bindPack(input.registry, { params: trial.get(q.id) ?? {}, given });
  };
  const referenceOf = (id: string, seen: Set<string>): unknown => {
    if (reference.has(id) || seen.has(id)) return reference.get(id);
    seen.add(id);
    const q = questionOf.get(id)!;
    const p = q.parts.find((x) => x.id === id)!;
    let value: unknown;
    try {
      value = kindOf(p).givenValue?.reference(filled(p) as never, packFor(q, p, seen));
    } catch {
      value = undefined;
    }
    reference.set(id, value);
    return value;
  };
  return (question, part) => ({ part: filled(part), pack: packFor(question, part, new Set()) });
}

const given: SpecRule = {
  name: 'given',
  check(input, report) {
    const order: { id: string; part: PartSpec; at: number; q: (typeof input.questions)[number]; index: number }[] = [];
    for (const q of input.questions) q.question.parts.forEach((part, index) => order.push({ id: part.id, part, at: order.length, q, index }));
    const byId = new Map(order.map((o) => [o.id, o]));
    const edges = new Map(order.map((o) => [o.id, (o.part.given ?? []).filter((g) => byId.has(g))]));
    const inCycle = (from: string, to: string): string[] | undefined => {
      // A path from `to` back to `from`, by depth-first search: the cycle the edge closes.
      const stack: string[][] = [[to]];
      const seen = new Set<string>();
      while (stack.length > 0) {
        const path = stack.pop()!;
        const last = path[path.length - 1]!;
        if (last === from) return path;
        if (seen.has(last)) continue;
        seen.add(last);
        for (const next of edges.get(last) ?? []) stack.push([...path, next]);
      }
      return undefined;
    };
    for (const o of order) {
      (o.part.given ?? []).forEach((g, j) => {
        const at = ['parts', o.index, 'given', j];
        const target = byId.get(g);
        if (!target) {
          const near = order.map((x) => x.id).filter((id) => id.startsWith(g.split('.')[0]!)).slice(0, 3);
          report.error(o.q.source.error('UNKNOWN_PART', at, `part ${o.id}: given "${g}" names no part of this pack${near.length > 0 ? ` (parts of that question: ${near.join(', ')})` : ''}; name an earlier part by its full id`));
          return;
        }
        const cycle = inCycle(o.id, g);
        if (cycle) {
          report.error(o.q.source.error('GIVEN_CYCLE', at, `part ${o.id}: given "${g}" closes a cycle (${[o.id, ...cycle].join(' → ')}); a part can only build on parts graded before it`));
          return;
        }
        if (target.at > o.at) {
          report.error(o.q.source.error('GIVEN_FORWARD', at, `part ${o.id}: given "${g}" comes after it in the pack; a part can only build on earlier parts (move ${g} before ${o.id})`));
          return;
        }
        const kind = kindOf(target.part);
        if (!kind.givenValue || kind.answeredIn !== 'answers') {
          const can = order.filter((x) => kindOf(x.part).givenValue && kindOf(x.part).answeredIn === 'answers').map((x) => x.part.kind);
          report.error(o.q.source.error('GIVEN_NOT_A_VALUE', at, `part ${o.id}: given "${g}" is a ${target.part.kind} part, whose answer is no value a solver can take; a part can build on ${[...new Set(['number', 'choice', ...can])].join(' or ')} parts`));
        }
      });
      if (o.part.followThroughCredit !== undefined && (o.part.given?.length ?? 0) === 0) {
        report.warn(o.q.source.error('GIVEN_NOT_A_VALUE', ['parts', o.index, 'follow_through_credit'], `part ${o.id}: follow_through_credit has no effect without given:`));
      }
    }
  },
};

const params: SpecRule = {
  name: 'params',
  check(input, report) {
    for (const q of input.questions) {
      const spec = q.question.variants;
      const names = spec ? Object.keys(spec.params) : [];
      if (spec) {
        const compiled = compileVariants(spec);
        if (!compiled.ok) for (const problem of compiled.problems) report.error(q.source.error('BAD_PARAMS', problem.startsWith('where[') ? ['where', Number(/^where\[(\d+)\]/.exec(problem)![1])] : ['params'], problem));
        else {
          const assessed = assessConstraints(spec);
          if (!assessed.ok) report.error(q.source.error('PARAMS_TOO_RARE', spec.where && spec.where.length > 0 ? ['where'] : ['params'], `question ${q.question.id}: ${assessed.problem}`));
        }
      }
      const raw = (q.source.doc.getIn(['parts']) as { toJSON?: () => unknown } | undefined)?.toJSON?.();
      if (!Array.isArray(raw)) continue;
      raw.forEach((node, i) => {
        for (const [path, text] of strings(node, ['parts', i])) {
          const scan = templateNames(text);
          if (!scan.ok) {
            for (const problem of scan.problems) report.error(q.source.error('TEMPLATE_UNKNOWN_PARAM', path, problem));
            continue;
          }
          const unknown = scan.names.filter((n) => !names.includes(n));
          if (unknown.length > 0) {
            const known = names.length > 0 ? `the parameters of ${q.question.id} are ${names.join(', ')}` : `question ${q.question.id} declares no params:`;
            report.error(q.source.error('TEMPLATE_UNKNOWN_PARAM', path, `${unknown.map((n) => `{{${n}}}`).join(', ')} names no parameter (${known}); fix the name or declare it under params`));
          }
        }
      });
    }
  },
};

function strings(value: unknown, path: (string | number)[]): [(string | number)[], string][] {
  if (typeof value === 'string') return value.includes('{{') ? [[path, value]] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, [...path, k]));
  return [];
}

/** Structural: they run no reference solver. */
export const VARIANT_RULES: readonly SpecRule[] = [given, params];
