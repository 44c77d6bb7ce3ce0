import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartResult, SubmissionResult } from '../graders/results/result.ts';
import { copyOf, runCli, tempDir, type CliRun } from './support/cli.ts';

// The matrix-formula, matrix, limit, asymptotic and set kinds and the formula relations, through
// the real CLI: the nn-basics pack's parts of those kinds, graded on the fixture students of
// tests/fixtures/kinds (right answers in equivalent forms, wrong answers, malformed answers).
let out: string;
let run: CliRun;
const scratch: string[] = [];

beforeAll(async () => {
  out = await tempDir('kinds');
  // nn-basics draws q1 per student (these students do not answer it): its public demo secret.
  run = await runCli(['grade', '--spec', 'specs/nn-basics', '--submissions', 'tests/fixtures/kinds', '--out', out, '--jobs', '2', '--secret-file', 'reference/nn-basics/demo.secret'], { env: { DLGRADE_SECRET: undefined } });
}, 300_000);
afterAll(async () => {
  for (const d of [out, ...scratch]) await rm(d, { recursive: true, force: true });
});

async function parts(student: string): Promise<Map<string, PartResult>> {
  const r = JSON.parse(await readFile(path.join(out, student, 'dlgrade.json'), 'utf8')) as SubmissionResult;
  return new Map(r.parts.map((p) => [p.partId, p]));
}

const NEW_PARTS = [
  'linalg.1.grad_x', 'linalg.1.grad_W', 'linalg.2.weight_decay', 'linalg.3.ce_grad', 'linalg.3.softmax_jacobian',
  'linalg.4.cross_correlation', 'linalg.4.softmax_values',
  'growth.1.softplus_slope', 'growth.1.momentum_weight', 'growth.2.attention_cost', 'growth.2.tree_rounds',
  'growth.3.learning_rates', 'growth.3.exact_strides', 'growth.4.gaussian_nll', 'growth.4.squared_error_grad',
];

