import type { Pack } from './define-pack.ts';
import type { SpecError } from './errors.ts';
import type { KindRuleContext } from '../checkers/kind.ts';
import { kindOf } from '../checkers/kinds.ts';
import type { DocPath, SourceFile } from './source.ts';
import { REFERENCE_RULES } from './rules-reference.ts';
import { trialView, VARIANT_RULES } from './rules-variants.ts';
import type { PartSpec, Question } from './types.ts';

/** A question file that passed the schema, with what is needed to locate errors in it. */
export interface LoadedQuestion {
  source: SourceFile;
  question: Question;
}

/** What the semantic rules see: every schema-valid file, and what could be read of the rest. */
export interface RuleInput {
  assignmentSource: SourceFile;
  /** The assignment's declared total, when it is a number. */
  total: number | undefined;
  questions: LoadedQuestion[];
  /** Sum of all parts' points, or undefined when some question file could not be read fully. */
  pointsSum: number | undefined;
  registry: Pack;
  /** The assignment file names a pack module (or the caller gave the code). */
  hasModule: boolean;
  /** The module could not be loaded (already reported): names are not checked against it. */
  moduleFailed: boolean;
  /** The assignment says `public: true`: a student-facing copy written by publish-spec. */
  publicPack: boolean;
}

export interface RuleReport {
  error(e: SpecError): void;
  warn(e: SpecError): void;
}

/** A named semantic check; each reports every violation it finds and never stops at the first. */
export interface SpecRule {
  name: string;
  check(input: RuleInput, report: RuleReport): void;
}

type PartVisitor = (part: PartSpec, at: (...path: (string | number)[]) => DocPath, q: LoadedQuestion) => void;

function eachPart(input: RuleInput, visit: PartVisitor): void {
  for (const q of input.questions) {
    q.question.parts.forEach((part, i) => visit(part, (...path) => ['parts', i, ...path], q));
  }
}

/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The known names nearest to `name` (at most 2), if any is close enough to be a likely typo. */
function closest(name: string, known: string[]): string[] {
  const scored = known.map((k) => ({ k, d: distance(name.toLowerCase(), k.toLowerCase()) })).filter(({ d }) => d <= Math.max(2, Math.floor(name.length / 4)));
  scored.sort((x, y) => x.d - y.d);
  return scored.slice(0, 2).map(({ k }) => k);
}

const duplicateQuestionId: SpecRule = {
  name: 'duplicate-question-id',
  check(input, report) {
    const seen = new Map<string, string>();
    for (const q of input.questions) {
      const first = seen.get(q.question.id);
      if (first !== undefined) {
        report.error(q.source.error('DUPLICATE_QUESTION_ID', ['id'], `question id "${q.question.id}" is already used by ${first}; give each question its own id`));
      } else seen.set(q.question.id, q.source.file);
    }
  },
};

const duplicatePartId: SpecRule = {
  name: 'duplicate-part-id',
  check(input, report) {
    const seen = new Map<string, string>();
    eachPart(input, (part, at, q) => {
      const first = seen.get(part.id);
      if (first !== undefined) {
        report.error(q.source.error('DUPLICATE_PART_ID', at('id'), `part id "${part.id}" is already used at ${first}; give each part its own id`));
      } else seen.set(part.id, part.pos ? `${part.pos.file}:${part.pos.line}` : q.source.file);
    });
  },
};

const partIdPrefix: SpecRule = {
  name: 'part-id-prefix',
  check(input, report) {
    eachPart(input, (part, at, q) => {
      if (!part.id.startsWith(`${q.question.id}.`)) {
        report.error(q.source.error('PART_ID_PREFIX', at('id'), `part id "${part.id}" must start with its question id "${q.question.id}." (e.g. "${q.question.id}.1.name")`));
      }
    });
  },
};

const duplicateMistakeId: SpecRule = {
  name: 'duplicate-mistake-id',
  check(input, report) {
    eachPart(input, (part, at, q) => {
      if (!('mistakes' in part)) return;
      const seen = new Set<string>();
      part.mistakes.forEach((m, j) => {
        if (seen.has(m.id)) report.error(q.source.error('DUPLICATE_MISTAKE_ID', at('mistakes', j, 'id'), `mistake id "${m.id}" appears twice in part ${part.id}; mistake ids must be unique within a part`));
        seen.add(m.id);
      });
    });
  },
};

