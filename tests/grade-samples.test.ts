import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartResult, PartStatus, SubmissionResult } from '../graders/results/result.ts';
import { ROOT, runCli, tempDir, type CliRun } from './support/cli.ts';

// The shipped sample submissions, graded once by the real CLI in a child process.
let out: string;
let run: CliRun;

beforeAll(async () => {
  out = await tempDir('samples');
  run = await runCli(['grade', '--out', out]);
}, 300_000);
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

async function result(student: string): Promise<SubmissionResult> {
  return JSON.parse(await readFile(path.join(out, student, 'dlgrade.json'), 'utf8')) as SubmissionResult;
}

function byId(r: SubmissionResult): Map<string, PartResult> {
  return new Map(r.parts.map((p) => [p.partId, p]));
}

async function packPartIds(): Promise<string[]> {
  const { loadAssignment } = await import('../graders/pack/load.ts');
  const loaded = await loadAssignment(path.join(ROOT, 'specs/dl-hw'));
  return loaded.assignment!.questions.flatMap((q) => q.parts.map((p) => p.id));
}

describe('npm run grade on the shipped submissions', () => {
  it('completes with exit 0 and a summary', () => {
    expect(run.stderr).not.toMatch(/internal/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/5 submission\(s\) graded against dl-hw/);
  });

  it('gives the reference solution every auto-graded point, text parts pending', async () => {
    const r = await result('reference');
    for (const p of r.parts) {
      if (p.kind === 'text') expect(p.status, p.partId).toBe('pending');
      else expect({ id: p.partId, status: p.status, score: p.score }).toEqual({ id: p.partId, status: 'passed', score: p.max });
    }
    expect(r.score).toBe(73);
    expect(r.pendingPoints).toBe(27);
    expect(r.problems).toEqual([]);
  });

  it("grades the scanned student's parts as the assessment of the scan says", async () => {
    const parts = byId(await result('sample-scan'));
    const expected: Record<string, PartStatus> = {
      'q1.1.params_5x5': 'passed',
      'q1.1.params_two_3x3': 'passed',
      'q1.1.saving': 'missing',
      'q1.1.saving_limit_percent': 'failed',
      'q1.2.saving_2x2_percent': 'passed',
      'q1.2.saving_asymmetric_percent': 'missing',
      'q1.3.cost_ratio': 'passed',
      'q1.3.no_saving_n': 'passed',
      'q1.3.exact_when': 'passed',
      'q1.3.property_name': 'passed',
      'q1.4.ratio_R_over_L': 'passed',
      'q1.4.cheaper': 'passed',
      'q1.4.bottleneck': 'passed',
      'q2.2.kl_gaussians': 'missing',
      'q4.4.weights': 'passed',
      'q5.2.same_distribution': 'passed',
      'q5.3.loss': 'partial',
      'q5.4.gradients': 'partial',
    };
    for (const [id, status] of Object.entries(expected)) expect(`${id}: ${parts.get(id)?.status}`).toBe(`${id}: ${status}`);
    // The scan's 80% gets its targeted feedback; the counts are right, so q1.1 as a whole is partial.
    expect(parts.get('q1.1.saving_limit_percent')?.feedback).toMatch(/counts 18F\+2 vs 25F\+1 are right.*not 80%/);
    // The boundary weights pass under the stated strict threshold, with the robustness note.
    expect(parts.get('q4.4.weights')?.notes?.join(' ')).toMatch(/z = 0|z >= 0|z ≥ 0/);
    expect(parts.get('q5.3.loss')?.feedback).toMatch(/2m/);
    expect(parts.get('q5.4.gradients')?.feedback).toMatch(/EI_j = 2m y_j - n_j/);
    const verdict = (prefix: string): string => {
      const group = [...parts.values()].filter((p) => p.partId.startsWith(`${prefix}.`) && p.kind !== 'text');
      const score = group.reduce((s, p) => s + p.score, 0);
      const max = group.reduce((s, p) => s + p.max, 0);
      return score === 0 ? 'none' : score === max ? 'correct' : 'partial';
    };
    expect({ q11: verdict('q1.1'), q12: verdict('q1.2'), q13: verdict('q1.3'), q53: verdict('q5.3'), q54: verdict('q5.4') }).toEqual({
      q11: 'partial',
      q12: 'partial',
      q13: 'correct',
      q53: 'partial',
      q54: 'partial',
    });
    // q1.4: everything the scan answers is right; it does not state the limit 4.
    expect(parts.get('q1.4.ratio_limit')?.status).toBe('missing');
  });

  it('gives each mistaken submission its targeted feedback', async () => {
    const alex = byId(await result('alex-kim'));
    expect(alex.get('q1.1.saving_limit_percent')).toMatchObject({ status: 'failed', mistake: 'remaining-fraction' });
    expect(alex.get('q1.3.cost_ratio')).toMatchObject({ status: 'failed', mistake: 'inverted' });
    expect(alex.get('q4.1.clip_by_global_norm')).toMatchObject({ mistake: 'elementwise' });
    const bea = byId(await result('bea-novak'));
    expect(bea.get('q4.4.weights')).toMatchObject({ status: 'partial', score: 3, mistake: 'no-memory' });
    expect(bea.get('q2.1.kl_to_std_normal')).toMatchObject({ mistake: 'missing-half' });
    expect(bea.get('q4.2.lstm_step')).toMatchObject({ mistake: 'gate-order-ifog' });
    const chen = byId(await result('chen-li'));
    expect(chen.get('q4.4.weights')).toMatchObject({ status: 'failed', mistake: 'or-detector' });
    expect(chen.get('q4.4.weights')?.counterexample?.input).toMatch(/x1 = \(0\), x2 = \(0\)/);
    expect(chen.get('q2.2.kl_gaussians')).toMatchObject({ mistake: 'reversed-direction' });
  });

  it("writes Gradescope's results.json with one test per part", async () => {
    const ids = await packPartIds();
    const gs = JSON.parse(await readFile(path.join(out, 'reference', 'results.json'), 'utf8')) as {
      score: number;
      tests: { name: string; score: number; max_score: number; output: string; visibility: string }[];
    };
    expect(gs.score).toBe(73);
    expect(gs.tests.map((t) => t.name.split(' ')[0])).toEqual(ids);
    for (const t of gs.tests) {
      expect(t.output.length).toBeGreaterThan(0);
      expect(['visible', 'hidden', 'after_due_date', 'after_published']).toContain(t.visibility);
      expect(t.score).toBeLessThanOrEqual(t.max_score);
    }
  });

  it('writes the gradebook with one column per part in pack order', async () => {
    const ids = await packPartIds();
    const lines = (await readFile(path.join(out, 'grades.csv'), 'utf8')).trim().split('\n');
    expect(lines[0]).toBe(['student', 'status', ...ids, 'late_penalty', 'total'].join(','));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['alex-kim', 'bea-novak', 'chen-li', 'reference', 'sample-scan']);
    const reference = lines.find((l) => l.startsWith('reference,'))!.split(',');
    expect(reference.at(-1)).toBe('73');
  });
});
