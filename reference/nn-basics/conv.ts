/** Question 1 (convolutions): output sizes and parameter counts. */

/** Output width of a k-wide convolution with stride s and padding p on an n-wide input. */
export const outputWidth = (n: number, k: number, s: number, p: number): number => Math.floor((n + 2 * p - k) / s) + 1;

/** The worked example of the lecture (and of the authoring guide): 3x3, stride 2, padding 1, 32 wide. */
export const outputWidthExample = (): number => outputWidth(32, 3, 2, 1);

/** q1's per-student layer: the parameters `params:` of specs/nn-basics/q1.yaml draws for each student. */
export interface LayerParams {
  width: number;
  kernel: number;
  stride: number;
  pad: number;
}

/** The last argument a solver of q1 gets: that student's layer. */
interface Own {
  params: LayerParams;
}

/** q1.1: the output width of the student's own layer. */
export const ownOutputWidth = ({ params: l }: Own): number => outputWidth(l.width, l.kernel, l.stride, l.pad);

/** q1.1's mistake padding-forgotten: the same layer without its padding. */
export const ownOutputWidthNoPadding = ({ params: l }: Own): number => outputWidth(l.width, l.kernel, l.stride, 0);

/** q1.1's mistake no-floor: the window count as a fraction (q1's where: makes it one). */
export const ownOutputWidthNoFloor = ({ params: l }: Own): number => (l.width + 2 * l.pad - l.kernel) / l.stride + 1;

/** q1.2: stride 1, no padding. */
export const validOutputWidth = ({ n, k }: { n: number; k: number }): number => outputWidth(n, k, 1, 0);

/** F filters of k x k x C weights, plus one bias each. */
export const paramCount = ({ k, C, F }: { k: number; C: number; F: number }): number => F * (k * k * C + 1);

/** q1.3: the parameters of the student's own kernel size, as a function of C and F. */
export const ownParamCount = ({ C, F }: { C: number; F: number }, { params }: Own): number => paramCount({ k: params.kernel, C, F });