const knownNames: SpecRule = {
  name: 'known-names',
  check(input, report) {
    if (input.moduleFailed) return;
    const where = input.hasModule ? 'the pack module' : 'the pack module, and the assignment file names none (add `reference: <path of the module>`)';
    const need = (q: LoadedQuestion, table: Readonly<Record<string, unknown>>, what: string, name: string, path: DocPath) => {
      if (!Object.hasOwn(table, name)) {
        const near = closest(name, Object.keys(table));
        const hint = near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : '';
        report.error(q.source.error('UNKNOWN_SOLVER', path, `unknown ${what} "${name}" (not in ${where})${hint}`));
      }
    };
    eachPart(input, (part, at, q) => {
      for (const use of kindOf(part).names(part)) {
        const table = input.registry[use.table] as Readonly<Record<string, unknown>>;
        need(q, table, use.what, use.name, at(...use.path));
      }
    });
  },
};
const pointsTotal: SpecRule = {
  name: 'points-total',
  check(input, report) {
    if (input.total === undefined || input.pointsSum === undefined) return;
    // Points such as 0.5 are allowed; compare with a tolerance so binary fractions do not trip it.
    if (Math.abs(input.total - input.pointsSum) > 1e-9) {
      report.error(input.assignmentSource.error('POINTS_TOTAL_MISMATCH', ['total'], `total is ${input.total} but the parts' points add up to ${round(input.pointsSum)}; fix the total or the points`));
    }
  },
};

const round = (x: number) => Math.round(x * 1e9) / 1e9;

/**
 * A course pack must say how each known mistake is recognised; only the public copy leaves that
 * out (the mistake is described to students but never matched there), and it has no hidden runs.
 */
const publicPack: SpecRule = {
  name: 'public-pack',
  check(input, report) {
    eachPart(input, (part, at, q) => {
      if (input.publicPack) {
        if (part.visibility === 'hidden') report.error(q.source.error('PUBLIC_PACK_HIDDEN', at('visibility'), `part ${part.id} is hidden, but a public pack holds visible parts only; remove it`));
        return;
      }
      const field = kindOf(part).mistakeMatcher;
      if (field === undefined) return;
      const raw = q.source.doc.getIn(at('mistakes')) as { toJSON?: () => unknown } | undefined;
      const list = (raw && typeof raw.toJSON === 'function' ? raw.toJSON() : []) as Record<string, unknown>[];
      list.forEach((m, j) => {
        // A number's mistake may give its value by a solver instead (a question drawn per student).
        if (m[field] === undefined && m.solver === undefined) report.error(q.source.error('MISTAKE_MATCHER_MISSING', at('mistakes', j), `known mistake "${String(m.id)}" of part ${part.id} has no ${field}, so it can never be recognised; add ${field} (only a public pack, with public: true, leaves it out)`));
      });
    });
  },
};

/** Each kind's own rules, part by part. */
const kindRules: SpecRule = {
  name: 'kind-rules',
  check(input, report) {
    const view = trialView(input);
    eachPart(input, (part, at, q) => {
      const seen = view(q.question, part);
      kindOf(part).rules({ ...kindContext(input, report, seen.part, at, q), pack: seen.pack });
    });
  },
};

/** What a kind's rules see of one part. */
export function kindContext<P extends PartSpec>(input: RuleInput, report: RuleReport, part: P, at: (...path: (string | number)[]) => DocPath, q: LoadedQuestion): KindRuleContext<P> {
  return {
    part,
    at,
    question: q,
    pack: input.registry,
    publicPack: input.publicPack,
    error: (code, path, message, anchor) => report.error(q.source.error(code, path, message, anchor)),
    warn: (code, path, message, anchor) => report.warn(q.source.error(code, path, message, anchor)),
    raw(...path) {
      const node = q.source.doc.getIn(at(...path)) as { toJSON?: () => unknown } | undefined;
      return node !== null && typeof node === 'object' && typeof node.toJSON === 'function' ? node.toJSON() : node;
    },
  };
}

/** The semantic rules that read the pack alone, without running any reference solver, in the order they run. */
export const STRUCTURAL_RULES: readonly SpecRule[] = [
  duplicateQuestionId,
  duplicatePartId,
  partIdPrefix,
  duplicateMistakeId,
  knownNames,
  pointsTotal,
  ...VARIANT_RULES,
  kindRules,
  publicPack,
];

/** Every semantic rule, in the order they run. */
export const SPEC_RULES: readonly SpecRule[] = [...STRUCTURAL_RULES, ...REFERENCE_RULES];

/** Runs every rule over the whole pack and collects what they report. */
export function runRules(input: RuleInput, rules: readonly SpecRule[] = SPEC_RULES): { errors: SpecError[]; warnings: SpecError[] } {
  const errors: SpecError[] = [];
  const warnings: SpecError[] = [];
  const report: RuleReport = { error: (e) => errors.push(e), warn: (e) => warnings.push(e) };
  for (const rule of rules) rule.check(input, report);
  return { errors, warnings };
}
