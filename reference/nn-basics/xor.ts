/**
 * Question 5 (XOR by hand): two hidden threshold units and an output unit,
 * h = g(W x + b), y = g(v · h + c), with g(z) = 1 iff z > 0.
 */
import type { Matrix, Vector, Weights } from 'dlgrade';

const g = (z: number): number => (z > 0 ? 1 : 0);
const CUBE: [number, number][] = [[0, 0], [0, 1], [1, 0], [1, 1]];

/** The simulator of q5.1: one input [x1, x2], one output. */
export function xorNetwork(weights: Weights, input: readonly unknown[]): number {
  const W = weights.W as Matrix;
  const b = weights.b as Vector;
  const v = weights.v as Vector;
  const c = weights.c as number;
  const [x1, x2] = input as [number, number];
  const h = W.map((row, i) => g((row[0] ?? 0) * x1 + (row[1] ?? 0) * x2 + (b[i] ?? 0)));
  return g(h.reduce((s, hi, i) => s + (v[i] ?? 0) * hi, 0) + c);
}

export const xor = (x1: number, x2: number): number => (x1 !== x2 ? 1 : 0);

const truthTable = (weights: Weights): number[] => CUBE.map((x) => xorNetwork(weights, x));
const same = (a: number[], b: number[]) => a.every((v, i) => v === b[i]);

/** The network computes OR: (1, 1) is not excluded. */
export const computesOr = (weights: Weights): boolean => same(truthTable(weights), [0, 1, 1, 1]);

/** The network ignores one of its inputs: it outputs x1, x2 or their negations. */
export const ignoresAnInput = (weights: Weights): boolean =>
  [[0, 0, 1, 1], [0, 1, 0, 1], [1, 1, 0, 0], [1, 0, 1, 0]].some((t) => same(truthTable(weights), t));
