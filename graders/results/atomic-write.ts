import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes via a temporary file and a rename, so a reader (or a resumed run) never sees half a file. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, file);
}
