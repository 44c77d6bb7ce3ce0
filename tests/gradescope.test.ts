import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { chmod, copyFile, cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { copyPack, ROOT, runCli, tempDir } from './support/cli.ts';

const exec = promisify(execFile);
/** The public demo secret the nn-basics samples are answered under. */
const DEMO_SECRET = path.join(ROOT, 'reference/nn-basics/demo.secret');

interface GradescopeResults {
  score: number;
  execution_time?: number;
  output: string;
  output_format?: string;
  extra_data?: { isolation?: string };
  tests: { name: string; score: number; max_score: number; status?: string; output: string; output_format?: string; visibility: string }[];
}

/** Unzips as Gradescope does, keeping each entry's Unix mode; returns the entries' names and modes. */
async function unzip(zip: string, into: string): Promise<Map<string, number>> {
  const modes = new Map<string, number>();
  const archive = await promisify<string, yauzl.Options, yauzl.ZipFile>(yauzl.open)(zip, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true });
  const openEntry = promisify(archive.openReadStream.bind(archive));
  await new Promise<void>((resolve, reject) => {
    archive.on('error', reject);
    archive.on('end', resolve);
    archive.on('entry', (entry: yauzl.Entry) => {
      void (async () => {
        const mode = (entry.externalFileAttributes >>> 16) & 0o777;
        modes.set(entry.fileName, mode);
        const file = path.join(into, entry.fileName);
        await mkdir(path.dirname(file), { recursive: true });
        await pipeline(await openEntry(entry), createWriteStream(file));
        await chmod(file, mode);
        archive.readEntry();
      })().catch(reject);
    });
    archive.readEntry();
  });
  return modes;
}

