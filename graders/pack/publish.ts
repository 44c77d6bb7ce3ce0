import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Document, parseDocument, visit, type YAMLMap, type YAMLSeq } from 'yaml';
import { kindOf } from '../checkers/kinds.ts';
import type { Pack } from './define-pack.ts';
import { ASSIGNMENT_FILE } from './load.ts';
import { plainMath } from './math-text.ts';
import type { ArgGenerator, Assignment, CodePart, GradientPart, PartSpec } from './types.ts';
import { type DrawnVariant, fillText, studentView } from './variant-binding.ts';

export interface PublishedFiles {
  /** Path (relative to the output folder) → content. */
  files: Map<string, string>;
  /** Points of the visible parts: the most a student's own run can show. */
  total: number;
}

/**
 * The student-facing copy of a valid pack, revealing nothing that grades: visible parts only, each
 * in its kind's public form (no solver, expected value, reference formula, known mistake, hidden
 * run or generator, no TA rubric; a code part's visible vectors carry the reference's outputs,
 * precomputed here), no comments (an author's notes), and no pack code at all. Prompts, kinds,
 * points, formats, options, visible test vectors and tolerances stay. It is a valid pack
 * (`public: true`), graded by the same loader and checkers: what needs the answer is read and
 * left pending, graded after the deadline.
 */
export async function publishPack(assignment: Assignment, registry: Pack, student?: { id: string; variants: Readonly<Record<string, DrawnVariant>> }): Promise<PublishedFiles> {
  const files = new Map<string, string>();
  const visible = new Set(assignment.questions.flatMap((q) => q.parts).filter((p) => p.visibility === 'visible').map((p) => p.id));
  // Each part as this student sees it: their numbers in its texts, and its solvers (which
  // precompute a visible vector's output) called with their params.
  const view = studentView(assignment, registry, student?.variants ?? {});
  const byId = new Map(assignment.questions.flatMap((q) => q.parts).filter((p) => visible.has(p.id)).map((p) => [p.id, view(p)]));
  const kept: string[] = [];
  let total = 0;

  for (const q of assignment.questions) {
    const name = path.basename(q.file);
    const source = await readFile(path.join(assignment.dir, name), 'utf8');
    const doc = parseDocument(source);
    const parts = doc.get('parts') as YAMLSeq<YAMLMap>;
    parts.items = parts.items.filter((p) => visible.has(String(p.get('id'))));
    if (parts.items.length === 0) continue;
    for (const node of parts.items) {
      const { part, pack } = byId.get(String(node.get('id')))!;
      total += part.points;
      kindOf(part).publish(part, node, { pack, doc });
    }
    const values = student?.variants[q.id]?.values;
    if (values !== undefined) withNumbers(doc, values);
    withoutComments(doc, source);
    kept.push(name);
    files.set(name, publicText(doc));
  }

  const assignmentSource = await readFile(path.join(assignment.dir, ASSIGNMENT_FILE), 'utf8');
  const doc = parseDocument(assignmentSource);
  doc.set('total', total);
  doc.set('questions', doc.createNode(kept));
  doc.set('public', true);
  const parts = assignment.questions.flatMap((q) => q.parts).filter((p) => visible.has(p.id)).map((p) => byId.get(p.id)!.part);
  // The public copy needs no pack code: every kind's public form carries what the student's run uses.
  doc.delete('reference');
  withoutComments(doc, assignmentSource);
  files.set(ASSIGNMENT_FILE, publicText(doc));

  files.set(`skeleton/${assignment.files.answers}`, answersSkeleton(assignment, parts, student?.id));
  const code = parts.filter((p): p is CodePart | GradientPart => p.kind === 'code' || p.kind === 'gradient');
  if (code.length > 0) files.set(`skeleton/${assignment.files.solution[0] ?? 'solution.ts'}`, solutionSkeleton(assignment, code, (id) => byId.get(id)!.pack));
  return { files, total };
}

export async function writePublished(out: string, published: PublishedFiles): Promise<void> {
  for (const [rel, text] of published.files) {
    const file = path.join(out, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
}

/**
 * One student's question: their numbers in every text (`{{name}}`), and no `params:` or
 * `where:`, so their copy is a plain pack their own run grades without the course secret.
 */
function withNumbers(doc: Document, values: Readonly<Record<string, string | number>>): void {
  doc.delete('params');
  doc.delete('where');
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && node.value.includes('{{')) node.value = fillText(node.value, values);
    },
  });
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
function answersSkeleton(assignment: Assignment, parts: PartSpec[], student: string | undefined): string {
  const lines = [`# Answers for ${assignment.title} (${assignment.id})${student === undefined ? '' : `, with the numbers of ${student}`}.`, '# Replace every null with your answer; code parts go in the solution file.', ''];
  let group = '';
  for (const p of parts) {
    if (kindOf(p).answeredIn !== 'answers') continue;
    const cut = p.id.lastIndexOf('.');
    const [head, leaf] = [p.id.slice(0, cut), p.id.slice(cut + 1)];
    if (head !== group) {
      if (group) lines.push('');
      lines.push(`${head}:`);
      group = head;
    }
    const kind = kindOf(p).answerHint(p as never);
    lines.push(`  # ${plainMath(p.prompt).replace(/\s+/g, ' ').trim()} (${p.points} pt${p.points === 1 ? '' : 's'}, ${kind})`);
    lines.push(`  ${leaf}: null`);
  }
  return `${lines.join('\n')}\n`;
}

function solutionSkeleton(assignment: Assignment, parts: (CodePart | GradientPart)[], packOf: (id: string) => Pack): string {
  const blocks = parts.map((p) => {
    const params = p.params.map((name) => `${name}: ${typeOfGenerator(p.generators[name])}`).join(', ');
    const result = typeOfValue(sampleOutput(p, packOf(p.id)));
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
