import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Message, type Plugin } from 'esbuild';
import { isPack, type Pack } from './define-pack.ts';

/**
 * The one place a pack's code enters the grader. The module the assignment file names is bundled
 * with esbuild (its local imports and npm dependencies with it, as a solution is), then imported
 * from memory: the grader never depends on where the course keeps its code, nor on a build step.
 * Course code is trusted and runs here, in the grader; student code never does.
 */

/** A pack module that was loaded: its code, and a digest of it for the staleness of results. */
export interface LoadedPackModule {
  pack: Pack;
  /** sha256 of the bundled code: a changed solver makes `--resume` regrade. */
  digest: string;
}

/** A pack module that cannot be used; `message` says which file and why, in one paragraph. */
export class PackModuleError extends Error {
  override name = 'PackModuleError';
}

export const PACK_MODULE_EXTENSIONS: readonly string[] = ['.ts', '.mts', '.js', '.mjs'];

/**
 * `import ... from 'dlgrade'` in a pack resolves to the dlgrade that grades it: from the sources,
 * graders/index.ts; from the installed bundle, dist/index.js beside the chunk holding this code.
 */
export function libraryEntry(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? path.join(path.dirname(here), '..', 'index.ts') : path.join(path.dirname(here), 'index.js');
}

/** Resolves `dlgrade` to the grader's own library entry (see `libraryEntry`). */
export const dlgradeItself: Plugin = {
  name: 'dlgrade-itself',
  setup(b) {
    b.onResolve({ filter: /^dlgrade$/ }, () => ({ path: libraryEntry() }));
  },
};

const cache = new Map<string, Promise<LoadedPackModule>>();

/** Loads (once per process and file version) the pack module at `file`, an absolute path. */
export async function loadPackModule(file: string): Promise<LoadedPackModule> {
  const info = await stat(file).catch(() => undefined);
  const shown = path.relative(process.cwd(), file) || file;
  if (!info?.isFile()) throw new PackModuleError(`pack module ${shown}: no such file; \`reference:\` in the assignment file names it, relative to the assignment file`);
  if (!PACK_MODULE_EXTENSIONS.includes(path.extname(file))) {
    throw new PackModuleError(`pack module ${shown}: expected a ${PACK_MODULE_EXTENSIONS.join(', ')} file, found "${path.extname(file) || 'no extension'}"`);
  }
  const key = `${file}\0${info.mtimeMs}\0${info.size}`;
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = load(file, shown);
    cache.set(key, loaded);
    loaded.catch(() => cache.delete(key));
  }
  return loaded;
}

/**
 * The pack module bundled into one ES module, with every import but Node's built-ins inlined.
 * `forLoading` adds the require() that bundled CommonJS dependencies call, resolved from the
 * pack's own file; a bundle shipped elsewhere leaves it out, since loading it bundles it again.
 */
export async function bundlePackModule(file: string, shown = file, forLoading = true): Promise<string> {
  try {
    const result = await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      legalComments: 'none',
      plugins: [dlgradeItself],
      // Bundled CommonJS dependencies call require(); resolve it from the pack's own folder.
      ...(forLoading ? { banner: { js: `import { createRequire as __packRequire } from 'node:module'; const require = __packRequire(${JSON.stringify(file)});` } } : {}),
    });
    return result.outputFiles[0]?.text ?? '';
  } catch (err) {
    const errors = (err as { errors?: Message[] }).errors ?? [];
    const detail = errors.length > 0 ? errors.map(formatMessage).join('; ') : String(err);
    throw new PackModuleError(`pack module ${shown} does not compile: ${detail}`);
  }
}

async function load(file: string, shown: string): Promise<LoadedPackModule> {
  const code = await bundlePackModule(file, shown);
  let exported: unknown;
  try {
    const module = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as { default?: unknown };
    exported = module.default;
  } catch (err) {
    throw new PackModuleError(`pack module ${shown} fails to load: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isPack(exported)) {
    const found = exported === undefined ? 'no default export' : `a default export that is ${describe(exported)}`;
    throw new PackModuleError(`pack module ${shown} exports no pack: found ${found}; end it with \`export default definePack({ solvers, ... })\` (import { definePack } from 'dlgrade')`);
  }
  return { pack: exported, digest: createHash('sha256').update(code).digest('hex') };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object not made by definePack';
  return `a ${typeof value}`;
}

function formatMessage(m: Message): string {
  const at = m.location ? `${path.relative(process.cwd(), m.location.file) || m.location.file}:${m.location.line}:${m.location.column + 1}: ` : '';
  return `${at}${m.text}`;
}
