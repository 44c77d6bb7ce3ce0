import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { decodeName, printableName } from './submission-files.ts';

/** Folder names become report paths and CSV cells, so they are kept to a safe alphabet. */
const STUDENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export interface SubmissionRef {
  id: string;
  dir: string;
}

export interface Discovery {
  submissions: SubmissionRef[];
  /** Entries that were skipped, with the reason (shown to the TA). */
  skipped: string[];
}

/** Lists the student folders of a submissions directory, sorted by id. */
export async function discoverSubmissions(root: string, only?: readonly string[]): Promise<Discovery> {
  // Names as bytes: a folder whose name is not UTF-8 (as Windows zips make them) would otherwise
  // come back mangled and fail every later call with its name.
  const entries = await readdir(root, { encoding: 'buffer' });
  const submissions: SubmissionRef[] = [];
  const skipped: string[] = [];
  for (const raw of entries) {
    const name = decodeName(raw);
    if (name === undefined) {
      skipped.push(`${printableName(raw)}: name is not valid UTF-8 (rename the folder); skipped`);
      continue;
    }
    if (name.startsWith('.')) continue;
    const dir = path.join(root, name);
    let info;
    try {
      info = await lstat(dir);
    } catch (err) {
      skipped.push(`${printableName(raw)}: cannot be read (${(err as { code?: string }).code ?? 'error'}); skipped`);
      continue;
    }
    if (info.isSymbolicLink()) {
      skipped.push(`${name}: a symlink, not a submission folder; skipped`);
      continue;
    }
    if (!info.isDirectory()) {
      if (!info.isFile()) skipped.push(`${printableName(raw)}: not a folder (a special file); skipped`);
      continue;
    }
    if (!STUDENT_ID.test(name)) {
      skipped.push(`${printableName(raw)}: folder name is not a valid student id (letters, digits, ".", "_", "-"); skipped`);
      continue;
    }
    submissions.push({ id: name, dir });
  }
  submissions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (only && only.length > 0) {
    const wanted = new Set(only);
    const found = submissions.filter((s) => wanted.has(s.id));
    for (const id of wanted) {
      if (!found.some((s) => s.id === id)) skipped.push(`${id}: no such submission folder under ${root}`);
    }
    return { submissions: found, skipped };
  }
  return { submissions, skipped };
}

export function isValidStudentId(id: string): boolean {
  return STUDENT_ID.test(id);
}
