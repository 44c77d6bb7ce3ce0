import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Names npm would drop from a package, stored in the templates without their dot. */
const DOTTED: Readonly<Record<string, string>> = { gitignore: '.gitignore', github: '.github' };

/** A template folder: beside the bundle when installed (dist/templates/), in templates/ in the sources. */
export function templateDir(name: string): string {
  const bundled = new URL(`./templates/${name}/`, import.meta.url);
  return fileURLToPath(existsSync(bundled) ? bundled : new URL(`../../templates/${name}/`, import.meta.url));
}

/**
 * Writes a template folder into `target`, replacing each `__KEY__` of `vars` in file names and
 * contents; returns the files written, relative to `target`, in order.
 */
export async function writeTemplate(name: string, target: string, vars: Readonly<Record<string, string>>): Promise<string[]> {
  const root = templateDir(name);
  const fill = (text: string) => Object.entries(vars).reduce((t, [k, v]) => t.replaceAll(`__${k}__`, v), text);
  const written: string[] = [];
  const copy = async (rel: string): Promise<void> => {
    const from = path.join(root, rel);
    if ((await stat(from)).isDirectory()) {
      for (const entry of (await readdir(from)).sort()) await copy(path.join(rel, entry));
      return;
    }
    const out = fill(rel.split(path.sep).map((segment, i) => (i === 0 ? (DOTTED[segment] ?? segment) : segment)).join(path.sep));
    await mkdir(path.dirname(path.join(target, out)), { recursive: true });
    await writeFile(path.join(target, out), fill(await readFile(from, 'utf8')));
    written.push(out);
  };
  await copy('');
  return written;
}
