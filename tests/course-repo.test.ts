import { execFile } from 'node:child_process';
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../graders/results/result.ts';
import { ROOT, tempDir } from './support/cli.ts';

// A course that installs dlgrade from its tarball and never sees its sources: `npm pack`, a fresh
// folder, the packed CLI's `init`, the scaffold's own dependencies installed, then every command
// a course runs, through the installed `dlgrade` bin.
const exec = promisify(execFile);

interface Run {
  code: number;
  out: string;
}

async function run(cmd: string, args: string[], cwd: string): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(cmd, args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false' }, maxBuffer: 64 << 20 });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

let work: string;
let tarball: string;
let repo: string;
const dlgrade = (args: string[], cwd = repo) => run(path.join(cwd, 'node_modules/.bin/dlgrade'), args, cwd);
const result = async (dir: string, student: string) => JSON.parse(await readFile(path.join(dir, student, 'dlgrade.json'), 'utf8')) as SubmissionResult;

beforeAll(async () => {
  work = await tempDir('course-repo');
  const packed = await run('npm', ['pack', '--pack-destination', work, '--silent'], ROOT);
  expect(packed.code, packed.out).toBe(0);
  tarball = path.join(work, (await readdir(work)).find((f) => f.endsWith('.tgz'))!);
  // The CLI that scaffolds: the tarball installed into an empty folder.
  const tool = path.join(work, 'tool');
  const installed = await run('npm', ['install', '--prefix', tool, '--no-audit', '--no-fund', '--prefer-offline', tarball], work);
  expect(installed.code, installed.out).toBe(0);
  const init = await run(path.join(tool, 'node_modules/.bin/dlgrade'), ['init', 'course', '--pack', 'intro'], work);
  expect(init.code, init.out).toBe(0);
  repo = path.join(work, 'course');
  const deps = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-save', tarball], repo);
  expect(deps.code, deps.out).toBe(0);
}, 900_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('a course repository made by the packed `dlgrade init`', () => {
  it('holds a pack with its code, samples, tests and CI, and no dlgrade source', async () => {
    const files = (await readdir(repo, { recursive: true })).filter((f) => !f.startsWith('node_modules'));
    expect(files.sort()).toEqual(
      expect.arrayContaining(['.github/workflows/check.yml', '.gitignore', 'README.md', 'package.json', 'tsconfig.json', 'reference/intro/index.ts', 'reference/intro/index.test.ts', 'specs/intro/assignment.yaml', 'specs/intro/q1.yaml', 'submissions/intro/reference/answers.yaml', 'submissions/intro/mistaken/solution.ts']),
    );
    expect(files.some((f) => f.startsWith('graders'))).toBe(false);
    const shipped = await readdir(path.join(repo, 'node_modules/dlgrade'), { recursive: true });
    // TypeScript in the package is the scaffold `init` copies, and the declarations, never the grader.
    expect(shipped.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith(path.join('dist', 'templates')))).toEqual([]);
    expect(await readFile(path.join(repo, 'reference/intro/index.ts'), 'utf8')).toContain("from 'dlgrade'");
  });

  it('type-checks against the shipped declarations and passes its own solver tests', async () => {
    const tsc = await run(path.join(repo, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], repo);
    expect(tsc.code, tsc.out).toBe(0);
    const vitest = await run(path.join(repo, 'node_modules/.bin/vitest'), ['run'], repo);
    expect(vitest.code, vitest.out).toBe(0);
    expect(vitest.out).toMatch(/4 passed/);
  });

  it('validates (every kind: number, formula, choice, weights, code, gradient, text)', async () => {
    const v = await dlgrade(['validate']);
    expect(v.code, v.out).toBe(0);
    expect(v.out).toMatch(/specs\/intro: valid \(1 questions, 7 parts, 20 points\)/);
  });

  it('self-tests: the reference full marks, every known mistake less', async () => {
    const s = await dlgrade(['selftest']);
    expect(s.code, s.out).toBe(0);
    expect(s.out).toMatch(/selftest: 13 passed, 0 failed/);
  });

  it('grades the reference full marks and the mistaken submission less, with its known-mistake feedback', async () => {
    const g = await dlgrade(['grade', '--out', 'reports']);
    expect(g.code, g.out).toBe(0);
    expect(g.out).toMatch(/2 submission\(s\) graded against intro/);
    const reference = await result(path.join(repo, 'reports'), 'reference');
    expect({ score: reference.score, max: reference.max, pending: reference.pendingPoints }).toEqual({ score: 18, max: 18, pending: 2 });
    const mistaken = await result(path.join(repo, 'reports'), 'mistaken');
    expect(mistaken.score).toBeLessThan(mistaken.max);
    const byId = new Map(mistaken.parts.map((p) => [p.partId, p]));
    expect(byId.get('q1.5.mse')).toMatchObject({ status: 'failed', mistake: 'sum-not-mean' });
    expect(byId.get('q1.5.mse')?.feedback).toMatch(/the mean, not the sum/);
    expect(byId.get('q1.4.and_gate')).toMatchObject({ status: 'failed', mistake: 'or-gate' });
    expect(byId.get('q1.2.mse_derivative')).toMatchObject({ mistake: 'missing-two' });
    expect(byId.get('q1.1.dense_params')).toMatchObject({ mistake: 'no-bias' });
  });

  it('publishes the public spec, exports the review sheet, and merges shards', async () => {
    const pub = await dlgrade(['publish-spec', '--out', 'public']);
    expect(pub.code, pub.out).toBe(0);
    const publicAssignment = await readFile(path.join(repo, 'public/assignment.yaml'), 'utf8');
    // The public copy ships no pack code: solvers are answers.
    expect(publicAssignment).not.toMatch(/^reference:/m);
    expect(publicAssignment).toMatch(/^public: true$/m);
    expect((await readdir(path.join(repo, 'public'))).filter((f) => /\.(js|ts|mjs)$/.test(f))).toEqual([]);
    const own = await dlgrade(['grade', '--spec', 'public', '--submission', 'submissions/intro/reference', '--visible-only', '--out', 'public-reports']);
    expect(own.code, own.out).toBe(0);
    const students = path.join(work, 'intro-student');
    const repoOut = await dlgrade(['publish-spec', '--student-repo', students]);
    expect(repoOut.code, repoOut.out).toBe(0);
    for (const f of ['answers.yaml', 'solution.ts']) await cp(path.join(repo, 'submissions/intro/reference', f), path.join(students, f));
    await cp(path.join(repo, 'node_modules'), path.join(students, 'node_modules'), { recursive: true, verbatimSymlinks: true });
    const self = await dlgrade(['grade', '--submission', '.', '--id', 'student', '--visible-only', '--out', 'reports'], students);
    expect(self.code, self.out).toBe(0);
    // The public copy holds no answer and no pack code: the code and gradient parts (9 points) are
    // graded on their visible vectors, the rest waits for the course's own run.
    const mine = await result(path.join(students, 'reports'), 'student');
    const statusOf = (kind: string) => [...new Set(mine.parts.filter((p) => p.kind === kind).map((p) => p.status))];
    expect({ score: mine.score, code: statusOf('code'), gradient: statusOf('gradient'), choice: statusOf('choice'), formula: statusOf('formula'), number: statusOf('number') }).toEqual({
      score: 9,
      code: ['passed'],
      gradient: ['passed'],
      choice: ['pending'],
      formula: ['pending'],
      number: ['pending'],
    });
    const review = await dlgrade(['review', '--export', 'sheet.yaml', '--out', 'reports']);
    expect(review.code, review.out).toBe(0);
    expect(await readFile(path.join(repo, 'sheet.yaml'), 'utf8')).toMatch(/q1\.7\.normalise/);
    for (const shard of ['1/2', '2/2']) {
      const g = await dlgrade(['grade', '--shard', shard, '--out', `shard-${shard[0]}`]);
      expect(g.code, g.out).toBe(0);
    }
    const merged = await dlgrade(['merge', 'shard-1', 'shard-2', '--out', 'merged']);
    expect(merged.code, merged.out).toBe(0);
    expect((await result(path.join(repo, 'merged'), 'mistaken')).score).toBe((await result(path.join(repo, 'reports'), 'mistaken')).score);
  });
});

describe('the packed CLI and the shipped packs', () => {
  it('contains no code of any pack, and installs no TensorFlow', async () => {
    const dist = path.join(repo, 'node_modules/dlgrade/dist');
    const shipped = await readdir(dist, { recursive: true });
    for (const file of (await readdir(dist, { recursive: true })).filter((f) => /\.(js|cjs|d\.ts|json)$/.test(f))) {
      const text = await readFile(path.join(dist, file), 'utf8');
      for (const name of ['equalityRnn', 'skipGram', 'klToStdNormal', 'softmaxCrossEntropy', 'xorNetwork', 'inception']) expect(text, `${file} has ${name}`).not.toContain(name);
    }
    await expect(readdir(path.join(repo, 'node_modules/@tensorflow'))).rejects.toThrow();
    const manifest = JSON.parse(await readFile(path.join(repo, 'node_modules/dlgrade/package.json'), 'utf8')) as { dependencies: Record<string, string>; license: string };
    expect(Object.keys(manifest.dependencies)).toEqual(['esbuild']);
    expect(manifest.license).toBe('MIT');
    expect(await readFile(path.join(repo, 'node_modules/dlgrade/LICENSE'), 'utf8')).toMatch(/^MIT License/);
    const notices = await readFile(path.join(dist, 'THIRD-PARTY-NOTICES.md'), 'utf8');
    for (const bundled of ['mathjs', 'ajv', 'yaml', 'fast-check', 'commander', 'vega']) expect(notices).toMatch(new RegExp(`^## ${bundled} \\d`, 'm'));
    // The licence comments esbuild found in the bundled code, besides each package's licence file.
    expect(notices).toMatch(/# Licence comments in the bundled code[\s\S]*decimal\.js v\d/);
    expect(shipped.some((f) => f.endsWith('.LEGAL.txt'))).toBe(false);
  });

  it('grades the nn-basics pack, copied into the course repository, as the sources do', async () => {
    const course = path.join(work, 'nn-course');
    for (const dir of ['specs/nn-basics', 'reference/nn-basics', 'submissions/nn-basics']) await cp(path.join(ROOT, dir), path.join(course, dir), { recursive: true });
    await cp(path.join(repo, 'node_modules'), path.join(course, 'node_modules'), { recursive: true, verbatimSymlinks: true });
    // The pack's public demo secret, copied with its code: q1 draws a layer per student.
    const g = await dlgrade(['grade', '--out', 'reports', '--secret-file', 'reference/nn-basics/demo.secret'], course);
    expect(g.code, g.out).toBe(0);
    expect(g.out).toMatch(/3 submission\(s\) graded against nn-basics/);
    expect((await result(path.join(course, 'reports'), 'reference')).score).toBe(56);
    const emil = await result(path.join(course, 'reports'), 'emil-berg');
    expect(emil.parts.find((p) => p.partId === 'q4.2.backward')).toMatchObject({ status: 'partial', mistake: 'constant-statistics' });
    expect((await dlgrade(['selftest'], course)).code).toBe(0);
  });
});