describe('the new answer kinds and relations, graded by dlgrade grade', () => {
  it('grades every fixture student', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/5 submission\(s\) graded against nn-basics/);
  });

  it.each(['forms-a', 'forms-b', 'forms-c'])('gives full marks to the right answers of %s, each written in another equivalent form', async (student) => {
    const got = await parts(student);
    for (const id of NEW_PARTS) {
      const p = got.get(id)!;
      expect({ id, status: p.status, score: p.score, mistake: p.mistake }).toEqual({ id, status: 'passed', score: p.max, mistake: undefined });
    }
  });

  it('shows how a typed answer was read', async () => {
    const a = await parts('forms-a');
    expect(a.get('linalg.1.grad_x')!.feedback).toContain('(Read as W^T(W x - t).)');
    expect(a.get('linalg.2.weight_decay')!.feedback).toContain('(Read as lambda W.)');
    expect(a.get('growth.4.gaussian_nll')!.feedback).toContain('(Read as (x - mu)^2/(2s^2) + log(s).)');
    expect((await parts('forms-b')).get('growth.3.learning_rates')!.feedback).toContain('(Read as (0, 0.5).)');
  });

  it('fails wrong answers, with a counterexample the student can check', async () => {
    const got = await parts('wrong');
    for (const id of NEW_PARTS) expect({ id, status: got.get(id)!.status, mistake: got.get(id)!.mistake }).toEqual({ id, status: id === 'linalg.4.cross_correlation' ? 'partial' : 'failed', mistake: undefined });
    // Matrix formulas: the sizes, the matrices and the entry where the values differ.
    expect(got.get('linalg.3.softmax_jacobian')).toMatchObject({ counterexample: { input: 'K = 2, z = [0, 0]', expected: '[[0.25, -0.25], [-0.25, 0.25]]', actual: '[[0.25, 0], [0, 0.25]]' } });
    expect(got.get('linalg.3.softmax_jacobian')!.feedback).toMatch(/^At K = 2, z = \[0, 0\], entry \(1, 2\) of your formula gives 0 but the correct value is -0\.25\.$/);
    expect(got.get('linalg.1.grad_x')!.feedback).toMatch(/^At N = \d, D = \d, W = \[\[.*\]\], x = \[.*\], t = \[.*\], .*your formula gives .* but the correct value is /);
    // Matrices: per-entry credit, and the first wrong entry.
    expect(got.get('linalg.4.cross_correlation')).toMatchObject({ score: 1.5, counterexample: { input: 'entry (2, 1)', expected: '0', actual: '1' } });
    expect(got.get('linalg.4.softmax_values')).toMatchObject({ score: 0, feedback: expect.stringContaining('3 of 3 entries are wrong: entry 1 is 0.1, expected 0.0900306…') });
    // Limits: the value the expression tends to, at the other variables' values.
    expect(got.get('growth.1.softplus_slope')).toMatchObject({ feedback: 'As x → 0, the expression tends to 0.5…, not 0.25.', counterexample: { input: 'x → 0', expected: '0.5…', actual: '0.25' } });
    expect(got.get('growth.1.momentum_weight')!.feedback).toMatch(/^As t → ∞ at beta = [\d.]+, the expression tends to [\d.]+…, not [\d.]+…\.$/);
    // Growth classes: which way the quantity grows.
    expect(got.get('growth.2.attention_cost')!.feedback).toMatch(/grows slower than n\^3 .*so it is not Theta\(n\^3\)/);
    expect(got.get('growth.2.tree_rounds')!.feedback).toMatch(/grows slower than sqrt\(n\) .*so it is not Theta\(sqrt\(n\)\)/);
    // Sets: a number in one set and not the other.
    expect(got.get('growth.3.learning_rates')).toMatchObject({ feedback: 'eta = 0.5 is in your set but not in the answer. (Read as (0, 1).)', counterexample: { input: 'eta = 0.5', expected: 'not a member', actual: 'a member' } });
    expect(got.get('growth.3.exact_strides')).toMatchObject({ counterexample: { input: 's = 5', expected: 'a member', actual: 'not a member' } });
    // Relations: two points whose differences are not one constant; and 0 is never "up to scale".
    expect(got.get('growth.4.gaussian_nll')!.feedback).toMatch(/^Your formula minus the correct one is .* at .* but .* at .*: the two do not differ by a constant\.$/);
    expect(got.get('growth.4.squared_error_grad')).toMatchObject({ feedback: expect.stringContaining('your formula gives 0 where the correct value is'), counterexample: { actual: '0', expected: expect.stringMatching(/^a non-zero multiple of /) } });
  });

  it('refuses malformed answers as invalid, saying what was read and what is expected', async () => {
    const got = await parts('malformed');
    for (const id of NEW_PARTS) expect({ id, status: got.get(id)!.status, score: got.get(id)!.score }).toEqual({ id, status: 'invalid', score: 0 });
    const says: Record<string, string | RegExp> = {
      'linalg.1.grad_x': '"(" at column 5 is never closed.',
      'linalg.3.ce_grad': /takes one argument, found 2/,
      'linalg.3.softmax_jacobian': /^The function inv is not allowed \(allowed: .*softmax, logsumexp/,
      'linalg.4.cross_correlation': 'Expected a 2×2 matrix (2 rows of 2 numbers), but row 1 has 3 entries.',
      'linalg.4.softmax_values': 'Entry 2: expected a number (e.g. 28 or "1/9"), found the text "a".',
      'growth.1.softplus_slope': /^Could not read the formula "1\/2 \+"/,
      'growth.1.momentum_weight': /the limit cannot depend on t, which goes to ∞/,
      'growth.2.attention_cost': 'Expected a growth class such as Theta(n^2) or O(n log n), found "n^2".',
      'growth.2.tree_rounds': 'Inside Theta(...): m is not the variable n.',
      'growth.3.learning_rates': '[0.5, 0) has its lower end 0.5 above its upper end 0.',
      'growth.3.exact_strides': 'A bracket of "{1, 3" is never closed.',
      'growth.4.gaussian_nll': 'The formula uses z, which is not a variable of this part (declared: x, mu, s).',
      'growth.4.squared_error_grad': 'expected a formula in p, y written as text, found a map ({p: 1}).',
    };
    for (const [id, message] of Object.entries(says)) {
      const feedback = got.get(id)!.feedback;
      if (typeof message === 'string') expect({ id, feedback }).toEqual({ id, feedback: message });
      else expect({ id, feedback }).toEqual({ id, feedback: expect.stringMatching(message) });
    }
  });

  it('refuses a shape-mismatched matrix formula as invalid, naming both shapes', async () => {
    const got = await parts('malformed');
    // The answer's shape against the reference's, and two operands that do not fit.
    expect(got.get('linalg.1.grad_W')!.feedback).toBe('Your formula is a [N] vector but the answer is a [N, D] matrix.');
    expect(got.get('linalg.2.weight_decay')!.feedback).toBe('W ^ T + W adds a [D, N] matrix and a [N, D] matrix: the shapes must be the same (or one a scalar).');
  });

  it('self-tests every part of the new kinds: the reference full marks, each known mistake recognised', async () => {
    const r = await runCli(['selftest', 'specs/nn-basics']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const id of NEW_PARTS) expect(r.stdout).toMatch(new RegExp(`^${id.replace(/\./g, '\\.')}\\s+reference\\s+full marks \\(\\d+\\)\\s+passed \\d+/\\d+\\s+ok$`, 'm'));
    expect(r.stdout).toMatch(/^linalg\.4\.cross_correlation\s+kernel-flipped\s+mistake kernel-flipped, at least 0\.5 of 2\s+partial 1\/2, mistake kernel-flipped\s+ok$/m);
    expect(r.stdout).toMatch(/^growth\.4\.squared_error_grad\s+not-differentiated\s+.*mistake not-differentiated\s+ok$/m);
    expect(r.stdout).toMatch(/selftest: \d+ passed, 0 failed/);
  }, 300_000);
});

