import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartResult, SubmissionResult } from '../graders/results/result.ts';
import { loadAssignment } from '../graders/pack/load.ts';
import { drawVariants } from '../graders/pack/variant-binding.ts';
import { ROOT, runCli, tempDir, type CliRun } from './support/cli.ts';

// The second shipped pack, written only through the public mechanism (its assignment names its
// module; the module imports definePack from 'dlgrade'), graded by the real CLI. Its q1 draws a
// layer per student, so grading needs a course secret: the samples are answered under the
// public demo secret shipped beside the pack's code.
const DEMO_SECRET = 'reference/nn-basics/demo.secret';
let out: string;
let run: CliRun;

beforeAll(async () => {
  out = await tempDir('nn-basics');
  run = await runCli(['grade', '--spec', 'specs/nn-basics', '--out', out, '--jobs', '2', '--secret-file', DEMO_SECRET], { env: { DLGRADE_SECRET: undefined } });
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

  it('gives two students different layers in q1 and grades each against their own', async () => {
    const { assignment } = await loadAssignment(path.join(ROOT, 'specs/nn-basics'));
    const secret = (await readFile(path.join(ROOT, DEMO_SECRET), 'utf8')).trimEnd();
    const layer = (s: string) => drawVariants(assignment!, secret, s).q1!.values as { width: number; kernel: number; stride: number; pad: number };
    const [dana, emil] = [layer('dana-ortiz'), layer('emil-berg')];
    expect(dana).not.toEqual(emil);
    const width = (l: typeof dana, pad = l.pad) => Math.floor((l.width + 2 * pad - l.kernel) / l.stride) + 1;
    for (const [student, l] of [['dana-ortiz', dana], ['emil-berg', emil]] as const) {
      const r = JSON.parse(await readFile(path.join(out, student, 'dlgrade.json'), 'utf8')) as SubmissionResult;
      expect(r.variants?.q1?.values).toEqual(l);
      const md = await readFile(path.join(out, student, 'feedback.md'), 'utf8');
      expect(md).toContain(`A ${l.kernel}x${l.kernel} convolution with stride ${l.stride} and padding ${l.pad} is applied to a ${l.width}x${l.width} input.`);
    }
    const d = await parts('dana-ortiz');
    const e = await parts('emil-berg');
    // dana-ortiz forgets the padding of her own layer; emil-berg's width is right for his own, and wrong for hers.
    expect(d.get('q1.1.output_width')).toMatchObject({ status: 'failed', mistake: 'padding-forgotten', expected: `accepted: ${width(dana)}`, feedback: expect.stringContaining(`floor((${dana.width} + 2*${dana.pad} - ${dana.kernel}) / ${dana.stride})`) });
    expect(width(dana, 0)).not.toBe(width(dana));
    expect(e.get('q1.1.output_width')).toMatchObject({ status: 'passed', score: 1 });
    expect(width(emil)).not.toBe(width(dana));
    // The parameter count of her own kernel without the biases earns half; his, copied from her 3x3 sheet, is wrong for his own kernel.
    expect(d.get('q1.3.param_count')).toMatchObject({ status: 'partial', score: 1, mistake: 'no-bias', feedback: `Each filter also has one bias: F (${dana.kernel}^2 C + 1).` });
    expect(e.get('q1.3.param_count')).toMatchObject({ status: 'failed', score: 0 });
    expect(emil.kernel).not.toBe(dana.kernel);
    // The cross-variant check, for the TA only, lists his count as right for her numbers.
    const csv = (await readFile(path.join(out, 'cross-variant.csv'), 'utf8')).trim().split('\n');
    expect(csv.slice(1)).toEqual([expect.stringMatching(/^emil-berg,q1\.3\.param_count,F \(9 C \+ 1\),\w+,kernel=7 .*,dana-ortiz$/)]);
    expect(run.stdout).toMatch(/Cross-variant check: 1 answer\(s\) right for another student's parameters but not their own/);
  });

  it('refuses to grade the samples without a course secret, saying how to set one', async () => {
    const none = await runCli(['grade', '--spec', 'specs/nn-basics', '--out', path.join(out, 'none')], { env: { DLGRADE_SECRET: undefined } });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/question q1 of nn-basics draws a variant per student, so this needs the course secret: set DLGRADE_SECRET=<secret> or pass --secret-file FILE/);
  });
});
