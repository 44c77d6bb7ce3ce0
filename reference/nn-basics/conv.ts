/** Question 1 (convolutions): output sizes and parameter counts. */

/** Output width of a k-wide convolution with stride s and padding p on an n-wide input. */
export const outputWidth = (n: number, k: number, s: number, p: number): number => Math.floor((n + 2 * p - k) / s) + 1;

/** q1.1: a 3x3 convolution, stride 2, padding 1, on a 32-wide input. */
export const outputWidthExample = (): number => outputWidth(32, 3, 2, 1);

/** q1.2: stride 1, no padding. */
export const validOutputWidth = ({ n, k }: { n: number; k: number }): number => outputWidth(n, k, 1, 0);

/** q1.3: F filters of k x k x C weights, plus one bias each. */
export const paramCount = ({ k, C, F }: { k: number; C: number; F: number }): number => F * (k * k * C + 1);
