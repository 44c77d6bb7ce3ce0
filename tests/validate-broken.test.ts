import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpecErrorCode } from '../graders/pack/errors.ts';
import { formatSpecError, loadAssignment } from '../graders/pack/load.ts';
import { validateDir } from '../graders/pack/validate.ts';
import { copyPack } from './support/cli.ts';

/** One textual change to a file of a copy of specs/dl-hw. */
interface Edit {
  file: string;
  find: string;
  replace: string;
}

/**
 * An expected error, located by a needle: its line and column are those of the needle's only
 * occurrence in the edited file (plus `offset` characters), computed independently of the loader.
 */
interface Expected {
  code: SpecErrorCode;
  file: string;
  at: string;
  offset?: number;
}

interface Case {
  name: string;
  edits: Edit[];
  expected: Expected[];
  /** When false, other errors may be reported too (a change that legitimately breaks several rules). */
  exact?: boolean;
}

const PACK = 'specs/dl-hw';
const TMP_ROOT = 'tests/.tmp';
let tmp: string;

beforeAll(async () => {
  await mkdir(TMP_ROOT, { recursive: true });
  tmp = await mkdtemp(path.join(TMP_ROOT, 'validate-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

let copies = 0;
async function brokenCopy(edits: Edit[]): Promise<string> {
  const dir = path.join(tmp, `copy-${++copies}`);
  await copyPack(PACK, dir);
  for (const e of edits) {
    const file = path.join(dir, e.file);
    const text = await readFile(file, 'utf8');
    // Each edit must apply exactly once, or the case is not testing what it says.
    expect(text.split(e.find).length - 1, `${e.file}: ${JSON.stringify(e.find)}`).toBe(1);
    await writeFile(file, text.replace(e.find, e.replace));
  }
  return dir;
}

async function locate(dir: string, x: Expected) {
  const text = await readFile(path.join(dir, x.file), 'utf8');
  const index = text.indexOf(x.at);
  expect(index, `needle ${JSON.stringify(x.at)} in ${x.file}`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(x.at, index + 1), `needle ${JSON.stringify(x.at)} is ambiguous`).toBe(-1);
  const before = text.slice(0, index + (x.offset ?? 0)).split('\n');
  return { code: x.code, file: path.join(dir, x.file), line: before.length, col: before.at(-1)!.length + 1 };
}

const CASES: Case[] = [
  {
    name: 'malformed YAML (unclosed flow map)',
    edits: [{ file: 'q2.yaml', find: '      D: { min: 1, max: 8 }', replace: '      D: { min: 1, max: 8' }],
    expected: [{ code: 'YAML_SYNTAX', file: 'q2.yaml', at: '    generators:\n      mu:', offset: 4 }],
  },
  {
    name: 'duplicate key',
    edits: [{ file: 'q1.yaml', find: '    tolerance: 0.05\n', replace: '    tolerance: 0.05\n    tolerance: 0.07\n' }],
    expected: [{ code: 'YAML_DUPLICATE_KEY', file: 'q1.yaml', at: 'tolerance: 0.07' }],
  },
  {
    name: 'unknown field',
    edits: [{ file: 'q1.yaml', find: '    tolerance: 0.05\n', replace: '    tolerence: 0.05\n' }],
    expected: [{ code: 'SCHEMA_ADDITIONAL_PROPERTY', file: 'q1.yaml', at: 'tolerence' }],
  },
  {
    name: 'unknown field in the assignment',
    edits: [{ file: 'assignment.yaml', find: '  max_late: 5\n', replace: '  max_late: 5\n  grace_hours: 2\n' }],
    expected: [{ code: 'SCHEMA_ADDITIONAL_PROPERTY', file: 'assignment.yaml', at: 'grace_hours' }],
  },
  {
    name: 'wrong type',
    edits: [{ file: 'q2.yaml', find: '    points: 4\n    prompt: "klToStdNormal', replace: '    points: four\n    prompt: "klToStdNormal' }],
    expected: [{ code: 'SCHEMA_TYPE', file: 'q2.yaml', at: 'four' }],
  },
  {
    name: 'missing required property',
    edits: [{ file: 'q5.yaml', find: '    prompt: Do all 2m output panels produce the same distribution y?\n', replace: '' }],
    expected: [{ code: 'SCHEMA_REQUIRED', file: 'q5.yaml', at: 'id: q5.2.same_distribution' }],
  },
  {
    name: 'unknown kind',
    edits: [{ file: 'q5.yaml', find: '    kind: choice\n', replace: '    kind: choise\n' }],
    expected: [{ code: 'SCHEMA_ENUM', file: 'q5.yaml', at: 'choise' }],
  },
  {
    name: 'value out of an enum',
    edits: [{ file: 'assignment.yaml', find: '  per: day\n', replace: '  per: week\n' }],
    expected: [{ code: 'SCHEMA_ENUM', file: 'assignment.yaml', at: 'week' }],
  },
  {
    name: 'due date not ISO 8601',
    edits: [{ file: 'assignment.yaml', find: 'due: 2026-12-10T23:59:00Z', replace: 'due: next friday' }],
    expected: [{ code: 'SCHEMA_FORMAT', file: 'assignment.yaml', at: 'next friday' }],
  },
  {
    name: 'duplicate part id',
    edits: [{ file: 'q4.yaml', find: '  - id: q4.2.explanation\n', replace: '  - id: q4.1.explanation\n' }],
    expected: [{ code: 'DUPLICATE_PART_ID', file: 'q4.yaml', at: 'q4.1.explanation\n    kind: text\n    points: 3\n    prompt: How does', offset: 0 }],
  },
  {
    name: 'duplicate question id',
    edits: [{ file: 'q5.yaml', find: '\nid: q5\n', replace: '\nid: q4\n' }],
    expected: [{ code: 'DUPLICATE_QUESTION_ID', file: 'q5.yaml', at: 'q4\n', offset: 0 }],
    // The q5 parts no longer start with the question id: PART_ID_PREFIX too.
    exact: false,
  },
  {
    name: 'part id without its question prefix',
    edits: [{ file: 'q2.yaml', find: '  - id: q2.4.generation\n', replace: '  - id: q3.4.generation\n' }],
    expected: [{ code: 'PART_ID_PREFIX', file: 'q2.yaml', at: 'q3.4.generation' }],
  },
  {
    name: 'unknown solver',
    edits: [{ file: 'q5.yaml', find: '    solver: skipgram.loss\n', replace: '    solver: skipgram.los\n' }],
    expected: [{ code: 'UNKNOWN_SOLVER', file: 'q5.yaml', at: 'skipgram.los\n' }],
  },
  {
    name: 'unknown property',
    edits: [{ file: 'q2.yaml', find: 'vae.kl.zeroAtPrior]', replace: 'vae.kl.zeroAtPrio]' }],
    expected: [{ code: 'UNKNOWN_SOLVER', file: 'q2.yaml', at: 'vae.kl.zeroAtPrio]' }],
  },
  {
    name: 'unknown diagnostic',
    edits: [{ file: 'q4.yaml', find: 'diagnostic: rnn.diag.noMemory', replace: 'diagnostic: rnn.diag.noMemry' }],
    expected: [{ code: 'UNKNOWN_SOLVER', file: 'q4.yaml', at: 'rnn.diag.noMemry' }],
  },
  {
    name: 'unknown simulator',
    edits: [{ file: 'q4.yaml', find: 'simulator: rnn.equalityRnn', replace: 'simulator: rnn.equalityRNN' }],
    expected: [{ code: 'UNKNOWN_SOLVER', file: 'q4.yaml', at: 'rnn.equalityRNN' }],
  },
  {
    name: 'unknown fast path',
    edits: [{ file: 'q4.yaml', find: 'fast_path: rnn.equalityAutomata', replace: 'fast_path: rnn.equalityAutomaton' }],
    expected: [{ code: 'UNKNOWN_SOLVER', file: 'q4.yaml', at: 'rnn.equalityAutomaton' }],
  },
  {
    name: 'sequence inputs too many to enumerate',
    edits: [{ file: 'q4.yaml', find: 'sequences: { streams: 2, exhaustive_max_length: 8,', replace: 'sequences: { streams: 3, exhaustive_max_length: 9,' }],
    expected: [{ code: 'INPUTS_TOO_MANY', file: 'q4.yaml', at: '{ streams: 3' }],
  },
  {
    name: 'first-step points above the part',
    edits: [{ file: 'q4.yaml', find: 'partial_credit: { first_step_points: 3 }', replace: 'partial_credit: { first_step_points: 30 }' }],
    expected: [{ code: 'FIRST_STEP_POINTS_EXCEED', file: 'q4.yaml', at: '30 }' }],
  },
  {
    name: 'a formula answer that disagrees with its solver',
    edits: [{ file: 'q1.yaml', find: 'answer: 25F + 1\n', replace: 'answer: 26F\n' }],
    expected: [{ code: 'ANSWER_DISAGREES_WITH_SOLVER', file: 'q1.yaml', at: '26F' }],
  },
  {
    name: 'a number expected that disagrees with its solver',
    edits: [{ file: 'q1.yaml', find: '    solver: inception.receptiveField\n', replace: '    solver: inception.receptiveField\n    expected: 7\n' }],
    expected: [{ code: 'ANSWER_DISAGREES_WITH_SOLVER', file: 'q1.yaml', at: 'expected: 7', offset: 10 }],
  },
  {
    name: 'unknown mutant solver',
    edits: [{ file: 'q5.yaml', find: 'solver: skipgram.gradients.signFlip', replace: 'solver: skipgram.gradients.signflip' }],
    expected: [{ code: 'UNKNOWN_SOLVER', file: 'q5.yaml', at: 'skipgram.gradients.signflip' }],
  },
  {
    name: 'points not adding up',
    edits: [{ file: 'q1.yaml', find: '    points: 3\n    prompt: Cost of block', replace: '    points: 4\n    prompt: Cost of block' }],
    expected: [{ code: 'POINTS_TOTAL_MISMATCH', file: 'assignment.yaml', at: 'total: 100', offset: 7 }],
  },
  {
    name: 'choice expected not an option',
    edits: [{ file: 'q1.yaml', find: '    expected: rank-1\n', replace: '    expected: rank-2\n' }],
    expected: [{ code: 'CHOICE_EXPECTED_NOT_AN_OPTION', file: 'q1.yaml', at: 'rank-2' }],
  },
  {
    name: 'choice mistake not an option',
    edits: [{ file: 'q1.yaml', find: '        value: depthwise separable\n', replace: '        value: depthwise\n' }],
    expected: [{ code: 'CHOICE_MISTAKE_NOT_AN_OPTION', file: 'q1.yaml', at: 'value: depthwise\n', offset: 7 }],
  },
  {
    name: 'undeclared formula variable in the answer',
    edits: [{ file: 'q1.yaml', find: '    answer: 2/n\n', replace: '    answer: 2/m\n' }],
    // n is then unused: a warning, not an error.
    expected: [{ code: 'FORMULA_UNDECLARED_VARIABLE', file: 'q1.yaml', at: '2/m' }],
  },
  {
    name: 'undeclared formula variable in a mistake',
    edits: [{ file: 'q2.yaml', find: '        formula: (s1^2 + (mu1 - mu2)^2)/(2 s2^2) - 1/2\n', replace: '        formula: (sigma1^2 + (mu1 - mu2)^2)/(2 s2^2) - 1/2\n' }],
    expected: [{ code: 'FORMULA_UNDECLARED_VARIABLE', file: 'q2.yaml', at: '(sigma1^2' }],
  },
  {
    name: 'unparsable formula',
    edits: [{ file: 'q1.yaml', find: '    answer: 25F + 1\n', replace: '    answer: 25F +\n' }],
    expected: [{ code: 'FORMULA_UNPARSABLE', file: 'q1.yaml', at: '25F +\n' }],
  },
  {
    name: 'function outside the formula syntax',
    edits: [{ file: 'q1.yaml', find: '        formula: 1/n\n', replace: '        formula: 1/sin(n)\n' }],
    expected: [{ code: 'FORMULA_UNKNOWN_FUNCTION', file: 'q1.yaml', at: '1/sin(n)' }],
  },
  {
    name: 'bad domain of a formula variable',
    edits: [{ file: 'q1.yaml', find: '      n: { type: integer, min: 1, max: 64 }', replace: '      n: { type: integer, min: 65, max: 64 }' }],
    expected: [{ code: 'BAD_DOMAIN', file: 'q1.yaml', at: '65' }],
  },
  {
    name: 'bad domain of a generator',
    edits: [{ file: 'q4.yaml', find: 'maxNorm: { type: number, min: 0.1, max: 10 }', replace: 'maxNorm: { type: number, min: 20, max: 10 }' }],
    expected: [{ code: 'BAD_DOMAIN', file: 'q4.yaml', at: '20, max' }],
  },
  {
    name: 'generator naming an undeclared dim',
    edits: [{ file: 'q4.yaml', find: 'cPrev: { type: vector, length: H,', replace: 'cPrev: { type: vector, length: Hx,' }],
    expected: [{ code: 'UNKNOWN_DIM', file: 'q4.yaml', at: 'Hx' }],
  },
  {
    name: 'dim with both forms',
    edits: [{ file: 'q4.yaml', find: '      G: { times: [H, 4] }', replace: '      G: { times: [H, 4], min: 1 }' }],
    expected: [{ code: 'BAD_DIM', file: 'q4.yaml', at: '{ times: [H, 4], min: 1 }' }],
  },
  {
    name: 'test vector with the wrong number of arguments',
    edits: [{ file: 'q4.yaml', find: '        args: [[[3], [4]], 5]', replace: '        args: [[[3], [4]]]' }],
    expected: [{ code: 'VECTOR_ARITY', file: 'q4.yaml', at: '[[[3], [4]]]' }],
  },
  {
    name: 'wrt index beyond the parameters',
    edits: [{ file: 'q5.yaml', find: 'wrt: { dW: 0, dWp: 1 }', replace: 'wrt: { dW: 0, dWp: 4 }' }],
    expected: [{ code: 'WRT_OUT_OF_RANGE', file: 'q5.yaml', at: 'dWp: 4 }', offset: 5 }],
  },
  {
    name: 'missing question file',
    edits: [{ file: 'assignment.yaml', find: '  - q4.yaml\n', replace: '  - q3.yaml\n' }],
    expected: [{ code: 'QUESTION_FILE_MISSING', file: 'assignment.yaml', at: 'q3.yaml' }],
  },
  {
    name: 'question file listed twice',
    edits: [{ file: 'assignment.yaml', find: '  - q5.yaml\n', replace: '  - q5.yaml\n  - q1.yaml\n' }],
    expected: [{ code: 'SCHEMA_UNIQUE', file: 'assignment.yaml', at: 'q5.yaml\n  - q1.yaml', offset: 12 }],
  },
  {
    name: 'duplicate top-level key',
    edits: [{ file: 'q5.yaml', find: 'id: q5\n', replace: 'id: q5\nparts: []\n' }],
    expected: [
      { code: 'YAML_DUPLICATE_KEY', file: 'q5.yaml', at: 'parts:\n' },
    ],
  },
  // Every error is collected: independent errors in one copy are all reported.
  {
    name: 'two errors in two files',
    edits: [
      { file: 'q2.yaml', find: '    points: 4\n    prompt: "klToStdNormal', replace: '    points: four\n    prompt: "klToStdNormal' },
      { file: 'q5.yaml', find: '    solver: skipgram.loss\n', replace: '    solver: skipgram.los\n' },
    ],
    expected: [
      { code: 'SCHEMA_TYPE', file: 'q2.yaml', at: 'four' },
      { code: 'UNKNOWN_SOLVER', file: 'q5.yaml', at: 'skipgram.los\n' },
    ],
  },
  {
    name: 'a syntax error does not hide the other files',
    edits: [
      { file: 'q2.yaml', find: '      D: { min: 1, max: 8 }', replace: '      D: { min: 1, max: 8' },
      { file: 'q4.yaml', find: 'diagnostic: rnn.diag.noMemory', replace: 'diagnostic: rnn.diag.noMemry' },
    ],
    expected: [
      { code: 'YAML_SYNTAX', file: 'q2.yaml', at: '    generators:\n      mu:', offset: 4 },
      { code: 'UNKNOWN_SOLVER', file: 'q4.yaml', at: 'rnn.diag.noMemry' },
    ],
  },
  {
    name: 'two rule errors in one file, and one in the assignment',
    edits: [
      { file: 'q1.yaml', find: '    expected: rank-1\n', replace: '    expected: rank-2\n' },
      { file: 'q1.yaml', find: '    answer: 2/n\n', replace: '    answer: 2/m\n' },
      { file: 'assignment.yaml', find: '  per: day\n', replace: '  per: week\n' },
    ],
    expected: [
      { code: 'SCHEMA_ENUM', file: 'assignment.yaml', at: 'week' },
      { code: 'CHOICE_EXPECTED_NOT_AN_OPTION', file: 'q1.yaml', at: 'rank-2' },
      { code: 'FORMULA_UNDECLARED_VARIABLE', file: 'q1.yaml', at: '2/m' },
    ],
  },
  {
    name: 'two schema errors in one part',
    edits: [{ file: 'q1.yaml', find: '    tolerance: 0.05\n', replace: '    tolerance: -1\n    colour: red\n' }],
    expected: [
      { code: 'SCHEMA_ADDITIONAL_PROPERTY', file: 'q1.yaml', at: 'colour' },
      { code: 'SCHEMA_RANGE', file: 'q1.yaml', at: 'tolerance: -1', offset: 11 },
    ],
  },
];

const byPosition = (a: { file: string; line: number; col: number }, b: { file: string; line: number; col: number }) =>
  a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col;

describe('a broken copy of the pack', () => {
  it.each(CASES)('$name', async ({ edits, expected, exact = true }) => {
    const dir = await brokenCopy(edits);
    const { assignment, errors } = await loadAssignment(dir);
    expect(assignment).toBeUndefined();
    const want = await Promise.all(expected.map((x) => locate(dir, x)));
    const got = errors.map(({ code, file, line, col }) => ({ code, file, line, col }));
    if (exact) expect([...got].sort(byPosition)).toEqual([...want].sort(byPosition));
    else for (const w of want) expect(got).toContainEqual(w);
    for (const e of errors) {
      expect(e.message.length).toBeGreaterThan(0);
      // The excerpt is the offending line with a caret under the column.
      const [source, caret] = e.excerpt.split('\n');
      expect(caret).toBe(`${' '.repeat(e.col - 1)}^`);
      expect(source!.length).toBeGreaterThanOrEqual(e.col - 1);
    }
  });

  it('should fail with the assignment file missing', async () => {
    const dir = await brokenCopy([]);
    await rm(path.join(dir, 'assignment.yaml'));
    const { errors } = await loadAssignment(dir);
    expect(errors.map(({ code, file, line, col }) => ({ code, file, line, col }))).toEqual([
      { code: 'FILE_UNREADABLE', file: path.join(dir, 'assignment.yaml'), line: 1, col: 1 },
    ]);
  });

  it('should keep the excerpt of a long line within 80 columns, caret on the culprit', async () => {
    const dir = await brokenCopy([{ file: 'q4.yaml', find: 'rnn.clip.shapeKept]', replace: 'rnn.clip.shapeKep]' }]);
    const { errors } = await loadAssignment(dir);
    expect(errors).toHaveLength(1);
    const e = errors[0]!;
    expect(e.col).toBeGreaterThan(80);
    const [source, caret] = e.excerpt.split('\n') as [string, string];
    expect(source.length).toBeLessThanOrEqual(80);
    expect(caret.length).toBeLessThanOrEqual(80);
    expect(source.slice(caret.length - 1)).toMatch(/^rnn\.clip\.shapeKep\]/);
  });

  it('should render file:line:col CODE message, then the excerpt', async () => {
    const dir = await brokenCopy([{ file: 'q1.yaml', find: '    expected: rank-1\n', replace: '    expected: rank-2\n' }]);
    const result = await validateDir(dir);
    const e = result.errors[0]!;
    const file = path.join(dir, 'q1.yaml');
    expect(formatSpecError(e)).toBe(
      `${file}:${e.line}:15 CHOICE_EXPECTED_NOT_AN_OPTION expected "rank-2" is not one of the options "rank-1", "symmetric", "orthogonal", "full-rank", "always"\n` +
        `    expected: rank-2\n              ^`,
    );
    expect(result.text.endsWith(`${dir}: invalid: 1 error, 0 warnings\n`)).toBe(true);
    expect(result.text.startsWith(formatSpecError(e))).toBe(true);
  });

  it('should warn, not fail, on a declared variable the answer does not use', async () => {
    const dir = await brokenCopy([{ file: 'q1.yaml', find: "      n: { type: integer, min: 1, max: 64 }\n", replace: "      n: { type: integer, min: 1, max: 64 }\n      k: { type: integer, min: 1, max: 3 }\n" }]);
    const { assignment, errors, warnings } = await loadAssignment(dir);
    expect(errors).toEqual([]);
    expect(assignment).toBeDefined();
    expect(warnings.map(({ code, file, line, col }) => ({ code, file, line, col }))).toEqual([
      await locate(dir, { code: 'FORMULA_UNUSED_VARIABLE', file: 'q1.yaml', at: 'k: { type: integer, min: 1, max: 3 }' }),
    ]);
  });
});
