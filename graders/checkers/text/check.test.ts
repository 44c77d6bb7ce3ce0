import { describe, expect, it } from 'vitest';
import type { TextPart } from '../../pack/types.ts';
import { textChecker } from './check.ts';
import { contextFor } from '../../../tests/support/check-context.ts';

const benefit: TextPart = {
  id: 'q1.1.benefit',
  kind: 'text',
  points: 1,
  prompt: 'Another benefit of the two 3x3 layers',
  visibility: 'visible',
  rubric: 'Extra non-linearity (ReLU/BN) between the layers: more depth for less cost.',
};
const generation: TextPart = { ...benefit, id: 'q2.4.generation', points: 5, rubric: 'Sample z from the prior and decode.' };

const grade = (part: TextPart, answer: unknown) => textChecker.check(part, answer, contextFor(part.id));

describe('textChecker', () => {
  it('holds a text answer for manual review with the rubric', async () => {
    const r = await grade(benefit, 'An extra non-linearity between the two 3x3 layers.\n');
    expect(r).toMatchObject({ status: 'pending', score: 0, max: 1, rubric: benefit.rubric, feedback: 'Awaiting manual review (1 point).' });
    expect(r.answer).toBe('An extra non-linearity between the two 3x3 layers.\n');
    expect((await grade(generation, 'decode prior samples')).feedback).toBe('Awaiting manual review (5 points).');
  });

  it('renders a non-text answer as YAML and still holds it for review', async () => {
    const r = await grade(generation, ['sample z ~ N(0, I)', 'decode']);
    expect(r.status).toBe('pending');
    expect(r.answer).toBe('- sample z ~ N(0, I)\n- decode');
  });

  it.each([undefined, '', '  \n'])('reports %j as missing', async (answer) => {
    expect(await grade(benefit, answer)).toMatchObject({ status: 'missing', score: 0, feedback: 'No answer for q1.1.benefit in answers.yaml.' });
  });
});
