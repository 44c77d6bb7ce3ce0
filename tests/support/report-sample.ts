/**
 * A small assignment (100 points, every answer kind) and hand-built results for it, so the
 * reporters, the manual sheet and the late policy can be tested on exact, known inputs.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PartResult, SubmissionResult } from '../../graders/results/result.ts';
import { totals } from '../../graders/results/score.ts';
import type { ReportContext } from '../../graders/report/types.ts';
import type { Assignment, CodeCheckOptions } from '../../graders/pack/types.ts';

const codeOptions = (fn: string, params: string[]): CodeCheckOptions => ({
  function: fn,
  params,
  dims: { D: { min: 1, max: 4 } },
  generators: Object.fromEntries(params.map((p) => [p, { type: 'vector', length: 'D', min: -2, max: 2 } as const])),
  vectors: [],
  runs: 50,
});

export function sampleAssignment(): Assignment {
  return {
    id: 'sample-hw',
    title: 'Sample homework',
    total: 100,
    due: '2025-03-01T23:59:00Z',
    latePolicy: { per: 'day', penaltyPercent: 10, maxLate: 3 },
    files: { answers: 'answers.yaml', solution: ['solution.ts'] },
    dir: '/nonexistent/specs/sample-hw',
    questions: [
      {
        id: 'q1',
        title: 'Inception',
        file: 'specs/sample-hw/q1.yaml',
        parts: [
          { id: 'q1.1.params_5x5', kind: 'formula', points: 10, prompt: 'Parameters of one 5x5 filter over F channels, with bias', visibility: 'visible', solver: 'inception.params5x5', answer: '25*F + 1', variables: { F: { type: 'integer', min: 1, max: 512 } }, tolerance: 1e-9, samples: 200, mistakes: [] },
          { id: 'q1.1.saving_limit_percent', kind: 'number', points: 10, prompt: 'Saving in the limit of large F, in percent', visibility: 'visible', solver: 'inception.savingLimitPercent', tolerance: 0.5, unit: 'percent', mistakes: [{ id: 'eighty', value: 80, feedback: 'Your counts 18F+2 vs 25F+1 are right. The saving is (7F-1)/(25F+1), about 28%, not 80%.', credit: 0 }] },
          { id: 'q1.3.exact_when', kind: 'choice', points: 5, prompt: 'When is the factorization exact?', visibility: 'visible', options: ['rank-1', 'symmetric', 'always'], expected: 'rank-1', mistakes: [] },
          { id: 'q1.1.benefit', kind: 'text', points: 5, prompt: 'What else does the 3x3 stack bring?', visibility: 'visible', rubric: 'extra non-linearity / depth' },
        ],
      },
      {
        id: 'q2',
        title: 'Autoencoders',
        file: 'specs/sample-hw/q2.yaml',
        parts: [
          { id: 'q2.1.kl_to_std_normal', kind: 'code', points: 20, prompt: 'klToStdNormal(mu, logVar)', visibility: 'visible', ...codeOptions('klToStdNormal', ['mu', 'logVar']), solver: 'vae.klToStdNormal', tolerance: { rel: 1e-6, abs: 1e-9 }, properties: [], mistakes: [] },
          { id: 'q2.3.contractive_penalty_grad', kind: 'gradient', points: 15, prompt: 'contractivePenaltyGrad(W, b, x)', visibility: 'visible', ...codeOptions('contractivePenaltyGrad', ['W', 'b', 'x']), loss: 'vae.contractivePenalty', solver: 'vae.contractivePenaltyGrad', wrt: { dW: 0, db: 1 }, threshold: 1e-5, step: 1e-5, mistakes: [] },
          { id: 'q2.4.generation', kind: 'text', points: 5, prompt: 'How would you generate new samples?', visibility: 'visible', rubric: 'sample z ~ N(0, I), decode' },
        ],
      },
      {
        id: 'q4',
        title: 'Recurrent networks',
        file: 'specs/sample-hw/q4.yaml',
        parts: [
          { id: 'q4.4.weights', kind: 'weights', points: 20, prompt: 'Weights of the equality RNN', visibility: 'visible', simulator: 'rnn.equalityRnn', target: 'rnn.equalityTarget', task: 'outputs y(t) = 1 iff x1(τ) = x2(τ) for all τ ≤ t', shapes: { W: [2, 2], b: [2], v: [2], c0: [], r: [], c: [] }, inputs: { kind: 'sequences', streams: 2, exhaustiveMaxLength: 8, randomMaxLength: 64, randomCount: 100 }, firstStepPoints: 6, mistakes: [] },
          { id: 'q4.3.explanation', kind: 'text', points: 10, prompt: 'Explain the gating', visibility: 'visible', rubric: 'gates control the flow; additive cell update' },
        ],
      },
    ],
  };
}

/** Text parts of the sample assignment and their points. */
export const SAMPLE_TEXT_PARTS = { 'q1.1.benefit': 5, 'q2.4.generation': 5, 'q4.3.explanation': 10 } as const;

