import { describe, expect, it } from 'vitest';
import type { WeightsPart } from '../../graders/pack/types.ts';
import { weightsChecker } from '../../graders/checkers/weights/check.ts';
import { contextFor } from '../../tests/support/check-context.ts';

// q4.4's grading as the generic weights checker does it with this pack's simulator, fast path and
// diagnostics: the texts are the spec's, the numbers the answer key's.

const part: WeightsPart = {
  id: 'q4.4.weights',
  kind: 'weights',
  points: 10,
  prompt: 'Weights of the equality RNN',
  visibility: 'visible',
  simulator: 'rnn.equalityRnn',
  target: 'rnn.equalityTarget',
  task: 'outputs y(t) = 1 iff x1(τ) = x2(τ) for all τ ≤ t, with g(z) = 1 iff z > 0',
  shapes: { W: [2, 2], b: [2], v: [2], c0: [], r: [], c: [] },
  inputs: { kind: 'sequences', streams: 2, exhaustiveMaxLength: 8, randomMaxLength: 64, randomCount: 1000 },
  fastPath: 'rnn.equalityAutomata',
  firstStepPoints: 3,
  alsoSimulate: {
    variant: 'non-strict',
    name: 'g(z) = 1 iff z ≥ 0',
    stated: 'g(z) = 1 iff z > 0',
    advice: 'Correct for g(z)=1 iff z>0 as stated, but several cases sit exactly at z = 0; add margins (b = (-1.5, 0.5), c0 = -0.5, c = -1.5) so it does not depend on the convention.',
  },
  mistakes: [
    { id: 'non-strict-only', diagnostic: 'rnn.diag.nonStrictOnly', credit: 0, feedback: 'The problem defines g(z) = 1 only for z > 0; under that rule your network errs on inputs such as x1 = (0), x2 = (1).' },
    { id: 'or-detector', diagnostic: 'rnn.diag.orDetector', credit: 0, feedback: 'h2 must fire when both inputs are 0 (NOR), so that h1 + h2 = 1 exactly when the bits agree.' },
    { id: 'not-exclusive', diagnostic: 'rnn.diag.notExclusive', credit: 0, feedback: "If both hidden units can be 1, v·h no longer encodes 'match' as 0/1 and the AND with y(t-1) breaks." },
    { id: 'no-memory', diagnostic: 'rnn.diag.noMemory', credit: 0, feedback: 'With r = 0, y(t) only reports whether the current bits match; a past mismatch must keep y at 0.' },
    { id: 'or-recurrence', diagnostic: 'rnn.diag.orRecurrence', credit: 0, feedback: 'y(t) must be y(t-1) AND match(t): set c so that only 1 + r + c > 0 (e.g. r = 1, c = -1.5).' },
    { id: 'one-detector', diagnostic: 'rnn.diag.oneDetector', credit: 0, feedback: '(0,0) is also a match: you need a NOR detector next to the AND.' },
    { id: 'mismatch-positive-v', diagnostic: 'rnn.diag.mismatchPositiveV', credit: 0, feedback: 'If h detects mismatches, v must be negative (e.g. v = (-1,-1), c0 = 0.5, r = 1, c = -0.5).' },
  ],
};

const key = { W: [[1, 1], [-1, -1]], b: [-1.5, 0.5], v: [1, 1], c0: -0.5, r: 1, c: -1.5 };
const scan = { W: [[1, 1], [-1, -1]], b: [-1, 0.5], v: [1, 1], c0: 0, r: 1, c: -1 };
const ocrLiteral = { ...scan, W: [[1, 1], [1, 1]], b: [-1, -0.5] };
const mismatchDetectors = { W: [[1, -1], [-1, 1]], b: [-0.5, -0.5], v: [-1, -1], c0: 0.5, r: 1, c: -0.5 };

const grade = (answer: unknown, student?: string) => weightsChecker.check(part, answer, contextFor(part.id, student));

