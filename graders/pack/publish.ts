import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { type Document, isMap, parseDocument, visit, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Pack } from './define-pack.ts';
import { dlgradeItself } from './pack-module.ts';
import { ASSIGNMENT_FILE } from './load.ts';
import { plainMath } from './math-text.ts';
import type { ArgGenerator, Assignment, CodePart, GradientPart, PartSpec } from './types.ts';

/**
 * Keys of a part that hold or give away what grades it: the expected option of a choice, the
 * reference formula, and every known mistake (its value, formula, mutant or diagnostic, and its
 * feedback, which often states the right answer). Solver names stay: they name code of the pack's
 * module, not values, and the student's own run needs them for the visible checks.
 */
const REVEALING_KEYS = ['expected', 'answer', 'mistakes'] as const;

const TEXT_RUBRIC = 'Scored by a TA after the deadline.';

export interface PublishedFiles {
  /** Path (relative to the output folder) → content. */
  files: Map<string, string>;
  /** Points of the visible parts: the most a student's own run can show. */
  total: number;
}

/**
 * The student-facing copy of a valid pack, revealing nothing that grades: visible parts only, no
 * hidden runs or generators, no expected options, reference formulas, known mistakes or TA
 * rubrics, and no comments (an author's notes). Prompts, kinds, points, formats, options, visible
 * test vectors and tolerances stay. It is a valid pack (`public: true`), graded by the same loader
 * and checkers; a choice, whose answer it does not hold, is graded after the deadline.
 */
export async function publishPack(assignment: Assignment, registry: Pack): Promise<PublishedFiles> {
  const files = new Map<string, string>();
  const visible = new Set(assignment.questions.flatMap((q) => q.parts).filter((p) => p.visibility === 'visible').map((p) => p.id));
  const kept: string[] = [];
  let total = 0;

  for (const q of assignment.questions) {
    const name = path.basename(q.file);
    const source = await readFile(path.join(assignment.dir, name), 'utf8');
    const doc = parseDocument(source);
    const parts = doc.get('parts') as YAMLSeq<YAMLMap>;
    parts.items = parts.items.filter((p) => visible.has(String(p.get('id'))));
    if (parts.items.length === 0) continue;
    for (const p of parts.items) {
      const kind = String(p.get('kind')) as PartSpec['kind'];
      total += Number(p.get('points'));
      if (kind === 'text') p.set('rubric', TEXT_RUBRIC);
      for (const key of REVEALING_KEYS) p.delete(key);
      // The advice for a design right only as stated names a design that is right either way.
      const also = p.get('also_simulate');
      if (kind === 'weights' && isMap(also)) also.delete('advice');
      if (kind === 'code' || kind === 'gradient') {
        p.delete('generators');
        p.delete('dims');
        p.set('runs', 0);
      }
    }
    withoutComments(doc, source);
    kept.push(name);
    files.set(name, publicText(doc));
  }

  const assignmentSource = await readFile(path.join(assignment.dir, ASSIGNMENT_FILE), 'utf8');
  const doc = parseDocument(assignmentSource);
  doc.set('total', total);
  doc.set('questions', doc.createNode(kept));
  doc.set('public', true);
  const parts = assignment.questions.flatMap((q) => q.parts).filter((p) => visible.has(p.id));
  if (assignment.reference) {
    doc.set('reference', PUBLIC_MODULE);
    files.set(PUBLIC_MODULE, await publicModule(assignment.reference.file, usedNames(parts)));
  } else doc.delete('reference');
  withoutComments(doc, assignmentSource);
  files.set(ASSIGNMENT_FILE, publicText(doc));

  files.set(`skeleton/${assignment.files.answers}`, answersSkeleton(assignment, parts));
  const code = parts.filter((p): p is CodePart | GradientPart => p.kind === 'code' || p.kind === 'gradient');
  if (code.length > 0) files.set(`skeleton/${assignment.files.solution[0] ?? 'solution.ts'}`, solutionSkeleton(assignment, code, registry));
  return { files, total };
}

/** The public copy's code, beside its assignment file. */
export const PUBLIC_MODULE = 'reference.js';

type Tables = Record<'solvers' | 'properties' | 'diagnostics' | 'simulators' | 'fastPaths', Set<string>>;

/** The names the published parts use, per table (a public copy lists no known mistakes). */
function usedNames(parts: PartSpec[]): Tables {
  const used: Tables = { solvers: new Set(), properties: new Set(), diagnostics: new Set(), simulators: new Set(), fastPaths: new Set() };
  for (const p of parts) {
    switch (p.kind) {
      case 'number':
      case 'formula':
        used.solvers.add(p.solver);
        break;
      case 'weights':
        used.simulators.add(p.simulator);
        used.solvers.add(p.target);
        if (p.fastPath) used.fastPaths.add(p.fastPath);
        break;
      case 'code':
        used.solvers.add(p.solver);
        for (const name of p.properties) used.properties.add(name);
        break;
      case 'gradient':
        used.solvers.add(p.solver);
        used.solvers.add(p.loss);
        break;
      default:
        break;
    }
  }
  return used;
}

