import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.ts';
import { EXIT, type Io } from './errors.ts';
import { VERSION } from './version.ts';

export interface InitFlags {
  pack?: string;
}

/** The scaffold: beside the bundle when installed, in templates/ in the sources. */
const BUNDLED = new URL('./templates/course-repo/', import.meta.url);
export const TEMPLATE_DIR = fileURLToPath(existsSync(BUNDLED) ? BUNDLED : new URL('../../templates/course-repo/', import.meta.url));

const PACK_ID = /^[a-z0-9][a-z0-9_-]*$/;
/** Names npm would drop from a package, stored without their dot. */
const DOTTED: Readonly<Record<string, string>> = { gitignore: '.gitignore', github: '.github' };

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

  const written: string[] = [];
  const copy = async (rel: string): Promise<void> => {
    const from = path.join(TEMPLATE_DIR, rel);
    if ((await stat(from)).isDirectory()) {
      for (const entry of (await readdir(from)).sort()) await copy(path.join(rel, entry));
      return;
    }
    const out = rel.split(path.sep).map((segment, i) => (i === 0 ? (DOTTED[segment] ?? segment) : segment).replaceAll('__PACK__', id)).join(path.sep);
    const text = (await readFile(from, 'utf8')).replaceAll('__PACK__', id).replaceAll('__VERSION__', VERSION);
    await mkdir(path.dirname(path.join(target, out)), { recursive: true });
    await writeFile(path.join(target, out), text);
    written.push(out);
  };
  await copy('');
  io.stdout(`Created the course repository ${dir} with the pack "${id}" (${written.length} files):\n`);
  for (const file of written) io.stdout(`  ${file}\n`);
  io.stdout(`\nNext:\n  cd ${dir}\n  npm install\n  npx dlgrade validate && npx dlgrade selftest && npx dlgrade grade\n`);
  return EXIT.ok;
}
