import { cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../graders/results/result.ts';
import { ROOT, runCli, tempDir, type CliRun } from './support/cli.ts';

// Grader-side work on student input is bounded: a 12,000-unknown-keys answers file, a value
// nested deeper than any answer and formulas of 12,000 terms, beside an honest student.
let scratch: string;
let out: string;
let run: CliRun;
let seconds: number;

beforeAll(async () => {
  scratch = await tempDir('flood');
  const subs = path.join(scratch, 'submissions');
  out = path.join(scratch, 'reports');
  for (const id of ['reference', 'flood', 'deep', 'long-right', 'long-wrong']) await cp(path.join(ROOT, 'submissions', 'dl-hw', 'reference'), path.join(subs, id), { recursive: true });
  const answers = await readFile(path.join(subs, 'reference', 'answers.yaml'), 'utf8');
  const keys = Array.from({ length: 12_000 }, (_, i) => `unknown_key_${String(i).padStart(5, '0')}: 1`);
  await writeFile(path.join(subs, 'flood', 'answers.yaml'), `${answers}\n${keys.join('\n')}\n`);
  await writeFile(path.join(subs, 'deep', 'answers.yaml'), answers.replace(/^( {2}benefit: ).*\n(?: {4}.*\n)*/m, `$1${'['.repeat(40)}1${']'.repeat(40)}\n`));
  // 12,000 × F/480 is 25F: the first is the right answer written long, the second is off by one.
  const long = Array.from({ length: 12_000 }, () => 'F/480').join(' + ');
  await writeFile(path.join(subs, 'long-right', 'answers.yaml'), answers.replace(/^( {2}params_5x5: ).*$/m, `$1${long} + 1`));
  await writeFile(path.join(subs, 'long-wrong', 'answers.yaml'), answers.replace(/^( {2}params_5x5: ).*$/m, `$1${long} + 2`));
  await mkdir(out);
  const started = performance.now();
  run = await runCli(['grade', '--submissions', subs, '--out', out, '--jobs', '2']);
  seconds = (performance.now() - started) / 1000;
  expect(run.code, run.stderr).toBe(0);
}, 300_000);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const result = async (id: string) => JSON.parse(await readFile(path.join(out, id, 'dlgrade.json'), 'utf8')) as SubmissionResult;

describe('a flood of unknown keys and a deeply nested value', () => {
  it('are graded fast, and cost the honest student nothing', async () => {
    expect(seconds).toBeLessThan(60);
    expect(run.stdout).toMatch(/reference\s+73\/73/);
    expect((await result('flood')).score).toBe(73);
  });

  it('give reports that mention the flood in a few lines, not megabytes', async () => {
    const flood = await result('flood');
    expect(flood.problems).toHaveLength(21);
    expect(flood.problems.at(-1)).toMatch(/… and 11980 more unknown or misplaced keys ignored/);
    for (const f of ['dlgrade.json', 'feedback.md', 'feedback.html', 'feedback-ta.html', 'results.json']) {
      // What the flood costs a report: beyond the honest reference's (typeset math and all), a few lines.
      const size = (await stat(path.join(out, 'flood', f))).size;
      const honest = (await stat(path.join(out, 'reference', f))).size;
      expect(size - honest, f).toBeLessThan(16 * 1024);
    }
    expect(run.stdout.split('\n').filter((l) => l.startsWith('  flood')).length).toBeLessThanOrEqual(22);
  });

  it('call a value nested deeper than any answer invalid, saying so', async () => {
    const benefit = (await result('deep')).parts.find((p) => p.partId === 'q1.1.benefit')!;
    expect(benefit.status).toBe('invalid');
    expect(benefit.feedback).toMatch(/nested more than 32 levels deep/);
  });

  it('grade a formula of 12,000 terms like a short one: right earns the part, wrong loses only it', async () => {
    const right = await result('long-right');
    expect(right.score).toBe(73);
    const wrong = await result('long-wrong');
    const part = wrong.parts.find((p) => p.partId === 'q1.1.params_5x5')!;
    expect(part.status).toBe('failed');
    expect(part.counterexample).toBeDefined();
    expect(wrong.score).toBe(73 - part.max);
    expect(run.stderr).not.toMatch(/fault|at .*\.(ts|js):\d+/);
  });
});
