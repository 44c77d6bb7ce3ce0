import type { Pack } from './define-pack.ts';
import type { SpecError } from './errors.ts';
import { FORMULA_FUNCTIONS, scanFormula } from './formula-symbols.ts';
import type { DocPath, SourceFile } from './source.ts';
import { REFERENCE_RULES } from './rules-reference.ts';
import type { ArgGenerator, CodePart, GradientPart, PartSpec, Question } from './types.ts';

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

const norm = (s: string) => s.trim().toLowerCase();

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
      if (part.kind === 'text') return;
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
    const { solvers, properties, diagnostics, simulators, fastPaths } = input.registry;
    const where = input.hasModule ? 'the pack module' : 'the pack module, and the assignment file names none (add `reference: <path of the module>`)';
    const need = (q: LoadedQuestion, table: Readonly<Record<string, unknown>>, what: string, name: string, path: DocPath) => {
      if (!Object.hasOwn(table, name)) {
        const near = closest(name, Object.keys(table));
        const hint = near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : '';
        report.error(q.source.error('UNKNOWN_SOLVER', path, `unknown ${what} "${name}" (not in ${where})${hint}`));
      }
    };
    eachPart(input, (part, at, q) => {
      switch (part.kind) {
        case 'number':
        case 'formula':
          need(q, solvers, 'solver', part.solver, at('solver'));
          break;
        case 'weights':
          need(q, simulators, 'simulator', part.simulator, at('simulator'));
          need(q, solvers, 'solver', part.target, at('target'));
          if (part.fastPath !== undefined) need(q, fastPaths, 'fast path', part.fastPath, at('fast_path'));
          part.mistakes.forEach((m, j) => need(q, diagnostics, 'diagnostic', m.diagnostic, at('mistakes', j, 'diagnostic')));
          break;
        case 'code':
          need(q, solvers, 'solver', part.solver, at('solver'));
          part.properties.forEach((p, j) => need(q, properties, 'property', p, at('properties', j)));
          part.mistakes.forEach((m, j) => need(q, solvers, 'mutant solver', m.solver, at('mistakes', j, 'solver')));
          break;
        case 'gradient':
          need(q, solvers, 'solver', part.loss, at('loss'));
          need(q, solvers, 'solver', part.solver, at('solver'));
          part.mistakes.forEach((m, j) => need(q, solvers, 'mutant solver', m.solver, at('mistakes', j, 'solver')));
          break;
        default:
          break;
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

const choiceOptions: SpecRule = {
  name: 'choice-options',
  check(input, report) {
    eachPart(input, (part, at, q) => {
      if (part.kind !== 'choice') return;
      const options = new Set(part.options.map(norm));
      const list = part.options.map((o) => JSON.stringify(o)).join(', ');
      if (part.expected === '' && !input.publicPack) {
        report.error(q.source.error('SCHEMA_REQUIRED', at(), `part ${part.id}: missing required property "expected"; add the right option (only a public pack leaves it out)`));
      } else if (part.expected !== '' && !options.has(norm(part.expected))) {
        report.error(q.source.error('CHOICE_EXPECTED_NOT_AN_OPTION', at('expected'), `expected ${JSON.stringify(part.expected)} is not one of the options ${list}`));
      }
      part.mistakes.forEach((m, j) => {
        if (!options.has(norm(m.value))) {
          report.error(q.source.error('CHOICE_MISTAKE_NOT_AN_OPTION', at('mistakes', j, 'value'), `mistake value ${JSON.stringify(m.value)} is not one of the options ${list}`));
        } else if (norm(m.value) === norm(part.expected)) {
          report.error(q.source.error('CHOICE_MISTAKE_IS_EXPECTED', at('mistakes', j, 'value'), `mistake value ${JSON.stringify(m.value)} is the expected answer; a known mistake must be a wrong option`));
        }
      });
    });
  },
};

const formulas: SpecRule = {
  name: 'formulas',
  check(input, report) {
    eachPart(input, (part, at, q) => {
      if (part.kind !== 'formula') return;
      const declared = Object.keys(part.variables);
      const checkOne = (text: string, path: DocPath): string[] | undefined => {
        const scan = scanFormula(text, declared);
        if (!scan.ok) {
          if (scan.problem === 'unknown-function') {
            report.error(q.source.error('FORMULA_UNKNOWN_FUNCTION', path, `formula ${JSON.stringify(text)} calls "${scan.name}"; only ${FORMULA_FUNCTIONS.join(', ')} are allowed`));
          } else {
            report.error(q.source.error('FORMULA_UNPARSABLE', path, `formula ${JSON.stringify(text)} cannot be parsed: ${scan.message}`));
          }
          return undefined;
        }
        const undeclared = scan.variables.filter((v) => !declared.includes(v));
        if (undeclared.length > 0) {
          report.error(q.source.error('FORMULA_UNDECLARED_VARIABLE', path, `formula ${JSON.stringify(text)} uses ${undeclared.map((v) => `"${v}"`).join(', ')}, not declared in variables (${declared.join(', ')}); declare it or fix the formula`));
        }
        return scan.variables;
      };
      if (part.answer === '' && !input.publicPack) {
        report.error(q.source.error('SCHEMA_REQUIRED', at(), `part ${part.id}: missing required property "answer"; add the reference formula (only a public pack leaves it out)`));
      }
      const used = part.answer === '' ? undefined : checkOne(part.answer, at('answer'));
      part.mistakes.forEach((m, j) => checkOne(m.formula, at('mistakes', j, 'formula')));
      if (used) {
        for (const v of declared.filter((d) => !used.includes(d))) {
          report.warn(q.source.error('FORMULA_UNUSED_VARIABLE', at('variables', v), `variable "${v}" does not occur in the answer ${JSON.stringify(part.answer)}`, 'key'));
        }
      }
    });
  },
};

function eachGenerator(gens: Record<string, ArgGenerator>, base: DocPath, visit: (g: ArgGenerator, path: DocPath) => void): void {
  for (const [name, g] of Object.entries(gens)) {
    visit(g, [...base, name]);
    if (g.type === 'record') eachGenerator(g.fields, [...base, name, 'fields'], visit);
  }
}

const domains: SpecRule = {
  name: 'domains',
  check(input, report) {
    eachPart(input, (part, at, q) => {
      if (part.kind === 'formula') {
        for (const [name, d] of Object.entries(part.variables)) {
          if (d.min > d.max) report.error(q.source.error('BAD_DOMAIN', at('variables', name, 'min'), `variable "${name}": min ${d.min} is greater than max ${d.max}`));
          else if (d.type === 'integer' && Math.ceil(d.min) > Math.floor(d.max)) report.error(q.source.error('BAD_DOMAIN', at('variables', name), `integer variable "${name}" has no integer in [${d.min}, ${d.max}]`));
        }
      }
      if (part.kind === 'code' || part.kind === 'gradient') {
        eachGenerator(part.generators, at('generators'), (g, path) => {
          if ('min' in g && 'max' in g && g.min > g.max) report.error(q.source.error('BAD_DOMAIN', [...path, 'min'], `generator "${String(path.at(-1))}": min ${g.min} is greater than max ${g.max}`));
        });
        for (const [name, d] of Object.entries(rawDims(q, at('dims')))) {
          if (d.min !== undefined && d.max !== undefined && d.min > d.max) report.error(q.source.error('BAD_DOMAIN', at('dims', name, 'min'), `dim "${name}": min ${d.min} is greater than max ${d.max}`));
        }
      }
    });
  },
};

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

const dims: SpecRule = {
  name: 'dims',
  check(input, report) {
    eachPart(input, (part, at, q) => {
      if (part.kind !== 'code' && part.kind !== 'gradient') return;
      const raw = rawDims(q, at('dims'));
      for (const [name, d] of Object.entries(raw)) {
        const hasRange = d.min !== undefined && d.max !== undefined;
        const hasTimes = d.times !== undefined;
        if (hasTimes === (d.min !== undefined || d.max !== undefined) || (!hasTimes && !hasRange)) {
          report.error(q.source.error('BAD_DIM', at('dims', name), `dim "${name}" must have either min and max, or times alone`));
        } else if (hasTimes) {
          const ref = d.times![0];
          const target = raw[ref];
          if (target === undefined) report.error(q.source.error('UNKNOWN_DIM', at('dims', name, 'times', 0), `dim "${name}" multiplies "${ref}", which is not declared in dims`));
          else if (target.times !== undefined) report.error(q.source.error('BAD_DIM', at('dims', name, 'times', 0), `dim "${name}" multiplies "${ref}", itself a product; refer to a dim with min and max`));
        }
      }
      eachGenerator(part.generators, at('generators'), (g, path) => {
        for (const [field, ref] of dimRefs(g)) {
          if (!Object.hasOwn(raw, ref)) report.error(q.source.error('UNKNOWN_DIM', [...path, field], `generator "${String(path.at(-1))}" uses dim "${ref}", which is not declared in dims (${Object.keys(raw).join(', ') || 'none'})`));
        }
      });
    });
  },
};

/** The dims as written (before defaults), to tell `{ min, max }` from `{ times }` reliably. */
function rawDims(q: LoadedQuestion, path: DocPath): Record<string, { min?: number; max?: number; times?: [string, number] }> {
  const node = q.source.doc.getIn(path) as { toJSON?: () => unknown } | undefined;
  const value = node && typeof node.toJSON === 'function' ? node.toJSON() : undefined;
  return (value ?? {}) as Record<string, { min?: number; max?: number; times?: [string, number] }>;
}

const codeArgs: SpecRule = {
  name: 'code-args',
  check(input, report) {
    eachPart(input, (part, at, q) => {
      if (part.kind !== 'code' && part.kind !== 'gradient') return;
      const p: CodePart | GradientPart = part;
      p.params.forEach((name, j) => {
        // Without hidden runs nothing is generated (a public pack ships no generators).
        if (p.runs > 0 && !Object.hasOwn(p.generators, name)) report.error(q.source.error('GENERATOR_MISMATCH', at('params', j), `parameter "${name}" has no generator; add generators.${name}`));
      });
      for (const name of Object.keys(p.generators)) {
        if (!p.params.includes(name)) report.error(q.source.error('GENERATOR_MISMATCH', at('generators', name), `generator "${name}" is not a parameter (${p.params.join(', ')}); remove it or add it to params`, 'key'));
      }
      p.vectors.forEach((v, k) => {
        if (v.args.length !== p.params.length) report.error(q.source.error('VECTOR_ARITY', at('vectors', k, 'args'), `test vector "${v.name}" has ${v.args.length} argument(s), but ${p.function} takes ${p.params.length} (${p.params.join(', ')})`));
      });
      if (p.kind === 'gradient') {
        for (const [key, index] of Object.entries(p.wrt)) {
          if (index >= p.params.length) report.error(q.source.error('WRT_OUT_OF_RANGE', at('wrt', key), `wrt.${key} = ${index}, but ${p.function} has only ${p.params.length} parameter(s) (indices 0..${p.params.length - 1})`));
        }
      }
    });
  },
};

/** Inputs of a sequence task above this many bits (streams × exhaustive length) take too long to enumerate. */
export const MAX_SEQUENCE_BITS = 24;

const weights: SpecRule = {
  name: 'weights',
  check(input, report) {
    eachPart(input, (part, at, q) => {
      if (part.kind !== 'weights') return;
      const { inputs } = part;
      if (inputs.kind === 'sequences') {
        if (part.firstStepPoints > part.points) {
          report.error(q.source.error('FIRST_STEP_POINTS_EXCEED', at('partial_credit', 'first_step_points'), `first_step_points ${part.firstStepPoints} exceeds the part's ${part.points} points`));
        }
        const bits = inputs.streams * inputs.exhaustiveMaxLength;
        if (bits > MAX_SEQUENCE_BITS) {
          report.error(q.source.error('INPUTS_TOO_MANY', at('inputs', 'sequences'), `${inputs.streams} streams of length up to ${inputs.exhaustiveMaxLength} are 2^${bits} inputs to enumerate; keep streams × exhaustive_max_length at most ${MAX_SEQUENCE_BITS}`));
        }
        return;
      }
      if (part.firstStepPoints > 0) {
        report.error(q.source.error('PARTIAL_CREDIT_NOT_APPLICABLE', at('partial_credit', 'first_step_points'), `first_step_points applies to sequence inputs only; this part's inputs are points`));
      }
      if (part.fastPath !== undefined) {
        report.error(q.source.error('PARTIAL_CREDIT_NOT_APPLICABLE', at('fast_path'), `a fast path applies to sequence inputs only; this part's inputs are points, which are simulated one by one`));
      }
      inputs.cases.forEach((c, k) => {
        if (c.length !== inputs.params.length) report.error(q.source.error('CASE_ARITY', at('inputs', 'points', 'cases', k), `case ${k + 1} has ${c.length} value(s), but the inputs are ${inputs.params.length} (${inputs.params.join(', ')})`));
      });
      if (inputs.cases.length === 0 && inputs.runs === 0) {
        report.error(q.source.error('CASE_ARITY', at('inputs', 'points'), `no input to simulate: list cases, or set runs with generators`));
      }
      inputs.params.forEach((name, j) => {
        if (inputs.runs > 0 && !Object.hasOwn(inputs.generators, name)) report.error(q.source.error('GENERATOR_MISMATCH', at('inputs', 'points', 'params', j), `input "${name}" has no generator; add generators.${name}`));
      });
      for (const name of Object.keys(inputs.generators)) {
        if (!inputs.params.includes(name)) report.error(q.source.error('GENERATOR_MISMATCH', at('inputs', 'points', 'generators', name), `generator "${name}" is not an input (${inputs.params.join(', ')}); remove it or add it to params`, 'key'));
      }
    });
  },
};

const MATCHER_FIELD = { formula: 'formula', code: 'solver', gradient: 'solver', weights: 'diagnostic' } as const;

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
        if ((part.kind === 'code' || part.kind === 'gradient') && part.runs > 0) report.error(q.source.error('PUBLIC_PACK_HIDDEN', at('runs'), `part ${part.id} has ${part.runs} hidden runs, but a public pack has none; set runs: 0`));
        return;
      }
      if (!(part.kind in MATCHER_FIELD)) return;
      const field = MATCHER_FIELD[part.kind as keyof typeof MATCHER_FIELD];
      const raw = q.source.doc.getIn(at('mistakes')) as { toJSON?: () => unknown } | undefined;
      const list = (raw && typeof raw.toJSON === 'function' ? raw.toJSON() : []) as Record<string, unknown>[];
      list.forEach((m, j) => {
        if (m[field] === undefined) report.error(q.source.error('MISTAKE_MATCHER_MISSING', at('mistakes', j), `known mistake "${String(m.id)}" of part ${part.id} has no ${field}, so it can never be recognised; add ${field} (only a public pack, with public: true, leaves it out)`));
      });
    });
  },
};

/** The semantic rules that read the pack alone, without running any reference solver, in the order they run. */
export const STRUCTURAL_RULES: readonly SpecRule[] = [
  duplicateQuestionId,
  duplicatePartId,
  partIdPrefix,
  duplicateMistakeId,
  knownNames,
  pointsTotal,
  choiceOptions,
  formulas,
  domains,
  dims,
  codeArgs,
  weights,
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
