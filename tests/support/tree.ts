import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Every file under a folder, by relative path, for byte-for-byte comparison of two report trees. */
export async function readTree(root: string, rel = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(path.join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, await readTree(root, child));
    else out[child] = await readFile(path.join(root, child), 'utf8');
  }
  return out;
}
