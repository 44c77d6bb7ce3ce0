import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAssignment } from '../graders/pack/load.ts';
import { validateDir } from '../graders/pack/validate.ts';

/** pack.md's table of parts and points, copied by hand: the spec must implement exactly this. */
const PACK_TABLE: Record<string, [kind: string, points: number]> = {
  'q1.1.params_5x5': ['formula', 1],
  'q1.1.params_two_3x3': ['formula', 1],
  'q1.1.saving': ['formula', 2],
  'q1.1.saving_limit_percent': ['number', 1],
  'q1.1.receptive_field': ['number', 1],
  'q1.1.benefit': ['text', 1],
  'q1.2.saving_2x2_percent': ['number', 2],
  'q1.2.saving_asymmetric_percent': ['number', 2],
  'q1.3.cost_ratio': ['formula', 2],
  'q1.3.no_saving_n': ['number', 1],
  'q1.3.exact_when': ['choice', 1],
  'q1.3.property_name': ['choice', 1],
  'q1.3.where_it_works': ['text', 1],
  'q1.4.ratio_R_over_L': ['formula', 3],
  'q1.4.ratio_limit': ['number', 1],
  'q1.4.cheaper': ['choice', 1],
  'q1.4.bottleneck': ['choice', 1],
  'q1.4.explanation': ['text', 2],
  'q2.1.kl_to_std_normal': ['code', 4],
  'q2.1.reparameterization': ['text', 2],
  'q2.2.kl_gaussians': ['formula', 4],
  'q2.3.contractive_penalty': ['code', 4],
  'q2.3.contractive_penalty_grad': ['gradient', 4],
  'q2.3.interpretation': ['text', 2],
  'q2.4.generation': ['text', 5],
  'q4.1.explanation': ['text', 3],
  'q4.1.clip_by_global_norm': ['code', 4],
  'q4.2.explanation': ['text', 3],
  'q4.2.lstm_step': ['code', 5],
  'q4.3.explanation': ['text', 5],
  'q4.4.weights': ['weights', 10],
  'q5.1.explanation': ['text', 3],
  'q5.2.same_distribution': ['choice', 2],
  'q5.3.loss': ['code', 6],
  'q5.4.gradients': ['gradient', 9],
};

