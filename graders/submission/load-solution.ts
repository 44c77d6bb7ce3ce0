import { build, type Message, type Plugin } from 'esbuild';
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from './safe-file.ts';

/** The student's code, bundled in the grader into one CommonJS string the sandbox child loads. */
export type LoadedSolution =
  | { status: 'ok'; /** The entry file, relative to the submission folder. */ file: string; code: string }
  | { status: 'absent' }
  | { status: 'compile-error'; file: string; /** `solution.ts:3:14: <compiler message>` lines. */ message: string };

/** Entry files tried in order. */
export const SOLUTION_FILES = ['solution.ts', 'solution.js'] as const;

const MAX_SOURCE_BYTES = 1_000_000;
const SOURCE_EXTENSIONS = new Set(['.ts', '.js', '.mjs', '.cjs', '.mts', '.cts', '.json']);

/**
 * Bundles `solution.ts` (or `.js`) and the local files it imports. Everything is compiled here,
 * in the trusted process, so the child only ever loads plain JavaScript; an import of a package,
 * a built-in module or a file outside the submission folder is a compile error, as is a symlink.
 */
export async function loadSolution(submissionDir: string, candidates: readonly string[] = SOLUTION_FILES): Promise<LoadedSolution> {
  const root = await realpath(submissionDir);
  let entry: string | undefined;
  for (const name of candidates) {
    const info = await lstat(path.join(root, name)).catch(() => undefined);
    if (info) {
      entry = name;
      break;
    }
  }
  if (!entry) return { status: 'absent' };

  try {
    const result = await build({
      entryPoints: [path.join(root, entry)],
      absWorkingDir: root,
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'neutral',
      target: 'node20',
      // No tsconfig lookup: a tsconfig (the student's or a parent's) could remap imports.
      tsconfigRaw: {},
      mainFields: [],
      logLevel: 'silent',
      plugins: [confineTo(root)],
    });
    const code = result.outputFiles[0]?.text ?? '';
    return { status: 'ok', file: entry, code };
  } catch (err) {
    const errors = (err as { errors?: Message[] }).errors;
    const message = errors?.length ? errors.map((e) => formatMessage(root, entry, e)).join('\n') : `${entry}: ${String(err)}`;
    return { status: 'compile-error', file: entry, message };
  }
}

function formatMessage(root: string, entry: string, msg: Message): string {
  const loc = msg.location;
  if (!loc) return `${entry}: ${msg.text}`;
  const file = path.isAbsolute(loc.file) ? path.relative(root, loc.file) : loc.file;
  return `${file || entry}:${loc.line}:${loc.column + 1}: ${msg.text}`;
}

/** Refuses every import that does not resolve to a regular source file inside `root`. */
function confineTo(root: string): Plugin {
  return {
    name: 'confine-to-submission',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point') return checkFile(root, args.path);
        if (!args.path.startsWith('.') && !path.isAbsolute(args.path)) {
          return { errors: [{ text: `cannot import "${args.path}": only files of your own submission folder can be imported (no packages or built-in modules)` }] };
        }
        const target = path.resolve(args.resolveDir, args.path);
        const withExt = await firstExisting(target);
        if (!withExt) return { errors: [{ text: `cannot import "${args.path}": file not found in your submission folder` }] };
        return checkFile(root, withExt, args.path);
      });
    },
  };
}

async function firstExisting(target: string): Promise<string | undefined> {
  const tries = [target, ...['.ts', '.js', '.mts', '.mjs', '.cts', '.cjs', '.json'].map((e) => target + e)];
  if (/\.js$/.test(target)) tries.splice(1, 0, target.replace(/\.js$/, '.ts'));
  for (const t of tries) {
    const info = await lstat(t).catch(() => undefined);
    if (info && !info.isDirectory()) return t;
  }
  return undefined;
}

async function checkFile(root: string, file: string, asWritten = path.basename(file)) {
  const refuse = (why: string) => ({ errors: [{ text: `cannot import "${asWritten}": ${why}` }] });
  if (!isInside(root, file)) return refuse('it is outside your submission folder');
  const info = await lstat(file).catch(() => undefined);
  if (!info) return refuse('file not found');
  if (info.isSymbolicLink()) return refuse('it is a symbolic link; submit regular files only');
  if (!info.isFile()) return refuse('it is not a regular file');
  if (info.nlink > 1) return refuse('it is a hard link; submit regular files only');
  if (info.size > MAX_SOURCE_BYTES) return refuse(`it is larger than ${MAX_SOURCE_BYTES} bytes`);
  if (!SOURCE_EXTENSIONS.has(path.extname(file))) return refuse('only .ts, .js and .json files can be imported');
  // A directory on the way could itself be a symlink out of the folder.
  const real = await realpath(file);
  if (!isInside(root, real)) return refuse('it resolves outside your submission folder');
  return { path: real };
}
