import { describe, expect, it } from 'vitest';
import type { ChoicePart } from '../../pack/types.ts';
import { choiceChecker } from './check.ts';
import { contextFor } from '../../../tests/support/check-context.ts';

const exactWhen: ChoicePart = {
  id: 'q1.3.exact_when',
  kind: 'choice',
  points: 1,
  prompt: 'When is the factorization exact?',
  visibility: 'visible',
  options: ['rank-1', 'symmetric', 'orthogonal', 'full-rank', 'always'],
  expected: 'rank-1',
  mistakes: [{ id: 'any-kernel', value: 'always', feedback: 'Only rank-1 kernels K = a b^T (spatially separable) are reproduced exactly; a generic 5x5 kernel has rank 5.', credit: 0 }],
};

const propertyName: ChoicePart = {
  id: 'q1.3.property_name',
  kind: 'choice',
  points: 1,
  prompt: 'Name of the property',
  visibility: 'visible',
  options: ['spatially separable', 'depthwise separable', 'dilated', 'grouped'],
  expected: 'spatially separable',
  mistakes: [
    { id: 'depthwise', value: 'depthwise separable', feedback: 'Depthwise separable factorizes across channels; this is spatial separability (an outer product of a column and a row kernel).', credit: 0 },
  ],
};

const sameDistribution: ChoicePart = {
  id: 'q5.2.same_distribution',
  kind: 'choice',
  points: 2,
  prompt: 'Do all output panels give the same distribution?',
  visibility: 'visible',
  options: ['yes', 'no'],
  expected: 'yes',
  mistakes: [{ id: 'differ', value: 'no', feedback: "All 2m output panels share W', so they produce the same softmax y.", credit: 0 }],
};

const grade = (part: ChoicePart, answer: unknown) => choiceChecker.check(part, answer, contextFor(part.id));

describe('choiceChecker', () => {
  it.each(['rank-1', 'Rank-1', '  RANK-1 ', 'rank-1\n'])('accepts %j', async (answer) => {
    const r = await grade(exactWhen, answer);
    expect(r).toMatchObject({ status: 'passed', score: 1, max: 1, kind: 'choice' });
    expect(r.expected).toBe('one of: rank-1, symmetric, orthogonal, full-rank, always');
  });

  it.each(['Spatially Separable', 'spatially   separable', ' spatially\tseparable '])('normalizes case and inner spaces in %j', async (answer) => {
    expect((await grade(propertyName, answer)).status).toBe('passed');
  });

  it.each(['rank 1', 'rank1', 'spatial'])('stays strict about anything else: %j is invalid', async (answer) => {
    const part = answer === 'spatial' ? propertyName : exactWhen;
    const r = await grade(part, answer);
    expect(r.status).toBe('invalid');
    expect(r.feedback).toContain(part.options.join(', '));
  });

  it('gives a known mistake its feedback', async () => {
    expect(await grade(exactWhen, 'Always')).toMatchObject({ status: 'failed', mistake: 'any-kernel', feedback: exactWhen.mistakes[0]!.feedback });
    expect(await grade(propertyName, 'depthwise separable')).toMatchObject({ status: 'failed', mistake: 'depthwise' });
  });

  it('fails another option without a mistake', async () => {
    const r = await grade(exactWhen, 'symmetric');
    expect(r).toMatchObject({ status: 'failed', score: 0 });
    expect(r.mistake).toBeUndefined();
  });

  it('reads a YAML 1.1 boolean as yes/no', async () => {
    expect((await grade(sameDistribution, true)).status).toBe('passed');
    expect((await grade(sameDistribution, false)).mistake).toBe('differ');
  });

  it.each([[['rank-1']], [{ a: 1 }]])('rejects %j as invalid', async (answer) => {
    expect((await grade(exactWhen, answer)).status).toBe('invalid');
  });

  it('reports a blank answer as missing', async () => {
    expect(await grade(exactWhen, undefined)).toMatchObject({ status: 'missing', feedback: 'No answer for q1.3.exact_when in answers.yaml.' });
  });
});
