import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAssignment } from '../graders/pack/load.ts';
import type { CodePart, GradientPart } from '../graders/pack/types.ts';

// The seven code parts of pack.md as literals mirroring specs/dl-hw: the mistaken-solution tests
// need known credits and small, fixed vectors independent of the spec's wording.
const common = { visibility: 'visible' as const, runs: 100 };
const tol = { rel: 1e-6, abs: 1e-9 };

const skipW = [
  [0.1, -0.2, 0.3],
  [0.0, 0.5, -0.1],
  [0.4, 0.1, 0.2],
  [-0.3, 0.2, 0.0],
  [0.2, -0.4, 0.1],
];
const skipWp = [
  [0.3, -0.1, 0.2, 0.0, -0.2],
  [0.1, 0.4, -0.3, 0.2, 0.0],
  [-0.2, 0.1, 0.1, 0.3, 0.5],
];
const caeArgs = [
  [
    [0.2, -0.5, 0.1, 0.4],
    [0.7, 0.3, -0.2, 0],
    [-0.6, 0.1, 0.5, 0.2],
  ],
  [0.1, -0.2, 0.05],
  [1, 0.5, -0.5, 2],
];
const caeGen = {
  dims: { H: { min: 1, max: 6 }, D: { min: 1, max: 6 } },
  generators: {
    W: { type: 'matrix' as const, rows: 'H', cols: 'D', min: -2, max: 2 },
    b: { type: 'vector' as const, length: 'H', min: -1, max: 1 },
    x: { type: 'vector' as const, length: 'D', min: -2, max: 2 },
  },
};
const skipGen = {
  dims: { V: { min: 2, max: 8 }, N: { min: 1, max: 5 }, C: { min: 1, max: 6 } },
  generators: {
    W: { type: 'matrix' as const, rows: 'V', cols: 'N', min: -1, max: 1 },
    Wp: { type: 'matrix' as const, rows: 'N', cols: 'V', min: -1, max: 1 },
    center: { type: 'index' as const, dim: 'V' },
    contexts: { type: 'indices' as const, count: 'C', dim: 'V' },
  },
};

export const klPart: CodePart = {
  ...common,
  id: 'q2.1.kl_to_std_normal',
  kind: 'code',
  points: 4,
  prompt: 'klToStdNormal',
  function: 'klToStdNormal',
  params: ['mu', 'logVar'],
  dims: { D: { min: 1, max: 8 } },
  generators: {
    mu: { type: 'vector', length: 'D', min: -3, max: 3 },
    logVar: { type: 'vector', length: 'D', min: -3, max: 3 },
  },
  vectors: [{ name: 'answer-key q2.1', args: [[0.5, -1, 0], [-0.2, 0.4, 0]] }],
  solver: 'vae.klToStdNormal',
  tolerance: tol,
  properties: ['vae.kl.nonNegative', 'vae.kl.zeroAtPrior'],
  mistakes: [{ id: 'missing-half', solver: 'vae.klToStdNormal.noHalf', feedback: 'The factor 1/2 is missing.', credit: 0.5 }],
};

export const penaltyPart: CodePart = {
  ...common,
  ...caeGen,
  id: 'q2.3.contractive_penalty',
  kind: 'code',
  points: 4,
  prompt: 'contractivePenalty',
  function: 'contractivePenalty',
  params: ['W', 'b', 'x'],
  vectors: [{ name: 'answer-key q2.3', args: caeArgs }],
  solver: 'vae.contractivePenalty',
  tolerance: tol,
  properties: [],
  mistakes: [],
};

export const penaltyGradPart: GradientPart = {
  ...common,
  ...caeGen,
  id: 'q2.3.contractive_penalty_grad',
  kind: 'gradient',
  points: 4,
  prompt: 'contractivePenaltyGrad',
  function: 'contractivePenaltyGrad',
  params: ['W', 'b', 'x'],
  vectors: [{ name: 'answer-key q2.3', args: caeArgs }],
  loss: 'vae.contractivePenalty',
  solver: 'vae.contractivePenaltyGrad',
  wrt: { dW: 0, db: 1 },
  threshold: 1e-5,
  step: 1e-5,
  mistakes: [],
};

