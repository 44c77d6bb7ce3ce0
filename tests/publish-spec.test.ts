import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../graders/results/result.ts';
import { ROOT, runCli, tempDir } from './helpers/cli.ts';

describe('publish-spec', () => {
  let out: string;
  beforeAll(async () => {
    out = await tempDir('public-spec');
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('should write a valid public pack without hidden runs, generators, answers or mistake matchers', async () => {
    const pub = path.join(out, 'pack');
    const run = await runCli(['publish-spec', '--out', pub]);
    expect(run.code, run.stderr).toBe(0);
    const q1 = await readFile(path.join(pub, 'q1.yaml'), 'utf8');
    const q2 = await readFile(path.join(pub, 'q2.yaml'), 'utf8');
    expect(await readFile(path.join(pub, 'assignment.yaml'), 'utf8')).toMatch(/^public: true$/m);
    expect(q1).not.toMatch(/^\s+answer:/m);
    expect(q1).not.toMatch(/formula: 25F/);
    expect(q2).not.toMatch(/generators:|vae\.klToStdNormal\.noHalf|runs: 100/);
    const skeleton = await readFile(path.join(pub, 'skeleton/answers.yaml'), 'utf8');
    expect(skeleton).toMatch(/^q1\.1:\n(.*\n)*\s+params_5x5: null$/m);
    const solution = await readFile(path.join(pub, 'skeleton/solution.ts'), 'utf8');
    expect(solution).toContain('export function klToStdNormal(mu: number[], logVar: number[]): number {');
    expect(solution).toContain('TODO');
  });

  it('should write the student template as committed (regenerate it as docs/student-ci.md says)', async () => {
    const repo = path.join(out, 'student-repo');
    const run = await runCli(['publish-spec', '--student-repo', repo]);
    expect(run.code, run.stderr).toBe(0);
    const template = path.join(ROOT, 'templates/student-repo');
    const files = (await readdir(template, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(template, path.join(e.parentPath, e.name))).sort();
    expect(files).toContain('specs/dl-hw/reference.js');
    expect((await readdir(repo, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(repo, path.join(e.parentPath, e.name))).sort()).toEqual(files);
    for (const file of files) expect(await readFile(path.join(repo, file), 'utf8'), file).toBe(await readFile(path.join(template, file), 'utf8'));
    expect(await readFile(path.join(repo, 'specs/dl-hw/assignment.yaml'), 'utf8')).toMatch(/^reference: reference\.js$/m);
  });

  it('should want exactly one of --out and --student-repo', async () => {
    const run = await runCli(['publish-spec']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/exactly one of --out DIR .* and --student-repo DIR/);
  });

  it('should grade a submission with the same visible results as the full spec', async () => {
    const pub = path.join(out, 'pack');
    const grade = async (spec: string, dir: string) => {
      const run = await runCli(['grade', '--submission', path.join(ROOT, 'submissions/dl-hw/alex-kim'), '--spec', spec, '--visible-only', '--out', dir]);
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(await readFile(path.join(dir, 'alex-kim/dlgrade.json'), 'utf8')) as SubmissionResult;
    };
    const full = await grade('specs/dl-hw', path.join(out, 'full'));
    const student = await grade(pub, path.join(out, 'public'));
    // Zero-credit formula and code mistakes are not in the public copy: only their feedback may differ.
    const view = (r: SubmissionResult) => r.parts.map((p) => ({ id: p.partId, status: p.mistake && p.score === 0 ? 'failed' : p.status, score: p.score }));
    expect(view(student)).toEqual(view(full));
  });
});