type Status = PartResult['status'];

function base(partId: string, kind: PartResult['kind'], max: number) {
  return { partId, kind, max, visibility: 'visible' as const, seed: 1000 + partId.length };
}

/** The reference answers: every auto-graded part passes, text parts are pending (80 of 100). */
export function referenceParts(answer = 'An extra ReLU between the layers adds depth.'): PartResult[] {
  return [
    { ...base('q1.1.params_5x5', 'formula', 10), status: 'passed', score: 10, feedback: 'Correct.', answer: '25*F + 1', expected: '25*F + 1' },
    { ...base('q1.1.saving_limit_percent', 'number', 10), status: 'passed', score: 10, feedback: 'Correct.', answer: '28', expected: '28 ± 0.5' },
    { ...base('q1.3.exact_when', 'choice', 5), status: 'passed', score: 5, feedback: 'Correct.', answer: 'rank-1', expected: 'rank-1' },
    { ...base('q1.1.benefit', 'text', 5), status: 'pending', score: 0, feedback: 'Awaiting manual review.', answer, rubric: 'extra non-linearity / depth' },
    { ...base('q2.1.kl_to_std_normal', 'code', 20), status: 'passed', score: 20, feedback: 'All checks passed.', checks: [{ name: 'answer-key q2.1', visibility: 'visible', ok: true, runs: 1 }, { name: 'generated inputs', visibility: 'hidden', ok: true, runs: 50 }] },
    { ...base('q2.3.contractive_penalty_grad', 'gradient', 15), status: 'passed', score: 15, feedback: 'Gradients match finite differences.' },
    { ...base('q2.4.generation', 'text', 5), status: 'pending', score: 0, feedback: 'Awaiting manual review.', answer: 'Sample z from N(0, I) and decode it.', rubric: 'sample z ~ N(0, I), decode' },
    { ...base('q4.4.weights', 'weights', 20), status: 'passed', score: 20, feedback: 'Correct on every sequence.', answer: 'W: [[1, 1], [-1, -1]] …', notes: ['Also correct under g(z) = 1 iff z ≥ 0.'] },
    { ...base('q4.3.explanation', 'text', 10), status: 'pending', score: 0, feedback: 'Awaiting manual review.', answer: 'The forget gate keeps the cell state.', rubric: 'gates control the flow; additive cell update' },
  ];
}

export function resultOf(student: string, parts: PartResult[], extra: Partial<SubmissionResult> = {}): SubmissionResult {
  return {
    schemaVersion: 1,
    assignment: 'sample-hw',
    student,
    parts,
    ...totals(parts),
    problems: [],
    visibleOnly: false,
    ...extra,
  };
}

/** Replaces one part of a part list (by id) with a new outcome. */
export function withPart(parts: PartResult[], replacement: PartResult): PartResult[] {
  return parts.map((p) => (p.partId === replacement.partId ? replacement : p));
}