async function sh(cmd: string, args: string[], cwd: string, env: Record<string, string>) {
  try {
    const { stdout, stderr } = await exec(cmd, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

let work: string;
let pack: string;
let autograder: string;
let modes: Map<string, number>;

beforeAll(async () => {
  work = await tempDir('gradescope');
  // The dl-hw pack with one hidden part, and the visibility the assignment file asks for it.
  pack = path.join(work, 'pack');
  await copyPack(path.join(ROOT, 'specs/dl-hw'), pack);
  await writeFile(path.join(pack, 'assignment.yaml'), `${await readFile(path.join(pack, 'assignment.yaml'), 'utf8')}gradescope:\n  hidden_visibility: after_due_date\n`);
  const q1 = await readFile(path.join(pack, 'q1.yaml'), 'utf8');
  await writeFile(path.join(pack, 'q1.yaml'), q1.replace('    points: 1\n', '    points: 1\n    visibility: hidden\n'));
  const zip = path.join(work, 'autograder.zip');
  const built = await runCli(['gradescope', '--spec', pack, '--out', zip]);
  expect(built.code, built.stderr).toBe(0);
  // Laid out as Gradescope's /autograder: the zip in source/, run_autograder copied beside it.
  autograder = path.join(work, 'autograder');
  modes = await unzip(zip, path.join(autograder, 'source'));
  await copyFile(path.join(autograder, 'source/run_autograder'), path.join(autograder, 'run_autograder'));
  const setup = await sh('bash', [path.join(autograder, 'source/setup.sh')], path.join(autograder, 'source'), { AUTOGRADER_ROOT: autograder, npm_config_prefer_offline: 'true' });
  expect(setup.code, setup.out).toBe(0);
}, 600_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** One Gradescope grading: the student's files in submission/, run_autograder, results/results.json. */
async function gradeOnGradescope(from: string, metadata: object | undefined): Promise<GradescopeResults> {
  for (const d of ['submission', 'results']) await rm(path.join(autograder, d), { recursive: true, force: true });
  await rm(path.join(autograder, 'submission_metadata.json'), { force: true });
  await cp(from, path.join(autograder, 'submission'), { recursive: true });
  if (metadata) await writeFile(path.join(autograder, 'submission_metadata.json'), JSON.stringify(metadata));
  const run = await sh(path.join(autograder, 'run_autograder'), [], autograder, { AUTOGRADER_ROOT: autograder });
  expect(run.code, run.out).toBe(0);
  return JSON.parse(await readFile(path.join(autograder, 'results/results.json'), 'utf8')) as GradescopeResults;
}

async function gradeLocally(student: string): Promise<GradescopeResults> {
  const out = path.join(work, `local-${student}`);
  const run = await runCli(['grade', '--spec', pack, '--submission', `submissions/dl-hw/${student}`, '--id', student, '--out', out]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(await readFile(path.join(out, student, 'results.json'), 'utf8')) as GradescopeResults;
}

describe('the Gradescope autograder zip', () => {
  it('holds setup.sh and run_autograder at its root, executable, the packed grader and the pack', async () => {
    expect(modes.get('setup.sh')).toBe(0o755);
    expect(modes.get('run_autograder')).toBe(0o755);
    expect([...modes.keys()].sort()).toEqual(['dlgrade.tgz', 'pack/assignment.yaml', 'pack/q1.yaml', 'pack/q2.yaml', 'pack/q4.yaml', 'pack/q5.yaml', 'pack/reference.js', 'run_autograder', 'setup.sh']);
    // The pack's code travels bundled, named by the assignment file; its sources stay with the course.
    expect(await readFile(path.join(autograder, 'source/pack/assignment.yaml'), 'utf8')).toMatch(/^reference: reference\.js$/m);
    const setup = await readFile(path.join(autograder, 'source/setup.sh'), 'utf8');
    // The grader comes from the zip's tarball, never from a registry by name; Node 20 is pinned and checked.
    expect(setup).toMatch(/npm install [^\n]*"\$SOURCE\/dlgrade\.tgz"/);
    expect(setup).toMatch(/NODE_VERSION="20\.\d+\.\d+"/);
    expect(setup).toMatch(/sha256sum -c/);
    expect((await stat(path.join(autograder, 'dlgrade/node_modules/dlgrade/dist/cli.js'))).isFile()).toBe(true);
  });

  it('grades /autograder/submission into a results.json of Gradescope\'s format, with the score `dlgrade grade` gives', async () => {
    const results = await gradeOnGradescope(path.join(ROOT, 'submissions/dl-hw/chen-li'), { users: [{ email: 'chen-li@example.edu', id: 4242, name: 'Chen Li' }] });
    const schema = JSON.parse(await readFile(path.join(ROOT, 'tests/fixtures/external-schemas/gradescope-results.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(results), JSON.stringify(validate.errors)).toBe(true);

    const local = await gradeLocally('chen-li');
    expect(results.score).toBe(local.score);
    expect(results.tests.map((t) => [t.name, t.score, t.max_score, t.status])).toEqual(local.tests.map((t) => [t.name, t.score, t.max_score, t.status]));
    expect(results.score).toBeGreaterThan(0);

    expect(results.execution_time).toBeGreaterThan(0);
    expect(results.output_format).toBe('md');
    expect(results.extra_data?.isolation).toMatch(/^(uid\+netns|user-namespace|permission-model)$/);
    for (const t of results.tests) {
      expect(t.output_format).toBe('md');
      if (t.status !== undefined) expect(['passed', 'failed']).toContain(t.status);
      expect(t.visibility).toBe(t.name.startsWith('q1.1.params_5x5 ') ? 'after_due_date' : 'visible');
      // Student text is escaped for Markdown: no raw HTML can open.
      expect(t.output).not.toMatch(/(?<!\\)</);
    }
  }, 120_000);

  it('grades a submission uploaded as one folder as if its files were at the top', async () => {
    const nested = path.join(work, 'nested');
    await cp(path.join(ROOT, 'submissions/dl-hw/chen-li'), path.join(nested, 'homework'), { recursive: true });
    const results = await gradeOnGradescope(nested, { users: [{ sid: 'chen-li', email: 'someone@example.edu' }] });
    expect(results.score).toBe((await gradeLocally('chen-li')).score);
  }, 120_000);

  it('grades without metadata, and an empty submission at 0 rather than failing', async () => {
    const empty = path.join(work, 'empty');
    await mkdir(empty, { recursive: true });
    const results = await gradeOnGradescope(empty, undefined);
    expect(results.score).toBe(0);
    expect(results.tests.length).toBeGreaterThan(30);
  }, 120_000);

  it('refuses a pack drawn per student without the course secret, saying how to set it, and writes no zip', async () => {
    const zip = path.join(work, 'no-secret.zip');
    const built = await runCli(['gradescope', '--spec', 'specs/nn-basics', '--out', zip, '--grader', path.join(autograder, 'source/dlgrade.tgz')], { env: { DLGRADE_SECRET: undefined } });
    expect(built.code).toBe(2);
    expect(built.stderr).toMatch(/question q1 of nn-basics draws a variant per student, so this needs the course secret: set DLGRADE_SECRET=<secret> or pass --secret-file FILE/);
    await expect(stat(zip)).rejects.toThrow();
  });

  it('works for any pack: nn-basics, its module bundled and its course secret carried, graded as `dlgrade grade` grades it', async () => {
    const zip = path.join(work, 'nn-basics.zip');
    const built = await runCli(['gradescope', '--spec', 'specs/nn-basics', '--out', zip, '--grader', path.join(autograder, 'source/dlgrade.tgz'), '--secret-file', DEMO_SECRET], { env: { DLGRADE_SECRET: undefined } });
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/and the course secret \(course\.secret: keep the zip as private as the secret\)/);
    const root = path.join(work, 'nn-autograder');
    const entries = await unzip(zip, path.join(root, 'source'));
    // The secret sits beside the pack, never in it (a student's public copy is made from the pack), readable by its owner only.
    expect(entries.get('course.secret')).toBe(0o600);
    expect([...entries.keys()].filter((e) => e.includes('secret'))).toEqual(['course.secret']);
    expect(await readFile(path.join(root, 'source/course.secret'), 'utf8')).toBe(await readFile(DEMO_SECRET, 'utf8'));
    await copyFile(path.join(root, 'source/run_autograder'), path.join(root, 'run_autograder'));
    const setup = await sh('bash', [path.join(root, 'source/setup.sh')], path.join(root, 'source'), { AUTOGRADER_ROOT: root, npm_config_prefer_offline: 'true' });
    expect(setup.code, setup.out).toBe(0);
    // Each student graded on Gradescope against their own numbers, as `dlgrade grade` with the same secret grades them.
    const variants: Record<string, unknown> = {};
    for (const student of ['reference', 'dana-ortiz']) {
      for (const d of ['submission', 'results']) await rm(path.join(root, d), { recursive: true, force: true });
      await cp(path.join(ROOT, 'submissions/nn-basics', student), path.join(root, 'submission'), { recursive: true });
      await writeFile(path.join(root, 'submission_metadata.json'), JSON.stringify({ users: [{ sid: student }] }));
      const run = await sh(path.join(root, 'run_autograder'), [], root, { AUTOGRADER_ROOT: root, DLGRADE_SECRET: '' });
      expect(run.code, run.out).toBe(0);
      const results = JSON.parse(await readFile(path.join(root, 'results/results.json'), 'utf8')) as GradescopeResults;
      const out = path.join(work, `nn-local-${student}`);
      const local = await runCli(['grade', '--spec', 'specs/nn-basics', '--submission', `submissions/nn-basics/${student}`, '--id', student, '--out', out, '--secret-file', DEMO_SECRET], { env: { DLGRADE_SECRET: undefined } });
      expect(local.code, local.stderr).toBe(0);
      const expected = JSON.parse(await readFile(path.join(out, student, 'results.json'), 'utf8')) as GradescopeResults;
      expect(results.score).toBe(expected.score);
      expect(results.score).toBeGreaterThan(0);
      expect(results.tests.map((t) => [t.name, t.score, t.output])).toEqual(expected.tests.map((t) => [t.name, t.score, t.output]));
      const width = results.tests.find((t) => t.name.startsWith('q1.1.output_width'))!;
      expect(width.score, `${student}: ${width.output}`).toBe(student === 'reference' ? 1 : 0);
      variants[student] = (JSON.parse(await readFile(path.join(out, student, 'dlgrade.json'), 'utf8')) as { variants: unknown }).variants;
    }
    expect(variants.reference).not.toEqual(variants['dana-ortiz']);
  }, 300_000);
});
