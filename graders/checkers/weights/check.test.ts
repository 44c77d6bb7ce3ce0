import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePack, type FastPathFn, type SequenceAutomaton, type Weights } from '../../pack/define-pack.ts';
import type { WeightsPart } from '../../pack/types.ts';
import { partSeed } from '../../engine/seed.ts';
import { ReferenceFault } from '../../errors.ts';
import type { CheckContext } from '../types.ts';
import { weightsChecker } from './check.ts';

// The generic checker on a tiny pack of this test's own: a recurrent threshold unit that must say
// whether a 1 has been seen so far (one stream), and an AND unit over {0,1}^2 (points).
const step = (z: number, variant?: string) => ((variant === 'non-strict' ? z >= 0 : z > 0) ? 1 : 0);
const num = (w: Weights, k: string) => w[k] as number;

const seenOne = (x: number[]) => {
  let seen = 0;
  return x.map((b) => (seen = seen || b));
};
/** y(t) = g(a x(t) + r y(t−1) + c), y(0) = 0. */
const unit = (w: Weights, [x]: readonly unknown[], variant?: string) => {
  let y = 0;
  return (x as number[]).map((b) => (y = step(num(w, 'a') * b + num(w, 'r') * y + num(w, 'c'), variant)));
};
/** The unit as an automaton: state = y(t−1). */
const automaton: FastPathFn = (w, variant) => {
  const out = [0, 1].map((y) => [0, 1].map((b) => step(num(w, 'a') * b + num(w, 'r') * y + num(w, 'c'), variant)));
  const target: SequenceAutomaton = { start: 0, output: [[0, 1], [1, 1]], next: [[0, 1], [1, 1]] };
  return { network: { start: 0, output: out, next: out }, target };
};
/** A fast path that lies: it claims every network is right. */
const lying: FastPathFn = () => {
  const target: SequenceAutomaton = { start: 0, output: [[0, 1], [1, 1]], next: [[0, 1], [1, 1]] };
  return { network: target, target };
};
const and = (a: number, b: number) => (a === 1 && b === 1 ? 1 : 0);
const andUnit = (w: Weights, [a, b]: readonly unknown[], variant?: string) => step((w.w as number[])[0]! * (a as number) + (w.w as number[])[1]! * (b as number) + num(w, 'b'), variant);

const pack = definePack({
  solvers: { 'seen.target': seenOne, 'and.target': and },
  simulators: { 'seen.unit': unit, 'and.unit': andUnit },
  fastPaths: { 'seen.automaton': automaton, 'seen.lying': lying },
  diagnostics: { 'seen.noMemory': (w) => num(w, 'r') === 0, 'and.isOr': (w) => [[0, 1], [1, 0]].every((x) => andUnit(w, x) === 1) && andUnit(w, [0, 0]) === 0 },
});

const sequencePart: WeightsPart = {
  id: 'q1.1.seen',
  kind: 'weights',
  points: 4,
  prompt: 'Weights a, r, c of a unit that says whether a 1 was seen.',
  visibility: 'visible',
  simulator: 'seen.unit',
  target: 'seen.target',
  task: 'outputs y(t) = 1 iff x(τ) = 1 for some τ ≤ t',
  shapes: { a: [], r: [], c: [] },
  inputs: { kind: 'sequences', streams: 1, exhaustiveMaxLength: 6, randomMaxLength: 20, randomCount: 100 },
  firstStepPoints: 1,
  alsoSimulate: { variant: 'non-strict', name: 'g(z) = 1 iff z ≥ 0', stated: 'g(z) = 1 iff z > 0', advice: 'Add margins.' },
  mistakes: [{ id: 'no-memory', diagnostic: 'seen.noMemory', feedback: 'Feed y(t-1) back.', credit: 0 }],
};
const pointPart: WeightsPart = {
  id: 'q1.2.and',
  kind: 'weights',
  points: 2,
  prompt: 'An AND unit.',
  visibility: 'visible',
  simulator: 'and.unit',
  target: 'and.target',
  task: 'outputs x1 AND x2',
  shapes: { w: [2], b: [] },
  inputs: { kind: 'points', params: ['x1', 'x2'], cases: [[0, 0], [1, 1]], dims: {}, generators: { x1: { type: 'integer', min: 0, max: 1 }, x2: { type: 'integer', min: 0, max: 1 } }, runs: 20 },
  firstStepPoints: 0,
  mistakes: [{ id: 'or', diagnostic: 'and.isOr', feedback: 'That is OR.', credit: 0.5 }],
};

const ctx = (part: WeightsPart, student = 's'): CheckContext => ({ assignmentId: 'tiny', studentId: student, seed: partSeed('tiny', part.id, student), solvers: pack, visibleOnly: false });
const grade = (part: WeightsPart, answer: unknown, student?: string) => weightsChecker.check(part, answer, ctx(part, student));

