import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EMPTY_PACK, type Pack } from './define-pack.ts';
import { loadPackModule, PACK_MODULE_EXTENSIONS, PackModuleError } from './pack-module.ts';
import { convertAssignment, convertQuestion, type RawAssignment, type RawQuestion } from './convert.ts';
import type { SpecError } from './errors.ts';
import { runRules, SPEC_RULES, STRUCTURAL_RULES, type LoadedQuestion } from './rules.ts';
import { validateAgainstSchema } from './schema.ts';
import { SourceFile } from './source.ts';
import type { Assignment } from './types.ts';

export { formatSpecError, type SpecError, type SpecErrorCode } from './errors.ts';

/** The outcome of loading a pack: the assignment only when there is no error at all. */
export interface LoadResult {
  assignment?: Assignment;
  /** The pack's code (empty when the assignment names no module, or it failed to load). */
  pack: Pack;
  errors: SpecError[];
  warnings: SpecError[];
}

export interface LoadOptions {
  /** The code names are checked against, instead of the module the assignment file names. */
  registry?: Pack;
  /**
   * Also run the reference solvers over the pack's own domains (default true). Grading runs skip
   * it: a pack is validated when it is written, and a solver that misbehaves while grading is
   * reported as a reference fault (exit 3) anyway.
   */
  checkReference?: boolean;
}

/** The assignment file every pack folder holds. */
export const ASSIGNMENT_FILE = 'assignment.yaml';

const relative = (abs: string) => path.relative(process.cwd(), abs) || '.';

async function readSource(abs: string): Promise<SourceFile | { missing: string }> {
  try {
    return new SourceFile(relative(abs), await readFile(abs, 'utf8'));
  } catch (e) {
    return { missing: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message };
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Loads and validates the pack in `dir`: YAML parse → JSON Schema → semantic rules. Every file is
 * read and every error collected (a broken question file does not hide the others' errors);
 * positions are 1-based and files are relative to the working directory.
 */
export async function loadAssignment(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const absDir = path.resolve(dir);
  const errors: SpecError[] = [];
  const warnings: SpecError[] = [];

  const assignmentPath = path.join(absDir, ASSIGNMENT_FILE);
  const assignmentSource = await readSource(assignmentPath);
  if (!(assignmentSource instanceof SourceFile)) {
    errors.push({ code: 'FILE_UNREADABLE', file: relative(assignmentPath), line: 1, col: 1, message: `cannot read the assignment file (${assignmentSource.missing}); a pack folder needs ${ASSIGNMENT_FILE}`, excerpt: '' });
    return { errors, warnings, pack: EMPTY_PACK };
  }
  warnings.push(...assignmentSource.parseWarnings());
  const syntax = assignmentSource.parseErrors();
  errors.push(...syntax);
  const assignmentData = syntax.length === 0 ? assignmentSource.data() : undefined;
  const assignmentSchema = syntax.length === 0 ? validateAgainstSchema('assignment', assignmentData, assignmentSource) : [];
  errors.push(...assignmentSchema);
  const rawAssignment = syntax.length === 0 && assignmentSchema.length === 0 ? (assignmentData as RawAssignment) : undefined;

  // The pack's code: a module that cannot be used is one error at its `reference:` line, and the
  // names the questions use are then not checked against it (every one would be "unknown").
  let registry = options.registry ?? EMPTY_PACK;
  let reference: Assignment['reference'];
  let moduleFailed = false;
  const given = isRecord(assignmentData) ? assignmentData.reference : undefined;
  const moduleName = typeof given === 'string' && PACK_MODULE_EXTENSIONS.includes(path.extname(given)) ? given : undefined;
  // A `reference:` the schema rejects is reported there; the names are then not checked at all.
  if (given !== undefined && moduleName === undefined) moduleFailed = true;
  if (moduleName !== undefined && !options.registry) {
    const file = path.resolve(absDir, moduleName);
    try {
      const loaded = await loadPackModule(file);
      registry = loaded.pack;
      reference = { file, digest: loaded.digest };
    } catch (err) {
      if (!(err instanceof PackModuleError)) throw err;
      errors.push(assignmentSource.error('PACK_MODULE_UNLOADABLE', ['reference'], err.message));
      moduleFailed = true;
    }
  }

  // Even an invalid assignment file usually still lists its questions: check them too.
  const listed = isRecord(assignmentData) && Array.isArray(assignmentData.questions) ? assignmentData.questions : [];
  const questions: LoadedQuestion[] = [];
  let complete = listed.length > 0;
  let pointsSum = 0;
  const seen = new Set<string>();
  for (const [index, name] of listed.entries()) {
    if (typeof name !== 'string' || name.includes('/') || name.includes('\\')) {
      complete = false;
      continue;
    }
    // A file listed twice is a schema error already; reading it twice would only add echoes.
    if (seen.has(name)) continue;
    seen.add(name);
    const source = await readSource(path.join(absDir, name));
    if (!(source instanceof SourceFile)) {
      errors.push(assignmentSource.error('QUESTION_FILE_MISSING', ['questions', index], `question file "${name}" cannot be read (${source.missing}); create it or remove it from questions`));
      complete = false;
      continue;
    }
    warnings.push(...source.parseWarnings());
    const qSyntax = source.parseErrors();
    if (qSyntax.length > 0) {
      errors.push(...qSyntax);
      complete = false;
      continue;
    }
    const data = source.data();
    const parts = isRecord(data) && Array.isArray(data.parts) ? data.parts : undefined;
    if (parts && parts.every((p) => isRecord(p) && typeof p.points === 'number')) {
      pointsSum += parts.reduce((sum: number, p) => sum + ((p as { points: number }).points), 0);
    } else complete = false;
    const schemaErrors = validateAgainstSchema('question', data, source);
    if (schemaErrors.length > 0) {
      errors.push(...schemaErrors);
      continue;
    }
    const raw = data as RawQuestion;
    const question = convertQuestion(raw, source.file, (i) => ({ file: source.file, ...source.position(['parts', i]) }));
    questions.push({ source, question });
  }

  const total = isRecord(assignmentData) && typeof assignmentData.total === 'number' ? assignmentData.total : undefined;
  const publicPack = isRecord(assignmentData) && assignmentData.public === true;
  const ruled = runRules(
    { assignmentSource, total, questions, pointsSum: complete ? pointsSum : undefined, registry, publicPack, hasModule: moduleName !== undefined || options.registry !== undefined, moduleFailed },
    options.checkReference === false ? STRUCTURAL_RULES : SPEC_RULES,
  );
  errors.push(...ruled.errors);
  warnings.push(...ruled.warnings);

  // Report in reading order: the assignment, then each question file, top to bottom.
  const rank = new Map<string, number>([[assignmentSource.file, 0]]);
  for (const name of listed) if (typeof name === 'string') rank.set(relative(path.join(absDir, name)), rank.size);
  const inOrder = (a: SpecError, b: SpecError) => (rank.get(a.file) ?? rank.size) - (rank.get(b.file) ?? rank.size) || a.line - b.line || a.col - b.col;
  errors.sort(inOrder);
  warnings.sort(inOrder);

  if (errors.length > 0 || !rawAssignment) return { errors, warnings, pack: registry };
  return { assignment: convertAssignment(rawAssignment, questions.map((q) => q.question), absDir, reference), errors, warnings, pack: registry };
}
