import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartResult, SubmissionResult } from '../graders/results/result.ts';
import { runCli, tempDir, type CliRun } from './support/cli.ts';

// The second shipped pack, written only through the public mechanism (its assignment names its
// module; the module imports definePack from 'dlgrade'), graded by the real CLI.
let out: string;
let run: CliRun;

beforeAll(async () => {
  out = await tempDir('nn-basics');
  run = await runCli(['grade', '--spec', 'specs/nn-basics', '--out', out, '--jobs', '2']);
}, 300_000);
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

async function parts(student: string): Promise<Map<string, PartResult>> {
  const r = JSON.parse(await readFile(path.join(out, student, 'dlgrade.json'), 'utf8')) as SubmissionResult;
  return new Map(r.parts.map((p) => [p.partId, p]));
}

describe('npm run grade -- --spec specs/nn-basics', () => {
  it('grades the pack\'s own samples (submissions/nn-basics/)', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/3 submission\(s\) graded against nn-basics/);
  });

  it('gives the reference every auto-graded point', async () => {
    for (const p of (await parts('reference')).values()) {
      if (p.kind === 'text') expect(p.status).toBe('pending');
      else expect({ id: p.partId, status: p.status, score: p.score }).toEqual({ id: p.partId, status: 'passed', score: p.max });
    }
  });

  it.each([
    ['dana-ortiz', {
      'q1.1.output_width': 'padding-forgotten', 'q1.3.param_count': 'no-bias', 'q2.1.sigmoid': 'tanh-form', 'q3.1.loss': 'no-normaliser', 'q5.1.xor': 'computes-or',
      'linalg.1.grad_x': 'sign-flipped', 'linalg.2.weight_decay': 'half-dropped', 'linalg.3.softmax_jacobian': 'diagonal-only', 'linalg.4.cross_correlation': 'kernel-flipped',
      'growth.1.momentum_weight': 'one-step', 'growth.2.tree_rounds': 'sequential', 'growth.3.learning_rates': 'boundary-included', 'growth.4.gaussian_nll': 'log-s-dropped',
    }],
    ['emil-berg', {
      'q1.2.valid_width': 'off-by-one', 'q1.4.no_parameters': 'batch-norm', 'q2.2.tanh': 'not-squared', 'q2.3.softplus': 'chain-rule-forgotten', 'q3.2.gradient': 'sign-flipped', 'q4.1.forward': 'unbiased-variance', 'q4.2.backward': 'constant-statistics',
      'linalg.1.grad_W': 'half-kept', 'linalg.4.softmax_values': 'no-exp', 'growth.1.softplus_slope': 'relu-slope', 'growth.2.attention_cost': 'one-query', 'growth.4.squared_error_grad': 'not-differentiated',
    }],
  ])('recognises the known mistakes of %s, with their feedback and credit', async (student, mistakes) => {
    const got = await parts(student);
    for (const [id, mistake] of Object.entries(mistakes)) {
      const p = got.get(id)!;
      expect({ id, mistake: p.mistake }).toEqual({ id, mistake });
      expect(p.score).toBeLessThan(p.max);
      expect(p.feedback.length).toBeGreaterThan(20);
    }
    expect(got.get('q1.3.param_count')?.score ?? 1).toBeGreaterThan(0);
  });

  it('grades the XOR network by simulation over {0,1}^2 and names the failing input', async () => {
    const xor = (await parts('dana-ortiz')).get('q5.1.xor')!;
    expect(xor.counterexample).toMatchObject({ input: 'x1 = 1, x2 = 1', expected: '0', actual: '1' });
    expect(xor.checks).toEqual([{ name: 'all 4 listed inputs', visibility: 'visible', ok: false, runs: 4, message: 'wrong on 1 of 4' }]);
    expect((await parts('emil-berg')).get('q5.1.xor')).toMatchObject({ status: 'passed', score: 5 });
  });

  it('grades the matrix, limit, growth, set and relation parts of the samples: equivalent forms, partial credit, shapes', async () => {
    const dana = await parts('dana-ortiz');
    const emil = await parts('emil-berg');
    const passed = (p: PartResult | undefined) => ({ id: p?.partId, status: p?.status, score: p?.score });
    // Equivalent forms of the reference: (W x - t) xᵀ, 0.5 for 1/2, O(n^2) for a tight bound, p - y up to a factor.
    for (const id of ['linalg.1.grad_W', 'linalg.3.ce_grad', 'growth.1.softplus_slope', 'growth.2.attention_cost', 'growth.4.squared_error_grad']) expect(passed(dana.get(id))).toEqual({ id, status: 'passed', score: dana.get(id)!.max });
    for (const id of ['linalg.3.softmax_jacobian', 'growth.1.momentum_weight', 'growth.2.tree_rounds', 'growth.4.gaussian_nll']) expect(passed(emil.get(id))).toEqual({ id, status: 'passed', score: emil.get(id)!.max });
    // Per-entry credit: three of four entries right is three quarters of the points.
    expect(emil.get('linalg.4.cross_correlation')).toMatchObject({ status: 'partial', score: 1.5, counterexample: { input: 'entry (2, 2)', expected: '2', actual: '1' } });
    // A gradient of the wrong shape is invalid, naming both shapes; so is a set the reader cannot spell.
    expect(emil.get('linalg.1.grad_x')).toMatchObject({ status: 'invalid', score: 0, feedback: expect.stringContaining('Your formula is a [N] vector but the answer is a [D] vector') });
    expect(emil.get('growth.3.exact_strides')).toMatchObject({ status: 'invalid', feedback: expect.stringContaining('divides') });
    // A wrong set names a number in one set and not the other.
    expect(dana.get('growth.3.exact_strides')).toMatchObject({ status: 'failed', counterexample: { input: 's = 1', expected: 'a member', actual: 'not a member' } });
  });
});
