import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

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
  const entries = await readdir(root, { withFileTypes: true });
  const submissions: SubmissionRef[] = [];
  const skipped: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const dir = path.join(root, entry.name);
    const info = await lstat(dir);
    if (info.isSymbolicLink()) {
      skipped.push(`${entry.name}: a symlink, not a submission folder; skipped`);
      continue;
    }
    if (!info.isDirectory()) continue;
    if (!STUDENT_ID.test(entry.name)) {
      skipped.push(`${entry.name}: folder name is not a valid student id (letters, digits, ".", "_", "-"); skipped`);
      continue;
    }
    submissions.push({ id: entry.name, dir });
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
