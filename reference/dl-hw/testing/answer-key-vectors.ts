/** Inputs of the answer key's test vectors (homework/answer-key.md and verify/q2, q5). */

export const klVector = { mu: [0.5, -1, 0], logVar: [-0.2, 0.4, 0] };

export const klGaussiansVector = { mu1: 0.5, s1: 0.8, mu2: -0.3, s2: 1.5 };

export const contractiveVector = {
  W: [
    [0.2, -0.5, 0.1, 0.4],
    [0.7, 0.3, -0.2, 0],
    [-0.6, 0.1, 0.5, 0.2],
  ],
  b: [0.1, -0.2, 0.05],
  x: [1, 0.5, -0.5, 2],
};

export const skipgramVector = {
  W: [
    [0.1, -0.2, 0.3],
    [0.0, 0.5, -0.1],
    [0.4, 0.1, 0.2],
    [-0.3, 0.2, 0.0],
    [0.2, -0.4, 0.1],
  ],
  Wp: [
    [0.3, -0.1, 0.2, 0.0, -0.2],
    [0.1, 0.4, -0.3, 0.2, 0.0],
    [-0.2, 0.1, 0.1, 0.3, 0.5],
  ],
  center: 2,
  contexts: [0, 4, 4, 1],
};

/** q4.4 designs from answer-key.md and verify/q4_rnn.py. */
export const designs = {
  key: { W: [[1, 1], [-1, -1]], b: [-1.5, 0.5], v: [1, 1], c0: -0.5, r: 1, c: -1.5 },
  boundaryNor: { W: [[1, 1], [-1, -1]], b: [-1, 0.5], v: [1, 1], c0: 0, r: 1, c: -1 },
  boundaryB2: { W: [[1, 1], [-1, -1]], b: [-1, 1], v: [1, 1], c0: 0, r: 1, c: -1 },
  mismatch: { W: [[1, -1], [-1, 1]], b: [-0.5, -0.5], v: [-1, -1], c0: 0.5, r: 1, c: -0.5 },
  literalOcr: { W: [[1, 1], [1, 1]], b: [-1, -0.5], v: [1, 1], c0: 0, r: 1, c: -1 },
  noMemory: { W: [[1, 1], [-1, -1]], b: [-1.5, 0.5], v: [1, 1], c0: -0.5, r: 0, c: -0.5 },
  orRecurrence: { W: [[1, 1], [-1, -1]], b: [-1.5, 0.5], v: [1, 1], c0: -0.5, r: 1, c: -0.5 },
  onlyAnd: { W: [[1, 1], [0, 0]], b: [-1.5, -1], v: [1, 1], c0: -0.5, r: 1, c: -1.5 },
};