describe('the dl-hw pack', () => {
  it('should load with no error and no warning', async () => {
    const loaded = await loadAssignment('specs/dl-hw');
    expect(loaded.errors).toEqual([]);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.assignment).toBeDefined();
  });

  it("should hold exactly pack.md's parts, in order, with their kinds and points", async () => {
    const { assignment } = await loadAssignment('specs/dl-hw');
    const parts = assignment!.questions.flatMap((q) => q.parts);
    expect(parts.map((p) => p.id)).toEqual(Object.keys(PACK_TABLE));
    expect(Object.fromEntries(parts.map((p) => [p.id, [p.kind, p.points]]))).toEqual(PACK_TABLE);
    expect(assignment!.total).toBe(100);
    expect(parts.reduce((s, p) => s + p.points, 0)).toBe(100);
    expect(assignment!.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q4', 'q5']);
  });

  it('should map snake_case YAML onto the camelCase types and fill defaults', async () => {
    const { assignment } = await loadAssignment('specs/dl-hw');
    const a = assignment!;
    expect(a.id).toBe('dl-hw');
    expect(a.due).toBe('2026-12-10T23:59:00Z');
    expect(a.latePolicy).toEqual({ per: 'day', penaltyPercent: 10, maxLate: 5 });
    expect(a.files).toEqual({ answers: 'answers.yaml', solution: ['solution.ts', 'solution.js'] });
    const part = (id: string) => a.questions.flatMap((q) => q.parts).find((p) => p.id === id)!;
    expect(part('q4.4.weights')).toMatchObject({
      inputs: { kind: 'sequences', streams: 2, exhaustiveMaxLength: 8, randomMaxLength: 64, randomCount: 2000 },
      firstStepPoints: 3,
      fastPath: 'rnn.equalityAutomata',
      alsoSimulate: { variant: 'non-strict', name: 'g(z) = 1 iff z ≥ 0', stated: 'g(z) = 1 iff z > 0' },
      shapes: { W: [2, 2], c0: [] },
    });
    expect(a.reference?.file).toBe(path.resolve('reference/dl-hw/index.ts'));
    expect(part('q1.1.params_5x5')).toMatchObject({ samples: 200, tolerance: 1e-6, visibility: 'visible' });
    expect(part('q1.1.benefit')).toMatchObject({ visibility: 'visible', pos: { file: 'specs/dl-hw/q1.yaml' } });
    const saving = part('q1.1.saving');
    expect(saving.kind === 'formula' && saving.mistakes.find((m) => m.id === 'forgets-biases')).toMatchObject({ formula: '7/25', credit: 0.5 });
    expect(saving.kind === 'formula' && saving.mistakes.find((m) => m.id === 'remaining-fraction')?.credit).toBe(0);
    expect(part('q4.1.clip_by_global_norm')).toMatchObject({ generators: { grads: { type: 'vectors', count: 'K', maxLength: 6 } } });
    expect(part('q4.2.lstm_step')).toMatchObject({ dims: { G: { times: ['H', 4] } } });
    expect(part('q5.4.gradients')).toMatchObject({ wrt: { dW: 0, dWp: 1 }, threshold: 1e-5, step: 1e-5, runs: 100 });
    expect(a.questions[0]!.file).toBe('specs/dl-hw/q1.yaml');
  });

  it('should report a valid pack in the validate text', async () => {
    const result = await validateDir('specs/dl-hw');
    expect(result.errors).toEqual([]);
    expect(result.text).toBe('specs/dl-hw: valid: 4 questions, 35 parts, 100 points, 0 warnings\n');
  });
});

describe('the fixture packs', () => {
  it('should load the minimal pack with every default filled', async () => {
    const { assignment, errors, warnings } = await loadAssignment('tests/fixtures/specs/minimal');
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(assignment!.latePolicy).toBeUndefined();
    expect(assignment!.due).toBeUndefined();
    expect(assignment!.questions[0]!.parts).toMatchObject([
      { id: 'q1.1.receptive_field', kind: 'number', tolerance: 0, mistakes: [], visibility: 'visible' },
      { id: 'q1.1.cheaper', kind: 'choice', mistakes: [] },
      { id: 'q1.1.why', kind: 'text', rubric: 'Fewer positions.' },
    ]);
  });

  it('should report every error of the invalid pack, in reading order', async () => {
    const result = await validateDir('tests/fixtures/specs/invalid');
    const dir = 'tests/fixtures/specs/invalid';
    expect(result.errors.map(({ code, file, line, col }) => `${file}:${line}:${col} ${code}`)).toEqual([
      `${dir}/assignment.yaml:5:6 SCHEMA_FORMAT`,
      `${dir}/assignment.yaml:9:31 QUESTION_FILE_MISSING`,
      `${dir}/q1.yaml:7:5 YAML_SYNTAX`,
      `${dir}/q2.yaml:9:13 FORMULA_UNDECLARED_VARIABLE`,
      `${dir}/q2.yaml:11:32 BAD_DOMAIN`,
      `${dir}/q2.yaml:17:15 CHOICE_EXPECTED_NOT_AN_OPTION`,
      `${dir}/q2.yaml:22:13 UNKNOWN_SOLVER`,
    ]);
    expect(result.warnings.map((w) => w.code)).toEqual(['FORMULA_UNUSED_VARIABLE']);
    expect(result.errors.at(-1)!.message).toContain('did you mean "inception.noSavingN"');
    expect(result.text.split('\n').at(-2)).toBe(`${dir}: invalid: 7 errors, 1 warning`);
  });
});
