import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import { isValidStudentId } from '../submission/discover.ts';
import { EXIT, type Io } from './errors.ts';
import { gradeCommand } from './grade-command.ts';
import { ZIP_PACK_FOLDER, ZIP_SECRET_FILE } from './gradescope-command.ts';

export interface AutogradeFlags {
  root: string;
}

/** What dlgrade reads of Gradescope's `submission_metadata.json`. */
interface SubmissionMetadata {
  users?: { sid?: unknown; email?: unknown; id?: unknown }[];
}

/** Gradescope's largest metadata file is a few KiB; anything bigger is not one. */
const MAX_METADATA_BYTES = 1024 * 1024;

/**
 * `dlgrade autograde`, what run_autograder runs inside Gradescope: grades `<root>/submission` as
 * one submission of `<root>/source/pack` (every check, hidden ones too) and writes Gradescope's
 * `results.json` to `<root>/results/`. The student id (hence every seed) is the submitter's
 * student id from Gradescope's metadata, else their email's user part, else their Gradescope
 * user id. A fault of the grader or the pack writes no results.json, so Gradescope reports the
 * autograder as failed instead of giving the student a 0. A pack drawn per student is graded
 * with the course secret `dlgrade gradescope` put beside the pack (`<root>/source/course.secret`),
 * so the student's numbers are those of their own sheet when its id is the one Gradescope gives.
 */
export async function autogradeCommand(flags: AutogradeFlags, io: Io): Promise<number> {
  const root = path.resolve(flags.root);
  const submission = path.join(root, 'submission');
  if (!(await stat(submission).catch(() => undefined))?.isDirectory()) throw new UsageError(`${submission}: no submission folder (is --root Gradescope's /autograder?)`);
  const id = await studentId(path.join(root, 'submission_metadata.json'), io);
  const folder = await answersFolder(submission);
  const secretFile = path.join(root, 'source', ZIP_SECRET_FILE);
  const secret = (await stat(secretFile).catch(() => undefined))?.isFile() ? { secretFile } : {};
  const out = await mkdtemp(path.join(os.tmpdir(), 'dlgrade-autograde-'));
  try {
    const code = await gradeCommand(
      { spec: path.join(root, 'source', ZIP_PACK_FOLDER), submissions: 'submissions', submission: folder, id, out, jobs: '1', visibleOnly: false, seedSalt: '', ...secret },
      io,
    );
    const results = path.join(root, 'results');
    await mkdir(results, { recursive: true });
    await copyFile(path.join(out, id, 'results.json'), path.join(results, 'results.json'));
    return code === EXIT.failUnder ? EXIT.ok : code;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/**
 * The folder holding the submission: `submission/` itself, or its only sub-folder when a student
 * uploaded a zip of a folder (Gradescope unpacks it as it is) and nothing else is at the top.
 */
async function answersFolder(submission: string): Promise<string> {
  const entries = (await readdir(submission, { withFileTypes: true })).filter((e) => !e.name.startsWith('.') && e.name !== '__MACOSX');
  const only = entries.length === 1 ? entries[0] : undefined;
  return only?.isDirectory() ? path.join(submission, only.name) : submission;
}

/** The submitter's id for seeds and reports, from Gradescope's metadata; `submission` without it. */
async function studentId(file: string, io: Io): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return 'submission';
  let meta: SubmissionMetadata;
  try {
    if (text.length > MAX_METADATA_BYTES) throw new Error('too large');
    meta = JSON.parse(text) as SubmissionMetadata;
  } catch (err) {
    io.stderr(`warning: ${file} is not readable JSON (${(err as Error).message}); grading as "submission"\n`);
    return 'submission';
  }
  const user = Array.isArray(meta.users) ? meta.users[0] : undefined;
  const email = typeof user?.email === 'string' ? user.email.split('@')[0] : undefined;
  for (const candidate of [user?.sid, email, user?.id]) {
    const id = typeof candidate === 'string' || typeof candidate === 'number' ? safeId(String(candidate)) : undefined;
    if (id) return id;
  }
  return 'submission';
}

/** A metadata value as a student id: other characters become `-`, at most 128 characters. */
function safeId(raw: string): string | undefined {
  const id = raw.trim().replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[._-]+/, '').slice(0, 128);
  return isValidStudentId(id) ? id : undefined;
}
