import { execFile } from 'node:child_process';
import { cp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, tempDir } from './support/cli.ts';

const exec = promisify(execFile);

/** The `run:` commands of the template's workflow, in order, as a student's CI runs them. */
async function workflowSteps(): Promise<{ name: string; run: string }[]> {
  const wf = parse(await readFile(path.join(ROOT, 'templates/student-repo/.github/workflows/grade.yml'), 'utf8')) as {
    jobs: { grade: { steps: { name?: string; run?: string }[] } };
  };
  return wf.jobs.grade.steps.filter((s) => s.run).map((s) => ({ name: s.name ?? '', run: s.run! }));
}

async function runStep(run: string, cwd: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await exec('bash', ['-eo', 'pipefail', '-c', run], { cwd, env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('a student repository made from the template, with the packed grader installed', () => {
  let work: string;
  let repo: string;
  let tarball: string;
  let env: Record<string, string>;
  let summary: string;

  beforeAll(async () => {
    work = await tempDir('student-ci');
    // Pack as the course would publish it (npm runs the prepare script, which builds dist/), then install only the tarball.
    await exec('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: ROOT });
    tarball = path.join(work, (await readdir(work)).find((f) => f.endsWith('.tgz'))!);
    repo = path.join(work, 'repo');
    await cp(path.join(ROOT, 'templates/student-repo'), repo, { recursive: true });
    for (const f of ['answers.yaml', 'solution.ts']) await cp(path.join(ROOT, 'submissions/dl-hw/reference', f), path.join(repo, f));
    summary = path.join(work, 'step-summary.md');
    env = { DLGRADE_PACKAGE: tarball, FAIL_UNDER: '36', GITHUB_STEP_SUMMARY: summary };
    const install = (await workflowSteps()).find((s) => s.name.startsWith('Install'))!;
    const installed = await runStep(install.run, repo, { ...env, npm_config_prefer_offline: 'true' });
    expect(installed.code, installed.out).toBe(0);
  }, 600_000);
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const grade = async () => {
    await rm(summary, { force: true });
    const step = (await workflowSteps()).find((s) => s.name.startsWith('Grade'))!;
    return runStep(step.run, repo, env);
  };

  it('should run without the source tree: no tsx, no TypeScript sources in the package', async () => {
    const files = await readdir(path.join(repo, 'node_modules/dlgrade/dist'));
    expect(files).toContain('cli.js');
    // Declarations of the library entry (index.d.ts) are not sources.
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    await expect(readdir(path.join(repo, 'node_modules/dlgrade/graders'))).rejects.toThrow();
  });

  it('should pass --fail-under 36 (the points of code a public pack grades on its visible vectors) with the reference answers, and say hidden checks were not run', async () => {
    const run = await grade();
    expect(run.code, run.out).toBe(0);
    expect(run.out).toMatch(/hidden checks were not run/);
    const text = await readFile(summary, 'utf8');
    expect(text).toMatch(/hidden checks were not run/);
    expect(text).not.toMatch(/✘ failed/);
    const junit = await readFile(path.join(repo, 'reports/junit.xml'), 'utf8');
    expect(junit).toContain('q1.1.receptive_field');
    expect(junit).toMatch(/name="visibleOnly" value="true"/);
    expect(await readFile(path.join(repo, 'reports/student/feedback.md'), 'utf8')).toMatch(/hidden checks/i);
    expect(await readFile(path.join(repo, 'reports/student/results.json'), 'utf8')).toMatch(/hidden checks were not/);
  });

  it('should leave answers the public copy cannot grade without revealing them pending, never failed', async () => {
    const answers = path.join(repo, 'answers.yaml');
    const right = await readFile(answers, 'utf8');
    expect(right).toContain('receptive_field: 5');
    await writeFile(answers, right.replace('receptive_field: 5', 'receptive_field: 6'));
    try {
      const run = await grade();
      expect(run.code, run.out).toBe(0);
      const mine = JSON.parse(await readFile(path.join(repo, 'reports/student/dlgrade.json'), 'utf8')) as { parts: { partId: string; status: string }[] };
      expect(mine.parts.find((p) => p.partId === 'q1.1.receptive_field')?.status).toBe('pending');
    } finally {
      await writeFile(answers, right);
    }
  });

  it('should exit 1 with a code part wrong on its visible vectors, and name that part in the job summary', async () => {
    const solution = path.join(repo, 'solution.ts');
    const right = await readFile(solution, 'utf8');
    expect(right).toContain('return 0.5 * sum;');
    await writeFile(solution, right.replace('return 0.5 * sum;', 'return sum;'));
    try {
      const run = await grade();
      expect(run.code, run.out).toBe(1);
      expect(await readFile(summary, 'utf8')).toMatch(/`q2\.1\.kl_to_std_normal` \| ✘ failed \| 0 \/ 4/);
    } finally {
      await writeFile(solution, right);
    }
  });

  it('should refuse to install a grader the course has not named, or one not pinned, saying what to set', async () => {
    const install = (await workflowSteps()).find((s) => s.name.startsWith('Install'))!;
    for (const value of ['', 'dlgrade', 'dlgrade@latest', 'dlgrade@^0.2.0', 'https://example.edu/dlgrade']) {
      const run = await runStep(install.run, repo, { ...env, DLGRADE_PACKAGE: value });
      expect(run.code, value).toBe(1);
      expect(run.out, value).toMatch(value === '' ? /DLGRADE_PACKAGE is not set/ : /DLGRADE_PACKAGE is not pinned/);
    }
  });

  it('should install what the package would be published as: its own name, not private', async () => {
    const installed = JSON.parse(await readFile(path.join(repo, 'node_modules/dlgrade/package.json'), 'utf8')) as { name: string; private?: boolean };
    const source = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; private?: boolean };
    expect(installed.name).toBe(source.name);
    expect(installed.private).not.toBe(true);
  });
});