export const clipPart: CodePart = {
  ...common,
  id: 'q4.1.clip_by_global_norm',
  kind: 'code',
  points: 4,
  prompt: 'clipByGlobalNorm',
  function: 'clipByGlobalNorm',
  params: ['grads', 'maxNorm'],
  dims: { T: { min: 1, max: 4 } },
  generators: {
    grads: { type: 'vectors', count: 'T', maxLength: 6, min: -5, max: 5 },
    maxNorm: { type: 'number', min: 0.1, max: 10 },
  },
  vectors: [{ name: 'scaled', args: [[[3, 4], [0]], 1] }],
  solver: 'rnn.clipByGlobalNorm',
  tolerance: { rel: 1e-9, abs: 1e-12 },
  properties: ['rnn.clip.normBounded', 'rnn.clip.directionKept', 'rnn.clip.inputNotMutated'],
  mistakes: [{ id: 'elementwise', solver: 'rnn.clipByGlobalNorm.elementwise', feedback: 'Clip by the global norm, not entry by entry.', credit: 0 }],
};

export const lstmPart: CodePart = {
  ...common,
  id: 'q4.2.lstm_step',
  kind: 'code',
  points: 5,
  prompt: 'lstmStep',
  function: 'lstmStep',
  params: ['x', 'hPrev', 'cPrev', 'p'],
  dims: { X: { min: 1, max: 4 }, H: { min: 1, max: 4 }, G: { times: ['H', 4] } },
  generators: {
    x: { type: 'vector', length: 'X', min: -2, max: 2 },
    hPrev: { type: 'vector', length: 'H', min: -1, max: 1 },
    cPrev: { type: 'vector', length: 'H', min: -2, max: 2 },
    p: {
      type: 'record',
      fields: {
        Wx: { type: 'matrix', rows: 'G', cols: 'X', min: -1, max: 1 },
        Wh: { type: 'matrix', rows: 'G', cols: 'H', min: -1, max: 1 },
        b: { type: 'vector', length: 'G', min: -1, max: 1 },
      },
    },
  },
  vectors: [],
  solver: 'rnn.lstmStep',
  tolerance: tol,
  properties: [],
  mistakes: [{ id: 'gate-order', solver: 'rnn.lstmStep.gateOrderIFOG', feedback: 'The blocks are stacked i, f, g, o.', credit: 0 }],
};

export const lossPart: CodePart = {
  ...common,
  ...skipGen,
  id: 'q5.3.loss',
  kind: 'code',
  points: 6,
  prompt: 'skipGramLoss',
  function: 'skipGramLoss',
  params: ['W', 'Wp', 'center', 'contexts'],
  vectors: [{ name: 'answer-key q5', args: [skipW, skipWp, 2, [0, 4, 4, 1]] }],
  solver: 'skipgram.loss',
  tolerance: tol,
  properties: [],
  mistakes: [{ id: 'm-instead-of-2m', solver: 'skipgram.loss.mInsteadOf2m', feedback: 'The log-partition term appears 2m times.', credit: 0.5 }],
};

export const gradsPart: GradientPart = {
  ...common,
  ...skipGen,
  id: 'q5.4.gradients',
  kind: 'gradient',
  points: 9,
  prompt: 'skipGramGradients',
  function: 'skipGramGradients',
  params: ['W', 'Wp', 'center', 'contexts'],
  vectors: [{ name: 'answer-key q5', args: [skipW, skipWp, 2, [0, 4, 4, 1]] }],
  loss: 'skipgram.loss',
  solver: 'skipgram.gradients',
  wrt: { dW: 0, dWp: 1 },
  threshold: 1e-5,
  step: 1e-5,
  mistakes: [{ id: 'single-context', solver: 'skipgram.gradients.singleContext', feedback: 'Sum the errors over the 2m positions.', credit: 0.3 }],
};

export const CODE_PARTS: (CodePart | GradientPart)[] = [klPart, penaltyPart, penaltyGradPart, clipPart, lstmPart, lossPart, gradsPart];

/** Which part each exported function belongs to. */
export const PART_OF_FUNCTION: Record<string, CodePart | GradientPart> = Object.fromEntries(CODE_PARTS.map((p) => [p.function, p]));

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The code and gradient parts of the real specs/dl-hw pack, as the loader reads them. */
export async function dlHwCodeParts(): Promise<(CodePart | GradientPart)[]> {
  const { assignment, errors } = await loadAssignment(path.join(ROOT, 'specs/dl-hw'));
  if (!assignment) throw new Error(`specs/dl-hw does not load: ${errors.map((e) => e.message).join('; ')}`);
  return assignment.questions.flatMap((q) => q.parts).filter((p): p is CodePart | GradientPart => p.kind === 'code' || p.kind === 'gradient');
}
