import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './support/cli.ts';

// `dlgrade init` from the sources; the packed CLI's is tests/course-repo.test.ts.
let work: string;
beforeAll(async () => {
  work = await tempDir('init');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('dlgrade init', () => {
  it('scaffolds a course whose pack validates, self-tests and grades', async () => {
    const init = await runCli(['init', 'Genetics-101'], { cwd: work });
    expect(init.code, init.stderr).toBe(0);
    const repo = path.join(work, 'Genetics-101');
    expect(await readFile(path.join(repo, 'specs/genetics-101/assignment.yaml'), 'utf8')).toMatch(/^id: genetics-101$/m);
    expect(JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8'))).toMatchObject({ name: 'genetics-101-course', dependencies: { dlgrade: expect.stringMatching(/^\^\d+\.\d+\.\d+/) } });
    expect(await readFile(path.join(repo, '.github/workflows/check.yml'), 'utf8')).toMatch(/dlgrade validate[\s\S]*dlgrade selftest/);
    expect((await runCli(['validate'], { cwd: repo })).code).toBe(0);
    const selftest = await runCli(['selftest'], { cwd: repo });
    expect(selftest.stdout).toMatch(/selftest: 13 passed, 0 failed/);
    const graded = await runCli(['grade', '--jobs', '1'], { cwd: repo });
    expect(graded.code, graded.stderr).toBe(0);
    expect(graded.stdout).toMatch(/mistaken +6\/18 +2[\s\S]*reference +18\/18 +2/);
  }, 120_000);

  it('refuses a folder that is not empty, and an id that is not one', async () => {
    const full = path.join(work, 'full');
    await mkdir(full);
    await writeFile(path.join(full, 'notes.txt'), 'mine');
    const refused = await runCli(['init', full], { cwd: work });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is not empty; init writes into a new or empty folder only/);
    expect(await readFile(path.join(full, 'notes.txt'), 'utf8')).toBe('mine');
    const badId = await runCli(['init', path.join(work, 'x'), '--pack', 'Not An Id'], { cwd: work });
    expect(badId.code).toBe(2);
    expect(badId.stderr).toMatch(/pack id "Not An Id" must be lower-case letters/);
  });
});