/**
 * The pack module of the public copy: one self-contained file (a student's repository installs
 * dlgrade, not the course's sources) whose pack holds only the names the public parts use and no
 * example designs. It is bundled from the course's module, whose pack object refers to all of its
 * code, so the file holds that whole source, readable: the public spec is for grading oneself, not
 * a secret boundary.
 */
async function publicModule(file: string, used: Tables): Promise<string> {
  const tables = Object.entries(used).map(([table, names]) => `  ${table}: pick(pack.${table}, ${JSON.stringify([...names].sort())}),`);
  const entry = [
    `import pack from ${JSON.stringify(file)};`,
    `import { definePack } from 'dlgrade';`,
    `const pick = (table, names) => Object.fromEntries(names.map((n) => [n, table[n]]));`,
    `export default definePack({`,
    ...tables,
    `});`,
  ].join('\n');
  const out = await build({ stdin: { contents: entry, loader: 'js', resolveDir: path.dirname(file) }, bundle: true, format: 'esm', platform: 'node', target: 'node20', write: false, logLevel: 'silent', legalComments: 'none', plugins: [dlgradeItself] });
  return `// The course pack's code for its public parts, generated by \`dlgrade publish-spec\`. Do not edit.\n${out.outputFiles[0]!.text}`;
}

export async function writePublished(out: string, published: PublishedFiles): Promise<void> {
  for (const [rel, text] of published.files) {
    const file = path.join(out, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
}

/**
 * Drops every comment (they are the author's notes, and may name an answer) but the editor's
 * `yaml-language-server` schema line at the top.
 */
function withoutComments(doc: Document, source: string): void {
  const modeline = /^#\s*(yaml-language-server:.*)$/.exec(source.split('\n', 1)[0] ?? '')?.[1];
  doc.comment = null;
  visit(doc, (_key, node) => {
    const n = node as { commentBefore?: string | null; comment?: string | null };
    if (n.commentBefore) n.commentBefore = null;
    if (n.comment) n.comment = null;
  });
  doc.commentBefore = modeline === undefined ? null : ` ${modeline}`;
}

/** The document as written, the schema line right above the content. */
function publicText(doc: Document): string {
  return doc.toString({ lineWidth: 0 }).replace(/^(# yaml-language-server:.*\n)\n/, '$1');
}

/** Every non-code part id, nested as answers.yaml expects (`q1.2: { layer_params: ... }`), each with its prompt. */
function answersSkeleton(assignment: Assignment, parts: PartSpec[]): string {
  const lines = [`# Answers for ${assignment.title} (${assignment.id}).`, '# Replace every null with your answer; code parts go in the solution file.', ''];
  let group = '';
  for (const p of parts) {
    if (p.kind === 'code' || p.kind === 'gradient') continue;
    const cut = p.id.lastIndexOf('.');
    const [head, leaf] = [p.id.slice(0, cut), p.id.slice(cut + 1)];
    if (head !== group) {
      if (group) lines.push('');
      lines.push(`${head}:`);
      group = head;
    }
    const kind = p.kind === 'choice' ? `choice, one of: ${p.options.join(' | ')}` : p.kind;
    lines.push(`  # ${plainMath(p.prompt).replace(/\s+/g, ' ').trim()} (${p.points} pt${p.points === 1 ? '' : 's'}, ${kind})`);
    lines.push(`  ${leaf}: null`);
  }
  return `${lines.join('\n')}\n`;
}

function solutionSkeleton(assignment: Assignment, parts: (CodePart | GradientPart)[], registry: Pack): string {
  const blocks = parts.map((p) => {
    const params = p.params.map((name) => `${name}: ${typeOfGenerator(p.generators[name])}`).join(', ');
    const result = typeOfValue(sampleOutput(p, registry));
    const prompt = plainMath(p.prompt).replace(/\s+/g, ' ').trim();
    return [`/** ${p.id} (${p.points} pts): ${prompt} */`, `export function ${p.function}(${params}): ${result} {`, `  // TODO: implement ${p.function}.`, `  throw new Error('TODO: ${p.function} is not implemented yet');`, '}'].join('\n');
  });
  return `// Solution file for ${assignment.title} (${assignment.id}): implement every function below.\n\n${blocks.join('\n\n')}\n`;
}

function sampleOutput(p: CodePart | GradientPart, registry: Pack): unknown {
  const solver = registry.solvers[p.solver];
  const args = p.vectors[0]?.args;
  if (!solver || !args) return undefined;
  try {
    return solver(...structuredClone(args));
  } catch {
    return undefined;
  }
}

function typeOfGenerator(g: ArgGenerator | undefined): string {
  switch (g?.type) {
    case 'number':
    case 'integer':
    case 'index':
      return 'number';
    case 'vector':
    case 'indices':
      return 'number[]';
    case 'matrix':
    case 'vectors':
      return 'number[][]';
    case 'record':
      return `{ ${Object.entries(g.fields).map(([k, f]) => `${k}: ${typeOfGenerator(f)}`).join('; ')} }`;
    default:
      return 'unknown';
  }
}

function typeOfValue(v: unknown): string {
  if (typeof v === 'number') return 'number';
  if (Array.isArray(v)) return v.length > 0 ? `${typeOfValue(v[0])}[]` : 'number[]';
  if (v !== null && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${typeOfValue(x)}`).join('; ')} }`;
  return 'unknown';
}
