import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** tsx by its path, so the CLI runs from any working directory. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The arguments `npm run <command>` adds in this project (package.json scripts), e.g.
 * `--spec specs/dl-hw` for grade: the project holds two packs, so its scripts say which.
 */
function scriptArgs(command: string | undefined): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const script = command === undefined ? undefined : scripts[command];
  const prefix = `node scripts/dlgrade.mjs ${command} `;
  return script?.startsWith(prefix) ? script.slice(prefix.length).split(' ') : [];
}

/**
 * Runs the real command line in a child process, from the project root unless told otherwise.
 * From the root it runs as `npm run <command> -- <args>` does (a later `--spec` wins).
 */
export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliRun> {
  const full = options.cwd === undefined ? [args[0]!, ...scriptArgs(args[0]), ...args.slice(1)].filter((a) => a !== undefined) : [...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, path.join(ROOT, 'graders/cli/bin.ts'), ...full], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `dlgrade-${prefix}-`));
}

/** A scratch copy of a project folder (e.g. the dl-hw pack) to break one thing in. */
export async function copyOf(relative: string, prefix: string): Promise<string> {
  const dir = await tempDir(prefix);
  await copyPack(path.join(ROOT, relative), dir);
  return dir;
}

/**
 * Copies a pack folder, keeping its `reference:` pointing at the same module: the path is relative
 * to the assignment file, so a copy elsewhere would otherwise name a module that is not there.
 */
export async function copyPack(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true });
  const file = path.join(to, 'assignment.yaml');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  const match = text && /^reference: (.+)$/m.exec(text);
  if (!text || !match) return;
  const module = path.resolve(from, match[1]!.trim());
  await writeFile(file, text.replace(match[0], `reference: ${path.relative(to, module)}`));
}