export const HIDDEN_INPUT = 'mu = [0.123456789], logVar = [-7.654321]';
export const SCRIPT_ANSWER = '<script>alert("pwned")</script> & <img src=x onerror=alert(1)> `code` | pipe';

/** Three students: the reference, one with known mistakes and a hidden counterexample, one late and hostile. */
export function sampleResults(): SubmissionResult[] {
  const ref = referenceParts();
  let mistaken = withPart(ref, { ...base('q1.1.saving_limit_percent', 'number', 10), status: 'failed', score: 0, feedback: 'Your counts 18F+2 vs 25F+1 are right. The saving is (7F-1)/(25F+1), about 28%, not 80%.', answer: '80', expected: '28 ± 0.5', mistake: 'eighty' });
  mistaken = withPart(mistaken, {
    ...base('q2.1.kl_to_std_normal', 'code', 20),
    status: 'failed',
    score: 0,
    feedback: 'klToStdNormal disagrees with the reference on a generated input.',
    checks: [
      { name: 'answer-key q2.1', visibility: 'visible', ok: true, runs: 1 },
      { name: 'generated inputs', visibility: 'hidden', ok: false, runs: 17, message: `wrong value at ${HIDDEN_INPUT}` },
    ],
    counterexample: { input: HIDDEN_INPUT, expected: '3.1415', actual: '2.7182', hidden: true },
  });
  mistaken = withPart(mistaken, { ...base('q1.1.params_5x5', 'formula', 10), status: 'failed', score: 0, feedback: 'The formula differs from the expected one.', answer: '25*F', expected: '25*F + 1', counterexample: { input: 'F = 1', expected: '26', actual: '25', hidden: false } });
  mistaken = withPart(mistaken, { ...base('q4.4.weights', 'weights', 20), status: 'partial', score: 6, feedback: 'The first step is right, later steps are not.', answer: 'W: [[1, 0], [0, 1]] …', counterexample: { input: 'x1 = (0, 1), x2 = (0, 0)', expected: '1, 0', actual: '1, 1', where: 'step 2', hidden: false } });
  let hostile = withPart(ref, { ...base('q1.1.benefit', 'text', 5), status: 'pending', score: 0, feedback: 'Awaiting manual review.', answer: SCRIPT_ANSWER, rubric: 'extra non-linearity / depth' });
  hostile = withPart(hostile, { ...base('q2.3.contractive_penalty_grad', 'gradient', 15), status: 'error', score: 0, feedback: 'Your code did not finish in time.', reason: 'timeout after 2000 ms' });
  hostile = withPart(hostile, { ...base('q1.3.exact_when', 'choice', 5), status: 'missing', score: 0, feedback: 'No answer given.' });
  hostile = withPart(hostile, { ...base('q1.1.params_5x5', 'formula', 10), status: 'invalid', score: 0, feedback: 'Could not read the formula "25F +": unexpected end.', answer: '25F +' });
  const hostileResult = resultOf('carol', hostile);
  return [
    resultOf('alice', ref),
    resultOf('bob', mistaken),
    {
      ...hostileResult,
      late: { submittedAt: '2025-03-03T11:59:00Z', hoursLate: 36, unitsCharged: 2, penaltyPercent: 20, penalty: hostileResult.score * 0.2 },
      total: hostileResult.score * 0.8,
      problems: ['solution.ts: unexpected file solution.py ignored'],
      isolation: 'permission-model',
    },
  ];
}

export function freshOutDir(prefix = 'dlgrade-report-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function sampleContext(outDir = freshOutDir(), results = sampleResults(), visibleOnly = false): ReportContext {
  return {
    assignment: sampleAssignment(),
    results,
    outDir,
    run: { version: '0.1.0', spec: 'specs/sample-hw', visibleOnly, seedSalt: '' },
  };
}
