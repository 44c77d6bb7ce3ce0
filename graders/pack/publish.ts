import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Pack } from './define-pack.ts';
import { dlgradeItself } from './pack-module.ts';
import { ASSIGNMENT_FILE } from './load.ts';
import type { ArgGenerator, Assignment, CodePart, GradientPart, PartSpec } from './types.ts';

/** Kinds whose known mistakes are recognised by something that would give the answer away. */
const MATCHER: Partial<Record<PartSpec['kind'], string>> = { formula: 'formula', code: 'solver', gradient: 'solver', weights: 'diagnostic' };

const TEXT_RUBRIC = 'Scored by a TA after the deadline.';

export interface PublishedFiles {
  /** Path (relative to the output folder) → content. */
  files: Map<string, string>;
  /** Points of the visible parts: the most a student's own run can show. */
  total: number;
}

/**
 * The student-facing copy of a valid pack: visible parts only, no hidden runs or generators, no
 * reference formulas or TA rubrics, and only the known formula/code/weights mistakes that earn credit. It stays a valid pack (`public: true`),
 * graded by the same loader and checkers, so a student's visible results match the TA's.
 */
export async function publishPack(assignment: Assignment, registry: Pack): Promise<PublishedFiles> {
  const files = new Map<string, string>();
  const visible = new Set(assignment.questions.flatMap((q) => q.parts).filter((p) => p.visibility === 'visible').map((p) => p.id));
  const kept: string[] = [];
  let total = 0;

  for (const q of assignment.questions) {
    const name = path.basename(q.file);
    const doc = parseDocument(await readFile(path.join(assignment.dir, name), 'utf8'));
    const parts = doc.get('parts') as YAMLSeq<YAMLMap>;
    parts.items = parts.items.filter((p) => visible.has(String(p.get('id'))));
    if (parts.items.length === 0) continue;
    for (const p of parts.items) {
      const kind = String(p.get('kind')) as PartSpec['kind'];
      total += Number(p.get('points'));
      if (kind === 'text') p.set('rubric', TEXT_RUBRIC);
      if (kind === 'formula') p.delete('answer');
      if (kind === 'code' || kind === 'gradient') {
        p.delete('generators');
        p.delete('dims');
        p.set('runs', 0);
      }
      // A formula, mutant or diagnostic (and feedback that often states the right answer) would
      // give answers away: leave those mistakes out, except the ones that earn credit, which
      // change the score and must grade the same for the student as for the TA. Number and
      // choice mistakes stay: any student triggers them by typing the value.
      const mistakes = p.get('mistakes');
      if (MATCHER[kind] && isSeq(mistakes)) {
        mistakes.items = mistakes.items.filter((m) => isMap(m) && Number(m.get('credit') ?? 0) > 0);
        if (mistakes.items.length === 0) p.delete('mistakes');
      }
    }
    kept.push(name);
    files.set(name, doc.toString({ lineWidth: 0 }));
  }

  const doc = parseDocument(await readFile(path.join(assignment.dir, ASSIGNMENT_FILE), 'utf8'));
  doc.set('total', total);
  doc.set('questions', doc.createNode(kept));
  doc.set('public', true);
  const parts = assignment.questions.flatMap((q) => q.parts).filter((p) => visible.has(p.id));
  if (assignment.reference) {
    doc.set('reference', PUBLIC_MODULE);
    files.set(PUBLIC_MODULE, await publicModule(assignment.reference.file, usedNames(parts)));
  } else doc.delete('reference');
  files.set(ASSIGNMENT_FILE, doc.toString({ lineWidth: 0 }));

  files.set(`skeleton/${assignment.files.answers}`, answersSkeleton(assignment, parts));
  const code = parts.filter((p): p is CodePart | GradientPart => p.kind === 'code' || p.kind === 'gradient');
  if (code.length > 0) files.set(`skeleton/${assignment.files.solution[0] ?? 'solution.ts'}`, solutionSkeleton(assignment, code, registry));
  return { files, total };
}

/** The public copy's code, beside its assignment file. */
export const PUBLIC_MODULE = 'reference.js';

type Tables = Record<'solvers' | 'properties' | 'diagnostics' | 'simulators' | 'fastPaths', Set<string>>;

/** The names the published parts use, per table; only the mistakes that stay public count. */
function usedNames(parts: PartSpec[]): Tables {
  const used: Tables = { solvers: new Set(), properties: new Set(), diagnostics: new Set(), simulators: new Set(), fastPaths: new Set() };
  const credited = <M extends { credit: number }>(ms: M[]) => ms.filter((m) => m.credit > 0);
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
        for (const m of credited(p.mistakes)) used.diagnostics.add(m.diagnostic);
        break;
      case 'code':
        used.solvers.add(p.solver);
        for (const name of p.properties) used.properties.add(name);
        for (const m of credited(p.mistakes)) used.solvers.add(m.solver);
        break;
      case 'gradient':
        used.solvers.add(p.solver);
        used.solvers.add(p.loss);
        for (const m of credited(p.mistakes)) used.solvers.add(m.solver);
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
    lines.push(`  # ${p.prompt.replace(/\s+/g, ' ').trim()} (${p.points} pt${p.points === 1 ? '' : 's'}, ${p.kind})`);
    lines.push(`  ${leaf}: null`);
  }
  return `${lines.join('\n')}\n`;
}

function solutionSkeleton(assignment: Assignment, parts: (CodePart | GradientPart)[], registry: Pack): string {
  const blocks = parts.map((p) => {
    const params = p.params.map((name) => `${name}: ${typeOfGenerator(p.generators[name])}`).join(', ');
    const result = typeOfValue(sampleOutput(p, registry));
    const prompt = p.prompt.replace(/\s+/g, ' ').trim();
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