describe('weightsChecker on sequence inputs', () => {
  it('passes a right design on every input, with the robustness note', async () => {
    const r = await grade(sequencePart, { a: 1, r: 1, c: -0.5 });
    expect(r).toMatchObject({ status: 'passed', score: 4, notes: ['Also correct under g(z) = 1 iff z ≥ 0.'] });
    expect(r.feedback).toBe('Correct: right at every step of all 126 sequences of length 1..6 and of 100 random sequences up to length 20.');
    expect(r.expected).toBe('a: a number, r: a number, c: a number; outputs y(t) = 1 iff x(τ) = 1 for some τ ≤ t, on all sequences of length 1..6 and 100 random sequences up to length 20');
    expect(r.checks?.map((c) => [c.name, c.ok, c.runs])).toEqual([
      ['all sequences of length 1..6', true, 126],
      ['random sequences of length up to 20', true, 100],
      ['first step y(1) on the two inputs', true, 2],
    ]);
  });

  it('fails a design right only under the other convention, with the shortest failing input', async () => {
    const r = await grade(sequencePart, { a: 1, r: 1, c: -1 });
    expect(r).toMatchObject({ status: 'failed', score: 0, notes: ['Under g(z) = 1 iff z ≥ 0 it would be correct, but the problem states g(z) = 1 iff z > 0.'] });
    expect(r.feedback).toBe('x1 = (1): at t = 1 your network outputs 0, expected 1.');
    expect(r.counterexample).toEqual({ input: 'x1 = (1)', expected: '1', actual: '0', where: 't = 1', hidden: false });
  });

  it('says how a design right as stated fails under the other convention', async () => {
    const r = await grade(sequencePart, { a: 1, r: 1, c: 0 });
    expect(r.status).toBe('passed');
    expect(r.notes?.[0]).toMatch(/^Add margins\. Under g\(z\) = 1 iff z ≥ 0 it is wrong on 63 of 126 sequences, e\.g\. x1 = \(0\): at t = 1 your network outputs 1, expected 0\.$/);
  });

  it('gives the first-step points and the mistake to a unit without memory', async () => {
    const r = await grade(sequencePart, { a: 1, r: 0, c: -0.5 });
    expect(r).toMatchObject({ status: 'partial', score: 1, mistake: 'no-memory' });
    expect(r.feedback).toBe('x1 = (1,0): at t = 2 your network outputs 0, expected 1. Feed y(t-1) back. y(1) is right on all two first-step inputs: 1 of 4 points.');
  });

  it('should grade the same with the fast path, without it, and with a fast path that lies', async () => {
    const value = fc.constantFrom(-2, -1, -0.5, 0, 0.5, 1, 2);
    const plain: WeightsPart = { ...sequencePart };
    const fast: WeightsPart = { ...sequencePart, fastPath: 'seen.automaton' };
    const lie: WeightsPart = { ...sequencePart, fastPath: 'seen.lying' };
    await fc.assert(
      fc.asyncProperty(fc.record({ a: value, r: value, c: value }), async (w) => {
        const want = await grade(plain, w);
        expect(await grade(fast, w)).toEqual(want);
        expect(await grade(lie, w)).toEqual(want);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects weights of the wrong shape, and reports a missing answer', async () => {
    expect(await grade(sequencePart, { a: 1, r: [1], c: 0 })).toMatchObject({ status: 'invalid', feedback: 'R: expected a finite number, found a list ([1]).' });
    expect(await grade(sequencePart, undefined)).toMatchObject({ status: 'missing' });
  });

  it('is a reference fault, not the student\'s, when the pack lacks the simulator', async () => {
    await expect(grade({ ...sequencePart, simulator: 'seen.gone' }, { a: 1, r: 1, c: -0.5 })).rejects.toThrow(ReferenceFault);
  });
});

describe('weightsChecker on point inputs', () => {
  it('passes a right design on the listed and the generated inputs', async () => {
    const r = await grade(pointPart, { w: [1, 1], b: -1.5 });
    expect(r).toMatchObject({ status: 'passed', score: 2, feedback: 'Correct: right on all 2 listed inputs and 20 generated inputs.' });
    expect(r.checks?.map((c) => [c.name, c.ok, c.runs])).toEqual([['all 2 listed inputs', true, 2], ['20 generated inputs', true, 20]]);
  });

  it('finds a failure the listed cases miss among the generated inputs, and credits the mistake', async () => {
    const r = await grade(pointPart, { w: [1, 1], b: -0.5 });
    expect(r).toMatchObject({ status: 'partial', score: 1, mistake: 'or' });
    expect(r.counterexample?.input).toMatch(/^x1 = [01], x2 = [01]$/);
    expect(r.feedback).toMatch(/your network outputs 1, expected 0\. That is OR\.$/);
    expect(r.checks?.[0]).toMatchObject({ ok: true });
    expect(r.checks?.[1]).toMatchObject({ ok: false });
  });

  it('gives the same result for the same seed', async () => {
    const answer = { w: [1, 0], b: -0.5 };
    expect(await grade(pointPart, answer, 'x')).toStrictEqual(await grade(pointPart, answer, 'x'));
  });
});