describe('validate on the new kinds and relations', () => {
  it('checks an answer under its relation, and a matrix mistake of another shape', async () => {
    const dir = await copyOf('specs/nn-basics', 'kinds-broken');
    scratch.push(dir);
    const file = path.join(dir, 'q-limits-growth.yaml');
    const text = await readFile(file, 'utf8');
    // Dropping log(s) is no longer "up to a constant"; a factor of 0 is never "up to scale".
    await writeFile(file, text.replace('answer: "(x - mu)^2 / (2 s^2) + log(s)"', 'answer: "(x - mu)^2 / (2 s^2)"').replace('answer: "p - y"', 'answer: "0 (p - y)"'));
    const la = path.join(dir, 'q-linear-algebra.yaml');
    await writeFile(la, (await readFile(la, 'utf8')).replace('formula: "W^T (t - W x)"', 'formula: "t - W x"'));
    const r = await runCli(['validate', dir]);
    expect(r.code).toBe(2);
    const said = r.stdout + r.stderr;
    expect(said).toMatch(/q-limits-growth\.yaml:\d+:\d+ ANSWER_DISAGREES_WITH_SOLVER answer \(x - mu\)\^2 \/ \(2 s\^2\) is not equal to the reference up to an added constant \(the solver "rel\.gaussianNll"\): Your formula minus the correct one is/);
    expect(said).toMatch(/q-limits-growth\.yaml:\d+:\d+ ANSWER_DISAGREES_WITH_SOLVER answer 0 \(p - y\) is not equal to the reference up to a non-zero factor/);
    expect(said).toMatch(/q-linear-algebra\.yaml:\d+:\d+ SHAPE_MISMATCH known mistake "sign-flipped" has another shape than the answer/);
    expect(said).toMatch(/3 error\(s\)/);
  }, 120_000);
});
