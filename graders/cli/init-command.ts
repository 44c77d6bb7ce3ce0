import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import { EXIT, type Io } from './errors.ts';
import { writeTemplate } from './scaffold.ts';
import { VERSION } from './version.ts';

export interface InitFlags {
  pack?: string;
}

const PACK_ID = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Scaffolds a course repository: a pack with one part of each kind and its code, a reference and
 * a mistaken submission, a test of the solvers, a README and a CI workflow. Writes into an empty
 * or new folder only, so nothing a person wrote is overwritten.
 */
export async function initCommand(dir: string, flags: InitFlags, io: Io): Promise<number> {
  const target = path.resolve(dir);
  const id = flags.pack ?? path.basename(target).toLowerCase();
  if (!PACK_ID.test(id)) {
    throw new UsageError(`pack id "${id}" must be lower-case letters, digits, "_" or "-", starting with a letter or digit${flags.pack === undefined ? ' (it comes from the folder name; pass --pack <id>)' : ''}`);
  }
  const info = await stat(target).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UsageError(`${dir} exists and is not a folder`);
  if (info && (await readdir(target)).length > 0) throw new UsageError(`${dir} is not empty; init writes into a new or empty folder only`);

  const written = await writeTemplate('course-repo', target, { PACK: id, VERSION });
  io.stdout(`Created the course repository ${dir} with the pack "${id}" (${written.length} files):\n`);
  for (const file of written) io.stdout(`  ${file}\n`);
  io.stdout(`\nNext:\n  cd ${dir}\n  npm install\n  npx dlgrade validate && npx dlgrade selftest && npx dlgrade grade\n`);
  return EXIT.ok;
}
