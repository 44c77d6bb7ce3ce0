/**
 * The linear-algebra question (matrix formulas and numeric matrices): each solver computes the
 * value directly, by loops over plain arrays, so it checks the reference formulas of the spec
 * rather than restating them.
 */
import { softmax } from './softmax.ts';

type Vector = number[];
type Matrix = number[][];

const matVec = (W: Matrix, x: Vector): Vector => W.map((row) => row.reduce((s, w, j) => s + w * x[j]!, 0));
const transposeTimes = (W: Matrix, r: Vector): Vector => W[0]!.map((_, j) => W.reduce((s, row, i) => s + row[j]! * r[i]!, 0));

/** The residual W x − t of the least-squares loss ½‖W x − t‖². */
const residual = (W: Matrix, x: Vector, t: Vector): Vector => matVec(W, x).map((v, i) => v - t[i]!);

/** ∂/∂x ½‖W x − t‖² = Wᵀ (W x − t). */
export const leastSquaresGradX = ({ W, x, t }: { W: Matrix; x: Vector; t: Vector }): Vector => transposeTimes(W, residual(W, x, t));

/** ∂/∂W ½‖W x − t‖² = (W x − t) xᵀ. */
export const leastSquaresGradW = ({ W, x, t }: { W: Matrix; x: Vector; t: Vector }): Matrix => residual(W, x, t).map((r) => x.map((xj) => r * xj));

/** ∂/∂W (λ/2)‖W‖_F² = λ W, entry by entry. */
export const weightDecayGrad = ({ W, lambda }: { W: Matrix; lambda: number }): Matrix => W.map((row) => row.map((w) => lambda * w));

/** ∂/∂z (logsumexp(z) − yᵀz) = softmax(z) − y. */
export const crossEntropyGradZ = ({ z, y }: { z: Vector; y: Vector }): Vector => softmax(z).map((p, i) => p - y[i]!);

/** The Jacobian of softmax: ∂p_i/∂z_j = p_i (δ_ij − p_j). */
export const softmaxJacobian = ({ z }: { z: Vector }): Matrix => {
  const p = softmax(z);
  return p.map((pi, i) => p.map((pj, j) => pi * ((i === j ? 1 : 0) - pj)));
};

/** The image and kernel of the cross-correlation part, as its prompt prints them. */
export const IMAGE: Matrix = [
  [1, 2, 0],
  [0, 1, 3],
  [2, 1, 1],
];
export const KERNEL: Matrix = [
  [1, 0],
  [-1, 2],
];

/** The valid cross-correlation (what deep-learning libraries call convolution): no kernel flip. */
export function crossCorrelate(image: Matrix, kernel: Matrix): Matrix {
  const kh = kernel.length;
  const kw = kernel[0]!.length;
  return Array.from({ length: image.length - kh + 1 }, (_, i) =>
    Array.from({ length: image[0]!.length - kw + 1 }, (_, j) => kernel.reduce((s, row, a) => s + row.reduce((t, k, b) => t + k * image[i + a]![j + b]!, 0), 0)),
  );
}

export const crossCorrelationExample = (): Matrix => crossCorrelate(IMAGE, KERNEL);

/** softmax([1, 2, 3]). */
export const softmaxExample = (): Vector => softmax([1, 2, 3]);
