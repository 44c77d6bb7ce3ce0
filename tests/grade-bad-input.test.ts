import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartResult, SubmissionResult } from '../graders/results/result.ts';
import { copyOf, ROOT, runCli, tempDir, type CliRun } from './support/cli.ts';

// One class folder holding every kind of broken submission beside an honest one, graded in one run.
let classDir: string;
let out: string;
let run: CliRun;

beforeAll(async () => {
  classDir = await tempDir('bad-class');
  out = await tempDir('bad-out');
  await cp(path.join(ROOT, 'tests/fixtures/bad-submissions'), classDir, { recursive: true });
  await cp(path.join(ROOT, 'submissions/dl-hw/reference'), path.join(classDir, 'reference'), { recursive: true });
  await mkdir(path.join(classDir, 'huge'));
  await writeFile(path.join(classDir, 'huge', 'answers.yaml'), `q1.1:\n  benefit: "${'x'.repeat(300 * 1024)}"\n`);
  await mkdir(path.join(classDir, 'symlink-out'));
  await symlink(path.join(classDir, 'reference', 'answers.yaml'), path.join(classDir, 'symlink-out', 'answers.yaml'));
  run = await runCli(['grade', '--submissions', classDir, '--out', out]);
}, 300_000);
afterAll(async () => {
  await rm(classDir, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

async function parts(student: string): Promise<Map<string, PartResult>> {
  const r = JSON.parse(await readFile(path.join(out, student, 'dlgrade.json'), 'utf8')) as SubmissionResult;
  return new Map(r.parts.map((p) => [p.partId, p]));
}

async function answersFileParts(student: string): Promise<PartResult[]> {
  return [...(await parts(student)).values()].filter((p) => p.kind !== 'code' && p.kind !== 'gradient');
}

describe('a class with broken submissions', () => {
  it('completes, and the honest student keeps every point', async () => {
    expect(run.code).toBe(0);
    const r = JSON.parse(await readFile(path.join(out, 'reference', 'dlgrade.json'), 'utf8')) as SubmissionResult;
    expect(r.score).toBe(73);
  });

  it.each([
    ['malformed', /answers\.yaml:\d+:\d+: /],
    ['alias-bomb', /alias/],
    ['custom-tag', /answers\.yaml:2:\d+: .*custom YAML tags are not allowed/],
    ['huge', /limit is 262144/],
    ['symlink-out', /symlink to a file outside the submission folder; refused/],
  ])('%s: every answers-file part is invalid with a message saying why', async (student, why) => {
    for (const p of await answersFileParts(student)) {
      expect(p.status, p.partId).toBe('invalid');
      expect(p.feedback).toMatch(why);
      expect(p.score).toBe(0);
    }
  });

  it('empty folder: every part is missing', async () => {
    for (const p of (await parts('empty-folder')).values()) {
      expect(p.status, p.partId).toBe('missing');
    }
  });

  it('wrong types are invalid and say what was expected; the rest is graded', async () => {
    const p = await parts('wrong-types');
    expect(p.get('q1.1.params_5x5')).toMatchObject({ status: 'invalid', feedback: expect.stringMatching(/formula/i) });
    expect(p.get('q1.1.saving_limit_percent')).toMatchObject({ status: 'invalid', feedback: expect.stringMatching(/expected a number.*five/i) });
    expect(p.get('q1.1.receptive_field')).toMatchObject({ status: 'invalid' });
    expect(p.get('q4.4.weights')).toMatchObject({ status: 'invalid', feedback: expect.stringMatching(/W: expected a 2x2 matrix, found 3x3/) });
    expect(p.get('q1.1.params_two_3x3')?.status).toBe('passed');
    expect(p.get('q1.3.no_saving_n')?.status).toBe('passed');
  });

  it('an unknown choice is invalid and lists the options', async () => {
    const p = await parts('unknown-choice');
    expect(p.get('q1.3.exact_when')).toMatchObject({ status: 'invalid', feedback: expect.stringMatching(/rank-1.*symmetric.*orthogonal.*full-rank.*always/) });
    expect(p.get('q1.4.cheaper')).toMatchObject({ status: 'invalid', feedback: expect.stringMatching(/"both"/) });
    expect(p.get('q1.3.property_name')?.status).toBe('passed');
  });

  it('a formula in undeclared variables is invalid and names them', async () => {
    const p = await parts('undeclared-variables');
    expect(p.get('q1.1.params_5x5')).toMatchObject({ status: 'invalid', feedback: expect.stringMatching(/\bC\b/) });
    expect(p.get('q1.1.params_two_3x3')).toMatchObject({ status: 'invalid', feedback: expect.stringMatching(/\bk\b/) });
    expect(p.get('q1.3.cost_ratio')).toMatchObject({ status: 'invalid', feedback: expect.stringMatching(/\bm\b.*\bn\b/s) });
  });

  it('lists the broken submissions in the terminal summary', () => {
    expect(run.stdout).toMatch(/Needs attention:/);
    expect(run.stdout).toMatch(/symlink-out .*invalid/);
  });
});

describe('a spec with a schema error', () => {
  let spec: string;
  beforeAll(async () => {
    spec = await copyOf('specs/dl-hw', 'broken-spec');
    const file = path.join(spec, 'q1.yaml');
    const text = await readFile(file, 'utf8');
    // The first part's points, on its own line: replace the number by a word.
    await writeFile(file, text.replace('kind: formula\n    points: 1\n', 'kind: formula\n    points: one\n'));
  });
  afterAll(async () => {
    await rm(spec, { recursive: true, force: true });
  });

  it('stops grading with exit 2 and names the file, line and column', async () => {
    const text = await readFile(path.join(spec, 'q1.yaml'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('points: one')) + 1;
    const col = text.split('\n')[line - 1]!.indexOf('one') + 1;
    const out2 = await tempDir('broken-spec-out');
    const graded = await runCli(['grade', '--spec', spec, '--out', out2]);
    expect(graded.code).toBe(2);
    expect(graded.stderr).toContain(`q1.yaml:${line}:${col}`);
    expect(graded.stderr).toMatch(/SCHEMA_TYPE/);
    const validated = await runCli(['validate', spec]);
    expect(validated.code).toBe(2);
    expect(validated.stderr).toContain(`q1.yaml:${line}:${col}`);
    await rm(out2, { recursive: true, force: true });
  });
});