describe('weightsChecker', () => {
  it('passes the key, which works under both threshold conventions', async () => {
    const r = await grade(key);
    expect(r).toMatchObject({ status: 'passed', score: 10, max: 10, kind: 'weights' });
    expect(r.notes).toEqual(['Also correct under g(z) = 1 iff z ≥ 0.']);
    expect(r.checks?.map((c) => [c.ok, c.runs])).toEqual([[true, 87380], [true, 1000], [true, 4]]);
  });

  it('passes other correct designs, not only the key', async () => {
    expect((await grade(mismatchDetectors)).status).toBe('passed');
    expect((await grade({ ...key, W: [['1', '1'], ['-1', '-1']], b: ['-1.5', '0.5'], c: '-1.5' })).status).toBe('passed');
  });

  it("passes the scan's boundary weights under the strict g, with the margins note", async () => {
    const r = await grade(scan);
    expect(r.status).toBe('passed');
    expect(r.notes).toHaveLength(1);
    expect(r.notes?.[0]).toMatch(/^Correct for g\(z\)=1 iff z>0 as stated, but several cases sit exactly at z = 0; add margins/);
    expect(r.notes?.[0]).toContain('wrong on 86,870 of 87,380 pairs, e.g. x1 = (0), x2 = (1): at t = 1 your network outputs 1, expected 0');
  });

  it('fails the literal OCR weights with the OR-detector feedback and the shortest failing pair', async () => {
    const r = await grade(ocrLiteral);
    expect(r).toMatchObject({ status: 'failed', score: 0, mistake: 'or-detector' });
    expect(r.feedback).toBe(
      'x1 = (0), x2 = (0): at t = 1 your network outputs 0, expected 1. h2 must fire when both inputs are 0 (NOR), so that h1 + h2 = 1 exactly when the bits agree.',
    );
    expect(r.counterexample).toEqual({ input: 'x1 = (0), x2 = (0)', expected: '1', actual: '0', where: 't = 1', hidden: false });
    expect(r.checks?.[0]).toMatchObject({ ok: false, message: 'wrong on 87,372 of 87,380 pairs' });
  });

  it('gives the first-step points to a network without memory', async () => {
    const r = await grade({ ...key, r: 0 });
    expect(r).toMatchObject({ status: 'partial', score: 3, mistake: 'no-memory' });
    expect(r.feedback).toMatch(/^x1 = \(0,0\), x2 = \(0,0\): at t = 2 your network outputs 0, expected 1\. With r = 0/);
    expect(r.feedback).toContain('3 of 10 points');
    const matchOnly = await grade({ ...key, r: 0, c: -0.5 });
    expect(matchOnly).toMatchObject({ status: 'partial', score: 3, mistake: 'no-memory' });
    expect(matchOnly.feedback).toMatch(/^x1 = \(0,0\), x2 = \(1,0\): at t = 2 your network outputs 1, expected 0\. /);
  });

  it('recognises an OR recurrence and a network right only under z >= 0', async () => {
    expect(await grade({ ...key, c: -0.5 })).toMatchObject({ status: 'partial', score: 3, mistake: 'or-recurrence' });
    const nonStrict = await grade({ ...key, b: [-2, 0], c0: -1, c: -2 });
    expect(nonStrict).toMatchObject({ status: 'failed', mistake: 'non-strict-only' });
    expect(nonStrict.notes?.[0]).toContain('would be correct');
  });

  it.each([
    [{ ...key, W: [[1, 1, 0], [-1, -1, 0], [0, 0, 0]] }, 'W: expected a 2x2 matrix, found 3x3'],
    [{ ...key, W: [1, 1] }, 'W: expected a 2x2 matrix, found a list of 2 values'],
    [{ ...key, b: [-1.5, 0.5, 1] }, 'b: expected a vector of 2 numbers, found a list of 3 values'],
    [{ ...key, c0: 'five' }, 'c0: expected a finite number, found the text "five"'],
    [{ ...key, v: [1, Number.NaN] }, 'v[1]: expected a finite number, found NaN'],
    ['five', 'expected a map of the parameters W, b, v, c0, r, c, found the text "five"'],
    [[1, 2, 3], 'expected a map of the parameters'],
    [{ W: key.W, b: key.b, v: key.v, r: 1, c: -1.5 }, 'missing parameter c0'],
    [{ ...key, u: [1, 1] }, 'unexpected parameter u'],
    [{ ...key, toString: 1 }, 'unexpected parameter toString'],
  ])('rejects malformed weights %#', async (answer, message) => {
    const r = await grade(answer);
    expect(r.status).toBe('invalid');
    expect(r.score).toBe(0);
    expect(r.feedback.toLowerCase()).toContain(message.toLowerCase());
  });

  it('reports a missing answer', async () => {
    expect(await grade(undefined)).toMatchObject({ status: 'missing', feedback: 'No answer for q4.4.weights in answers.yaml.' });
  });

  it('gives identical results for the same seed', async () => {
    for (const answer of [scan, ocrLiteral, { ...key, r: 0 }]) expect(await grade(answer, 'same')).toStrictEqual(await grade(answer, 'same'));
  });

  it('grades a submission well under 100 ms once warm', async () => {
    await grade(scan);
    const start = performance.now();
    await grade(ocrLiteral);
    await grade(scan);
    expect((performance.now() - start) / 2).toBeLessThan(100);
  });
});
