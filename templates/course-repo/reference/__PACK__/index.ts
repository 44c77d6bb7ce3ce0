/**
 * The code of the __PACK__ pack: what its specs name. Solvers are the ground truth, mutants
 * reproduce known mistakes, the simulator runs a student's hand-designed network, and the
 * diagnostic recognises a known wrong design by its behaviour.
 */
import { definePack, type Vector, type Weights } from 'dlgrade';

/** q1.1: a dense layer from 10 inputs to 5 outputs has 10 x 5 weights and 5 biases. */
export const denseParams = (): number => 10 * 5 + 5;

/** q1.2: d/dp (p - y)^2; a formula solver takes one record of the part's variables. */
export const mseDerivative = ({ p, y }: { p: number; y: number }): number => 2 * (p - y);

/** q1.5: the mean squared error. */
export function mse(pred: Vector, target: Vector): number {
  return pred.reduce((sum, p, i) => sum + (p - (target[i] ?? 0)) ** 2, 0) / pred.length;
}

/** Mutant of q1.5: the sum instead of the mean. */
export function mseSum(pred: Vector, target: Vector): number {
  return mse(pred, target) * pred.length;
}

/** q1.6: the gradient of `mse` with respect to pred. */
export function mseGradient(pred: Vector, target: Vector): { dPred: Vector } {
  return { dPred: pred.map((p, i) => (2 * (p - (target[i] ?? 0))) / pred.length) };
}

/** Mutant of q1.6: the factor 2 of the power rule forgotten. */
export function mseGradientNoTwo(pred: Vector, target: Vector): { dPred: Vector } {
  return { dPred: mseGradient(pred, target).dPred.map((d) => d / 2) };
}

/** q1.4: one threshold unit g(w . x + b) with g(z) = 1 iff z > 0, run on one input [x1, x2]. */
export function thresholdUnit(weights: Weights, input: readonly unknown[]): number {
  const w = weights.w as Vector;
  const b = weights.b as number;
  const [x1, x2] = input as [number, number];
  return (w[0] ?? 0) * x1 + (w[1] ?? 0) * x2 + b > 0 ? 1 : 0;
}

/** q1.4's target. */
export const and = (x1: number, x2: number): number => (x1 === 1 && x2 === 1 ? 1 : 0);

const CUBE: [number, number][] = [[0, 0], [0, 1], [1, 0], [1, 1]];

/** Known mistake of q1.4: the unit computes OR. */
export const orGate = (weights: Weights): boolean => CUBE.every(([a, b]) => thresholdUnit(weights, [a, b]) === (a === 1 || b === 1 ? 1 : 0));

export default definePack({
  solvers: {
    'starter.denseParams': denseParams,
    'starter.mseDerivative': mseDerivative,
    'starter.mse': mse,
    'starter.mse.sum': mseSum,
    'starter.mseGradient': mseGradient,
    'starter.mseGradient.noTwo': mseGradientNoTwo,
    'starter.and': and,
  },
  simulators: { 'starter.thresholdUnit': thresholdUnit },
  diagnostics: { 'starter.diag.orGate': orGate },
  // For the self-test: a right design, and one design per diagnostic that shows its mistake.
  examples: {
    correct: { 'q1.4.and_gate': { w: [1, 1], b: -1.5 } },
    mistaken: { 'starter.diag.orGate': { w: [1, 1], b: -0.5 } },
  },
});
