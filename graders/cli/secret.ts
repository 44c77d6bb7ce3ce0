import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import type { Assignment } from '../pack/types.ts';

/** The environment variable the course secret may come from. */
export const SECRET_ENV = 'DLGRADE_SECRET';

/**
 * The course secret the students' variants are drawn from: `--secret-file FILE`, else the
 * environment's DLGRADE_SECRET; never the spec (a public copy of the spec would give it away).
 * A file inside the submissions folder is refused: a student could have put it there, or read it
 * from their own copy. So is one inside the pack's folder, which is committed with the course and
 * copied whole into a Gradescope zip's pack. Undefined when none is given and the pack draws no variant.
 */
export async function courseSecret(assignment: Assignment, flags: { secretFile?: string }, submissionsDir: string | undefined): Promise<string | undefined> {
  const variantQuestions = assignment.questions.filter((q) => q.variants).map((q) => q.id);
  let secret: string | undefined;
  if (flags.secretFile !== undefined) {
    const file = await realpath(flags.secretFile).catch(() => undefined);
    if (file === undefined) throw new UsageError(`--secret-file ${flags.secretFile}: no such file`);
    if (submissionsDir !== undefined && (await isInside(file, submissionsDir))) {
      throw new UsageError(`--secret-file ${flags.secretFile} is inside the submissions folder ${submissionsDir}, where a student's files are; keep the course secret outside it`);
    }
    if (await isInside(file, assignment.dir)) {
      throw new UsageError(`--secret-file ${flags.secretFile} is inside the pack's folder ${path.relative(process.cwd(), assignment.dir) || '.'}, which is committed with the course and copied into a Gradescope zip; keep the course secret outside it`);
    }
    secret = (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
    if (secret.trim() === '') throw new UsageError(`--secret-file ${flags.secretFile} is empty; it must hold the course secret (e.g. \`openssl rand -hex 32 > ${flags.secretFile}\`)`);
  } else if (process.env[SECRET_ENV] !== undefined && process.env[SECRET_ENV] !== '') {
    secret = process.env[SECRET_ENV];
  }
  if (secret === undefined && variantQuestions.length > 0) {
    throw new UsageError(
      `${variantQuestions.length === 1 ? 'question' : 'questions'} ${variantQuestions.join(', ')} of ${assignment.id} ${variantQuestions.length === 1 ? 'draws' : 'draw'} a variant per student, so this needs the course secret: set ${SECRET_ENV}=<secret> or pass --secret-file FILE (kept out of the spec and outside the submissions folder; make one with \`openssl rand -hex 32 > course.secret\`, and keep the same one all term: it decides every student's numbers)`,
    );
  }
  return secret;
}

async function isInside(file: string, dir: string): Promise<boolean> {
  const root = await realpath(dir).catch(() => path.resolve(dir));
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
