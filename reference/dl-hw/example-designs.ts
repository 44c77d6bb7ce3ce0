import type { ExampleDesigns } from 'dlgrade';
import { designs } from './testing/answer-key-vectors.ts';

/**
 * Hand-designed weights for the weights parts, for the pack self-test: a correct design per
 * simulator, and per diagnostic a design that exhibits that mistake and no earlier-listed one
 * (the same designs reference/rnn-diagnostics.test.ts checks the diagnostics against).
 */
export const exampleDesigns: ExampleDesigns = {
  correct: { 'rnn.equalityRnn': designs.key },
  mistaken: {
    'rnn.diag.nonStrictOnly': { W: [[1, 1], [-1, -1]], b: [-2, 0], v: [1, 1], c0: -1, r: 1, c: -2 },
    'rnn.diag.orDetector': designs.literalOcr,
    'rnn.diag.notExclusive': { W: [[1, 0], [0, 1]], b: [-0.5, -0.5], v: [1, 1], c0: -0.5, r: 1, c: -1.5 },
    'rnn.diag.noMemory': designs.noMemory,
    'rnn.diag.orRecurrence': designs.orRecurrence,
    'rnn.diag.oneDetector': designs.onlyAnd,
    'rnn.diag.mismatchPositiveV': { W: [[1, -1], [-1, 1]], b: [-0.5, -0.5], v: [1, 1], c0: 0.5, r: 1, c: -0.5 },
  },
};
