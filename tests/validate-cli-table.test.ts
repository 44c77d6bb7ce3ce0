import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SpecErrorCode } from '../graders/pack/errors.ts';
import { copyOf, ROOT, runCli } from './support/cli.ts';

/**
 * `dlgrade validate` on broken copies of specs/dl-hw, through the real command line: each case
 * applies one edit and expects one error, located at the needle's only occurrence (plus offset).
 */
interface Case {
  name: string;
  file: string;
  find: string;
  replace: string;
  code: SpecErrorCode;
  /** Text whose first character (plus offset) is where the error must point, in the edited file. */
  at: string;
  offset: number;
}

const CASES: Case[] = [
  { name: 'a known-mistake formula equal to the answer', file: 'q1.yaml', find: 'formula: 25F\n', replace: 'formula: 1 + 25 F\n', code: 'MISTAKE_EQUALS_ANSWER', at: 'formula: 1 + 25 F', offset: 9 },
  { name: 'a known-mistake number equal to the answer', file: 'q1.yaml', find: 'value: 6\n', replace: 'value: 5\n', code: 'MISTAKE_EQUALS_ANSWER', at: 'value: 5\n', offset: 7 },
  { name: 'a tolerance that accepts a listed mistake', file: 'q1.yaml', find: 'solver: inception.savingLimitPercent\n    tolerance: 0.5', replace: 'solver: inception.savingLimitPercent\n    tolerance: 60', code: 'TOLERANCE_ACCEPTS_MISTAKE', at: 'tolerance: 60', offset: 11 },
  { name: 'a generator domain that drives the reference to a non-finite value', file: 'q2.yaml', find: 'logVar: { type: vector, length: D, min: -3, max: 3 }', replace: 'logVar: { type: vector, length: D, min: 700, max: 800 }', code: 'SOLVER_NOT_FINITE', at: 'generators:\n      mu: { type: vector, length: D, min: -3, max: 3 }\n      # exp', offset: 0 },
  { name: 'a code mistake without its mutant solver', file: 'q2.yaml', find: '        solver: vae.klToStdNormal.noHalf\n', replace: '', code: 'MISTAKE_MATCHER_MISSING', at: 'id: missing-half', offset: 0 },
  { name: 'an unknown solver', file: 'q1.yaml', find: 'solver: inception.receptiveField', replace: 'solver: inception.receptiveFeld', code: 'UNKNOWN_SOLVER', at: 'inception.receptiveFeld', offset: 0 },
  { name: 'points that do not add up', file: 'assignment.yaml', find: 'total: 100', replace: 'total: 99', code: 'POINTS_TOTAL_MISMATCH', at: 'total: 99', offset: 7 },
  { name: 'an expected choice that is not an option', file: 'q1.yaml', find: 'expected: rank-1', replace: 'expected: rank-2', code: 'CHOICE_EXPECTED_NOT_AN_OPTION', at: 'expected: rank-2', offset: 10 },
  { name: 'a mistake formula in an undeclared variable', file: 'q1.yaml', find: 'formula: n/2', replace: 'formula: m/2', code: 'FORMULA_UNDECLARED_VARIABLE', at: 'formula: m/2', offset: 9 },
  { name: 'a generator with min above max', file: 'q2.yaml', find: 'mu: { type: vector, length: D, min: -3, max: 3 }', replace: 'mu: { type: vector, length: D, min: 5, max: 3 }', code: 'BAD_DOMAIN', at: 'min: 5, max: 3', offset: 5 },
  { name: 'an unknown answer kind', file: 'q1.yaml', find: 'kind: number\n    points: 1\n    prompt: Side', replace: 'kind: numbr\n    points: 1\n    prompt: Side', code: 'SCHEMA_ENUM', at: 'numbr', offset: 0 },
  { name: 'hidden runs in a public pack', file: 'assignment.yaml', find: 'questions:\n', replace: 'public: true\nquestions:\n', code: 'PUBLIC_PACK_HIDDEN', at: '', offset: 0 },
];

const copies: string[] = [];
afterAll(async () => {
  await Promise.all(copies.map((d) => rm(d, { recursive: true, force: true })));
});

function position(text: string, needle: string, offset: number): { line: number; col: number } {
  const index = text.indexOf(needle);
  expect(index, `needle ${JSON.stringify(needle)}`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(needle, index + 1), `needle ${JSON.stringify(needle)} is ambiguous`).toBe(-1);
  const before = text.slice(0, index + offset).split('\n');
  return { line: before.length, col: before.at(-1)!.length + 1 };
}

describe('dlgrade validate on broken copies of the pack', () => {
  it('should exit 0 on the real pack', async () => {
    const run = await runCli(['validate', 'specs/dl-hw']);
    expect(run.code, run.stderr).toBe(0);
  });

  it.each(CASES)('should report $code for $name, at its file, line and column, and exit 2', async (c) => {
    const dir = await copyOf('specs/dl-hw', 'validate-cli');
    copies.push(dir);
    const file = path.join(dir, c.file);
    const text = await readFile(file, 'utf8');
    expect(text.split(c.find).length - 1, `edit ${JSON.stringify(c.find)}`).toBe(1);
    await writeFile(file, text.replace(c.find, c.replace));

    const run = await runCli(['validate', dir]);
    expect(run.code, run.stderr).toBe(2);
    const reported = [...run.stderr.matchAll(/^(\S+):(\d+):(\d+) ([A-Z_]+) /gm)].map((m) => ({ file: m[1], line: Number(m[2]), col: Number(m[3]), code: m[4] }));
    expect(reported.map((r) => r.code)).toContain(c.code);
    if (c.code === 'PUBLIC_PACK_HIDDEN') {
      // Every code part of the pack has hidden runs: each one is reported at its `runs:` value.
      const q2 = await readFile(path.join(dir, 'q2.yaml'), 'utf8');
      const line = q2.slice(0, q2.indexOf('runs: 100')).split('\n').length;
      expect(reported).toContainEqual({ file: path.relative(ROOT, path.join(dir, 'q2.yaml')), line, col: 11, code: 'PUBLIC_PACK_HIDDEN' });
      return;
    }
    const edited = await readFile(file, 'utf8');
    const want = position(edited, c.at, c.offset);
    expect(reported).toContainEqual({ file: path.relative(ROOT, file), ...want, code: c.code });
  });
});
