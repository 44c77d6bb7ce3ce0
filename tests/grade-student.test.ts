import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './support/cli.ts';

let out: string;

beforeAll(async () => {
  out = await tempDir('student');
  const first = await runCli(['grade', '--out', out, '--student', 'alex-kim', 'chen-li']);
  expect(first.code).toBe(0);
}, 300_000);
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

const gradebookRows = async (): Promise<string[]> =>
  (await readFile(path.join(out, 'grades.csv'), 'utf8'))
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[0]!);

describe('grade --student', () => {
  it('grades only the students named', async () => {
    expect(await gradebookRows()).toEqual(['alex-kim', 'chen-li']);
  });

  it('regrading one student keeps the others in the class reports', async () => {
    const before = await readFile(path.join(out, 'chen-li', 'results.json'), 'utf8');
    const again = await runCli(['grade', '--out', out, '--student', 'alex-kim']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Class reports also include 1 other student/);
    expect(await gradebookRows()).toEqual(['alex-kim', 'chen-li']);
    expect(await readFile(path.join(out, 'chen-li', 'results.json'), 'utf8')).toBe(before);
    const junit = await readFile(path.join(out, 'junit.xml'), 'utf8');
    expect(junit).toContain('chen-li');
  });

  it('refuses a student with no folder, naming it, before grading anyone', async () => {
    const r = await runCli(['grade', '--out', out, '--student', 'alex-kim', 'nobody']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--student: no submission folder under submissions\/dl-hw for "nobody"/);
    expect(r.stdout).not.toMatch(/\[1\/1\]/);
  });
});
