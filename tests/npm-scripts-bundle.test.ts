import { execFile } from 'node:child_process';
import { cp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './support/cli.ts';

// The npm scripts a TA runs (grade, validate, ...) run the bundle, dist/cli.js, which `npm ci`
// builds. A copy of the project, so editing its sources and rebuilding its dist/ disturbs no other
// test: what the bundle is built from, the lock file, and nothing installed.
const exec = promisify(execFile);
const PROJECT = ['package.json', 'package-lock.json', 'tsconfig.json', 'LICENSE', 'scripts', 'graders', 'specs/schema', 'templates'];
const MAIN = 'graders/cli/main.ts';
const VALIDATE_LINE = "check a course pack: YAML, schema and semantic rules";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let project: string;

async function npm(args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await exec('npm', args, { cwd: project, env: { ...process.env, npm_config_update_notifier: 'false' }, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** `npm run validate -- --help`: a command of the bundle that needs no pack. */
const validateHelp = () => npm(['run', '--silent', 'validate', '--', '--help']);
const builtAt = async () => (await stat(path.join(project, 'dist/cli.js'))).mtimeMs;

beforeAll(async () => {
  project = await tempDir('npm-scripts');
  for (const rel of PROJECT) await cp(path.join(ROOT, rel), path.join(project, rel), { recursive: true });
  const installed = await npm(['ci', '--no-audit', '--no-fund', '--prefer-offline']);
  expect(installed.code, installed.stdout + installed.stderr).toBe(0);
}, 240_000);

describe('the npm scripts run the bundle', () => {
  it('a fresh `npm ci` leaves dist/ built, and the scripts run it without rebuilding', async () => {
    const digest = JSON.parse(await readFile(path.join(project, 'dist/build-digest.json'), 'utf8')) as { digest: string; files: number };
    expect(digest.digest).toMatch(/^[0-9a-f]{64}$/);
    const before = await builtAt();
    const r = await validateHelp();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(VALIDATE_LINE);
    expect(r.stderr).not.toContain('dist/');
    expect(await builtAt()).toBe(before);
    // Every script a user runs goes through the bundle, none through tsx.
    const scripts = (JSON.parse(await readFile(path.join(project, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['grade', 'validate', 'review', 'selftest', 'merge', 'publish-spec']) expect(scripts[name]).toMatch(/^node scripts\/dlgrade\.mjs /);
  });

  it('a source edited since the build is rebuilt with a message before it runs, never run stale', async () => {
    const main = path.join(project, MAIN);
    const text = await readFile(main, 'utf8');
    expect(text).toContain(VALIDATE_LINE);
    await writeFile(main, text.replace(VALIDATE_LINE, 'check a course pack, as edited after the build'));
    const r = await validateHelp();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('dist/ was built from other sources than these');
    expect(r.stderr).toContain('rebuilding it');
    expect(r.stdout).toContain('as edited after the build');
    expect(r.stdout).not.toContain(VALIDATE_LINE);
    // Rebuilt once: the next run finds the bundle fresh.
    const again = await validateHelp();
    expect(again.stderr).not.toContain('dist/');
    expect(again.stdout).toContain('as edited after the build');
  }, 120_000);

  it('a source that does not build stops the script with a message; the old bundle is not run', async () => {
    const main = path.join(project, MAIN);
    const good = await readFile(main, 'utf8');
    await writeFile(main, `${good}\nexport const broken = ;\n`);
    const r = await validateHelp();
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('the build failed');
    expect(r.stderr).toContain('the stale bundle is not run');
    expect(r.stdout).not.toContain('Usage:');
    // Fixed, it builds again at the next run.
    await writeFile(main, good);
    const fixed = await validateHelp();
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stderr).toContain('dist/ holds no complete build');
    expect(fixed.stdout).toContain('Usage:');
  }, 120_000);

  it('a build that stopped half-way (no digest written) is rebuilt', async () => {
    await rm(path.join(project, 'dist/build-digest.json'));
    const r = await validateHelp();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('dist/ holds no complete build');
    expect(r.stdout).toContain('Usage:');
    expect(JSON.parse(await readFile(path.join(project, 'dist/build-digest.json'), 'utf8'))).toHaveProperty('digest');
  }, 120_000);
});
