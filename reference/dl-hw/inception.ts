/**
 * Question 1 (Inception): parameter and cost counts. Numbers are returned in the unit the part
 * asks for (percentages as percentages).
 */

/** Limit of the relative saving (7F − 1)/(25F + 1) as F → ∞: 7/25. */
export const savingLimitPercent = (): number => (100 * 7) / 25;

/** Two stacked valid 3x3 convolutions see 3 + (3 − 1) pixels per side. */
export const receptiveField = (): number => 3 + (3 - 1);

/** Two 2x2 layers (8 weights per channel pair) instead of one 3x3 (9). */
export const saving2x2Percent = (): number => 100 * (1 - 8 / 9);

/** 3x1 then 1x3 (6 weights per channel pair) instead of 3x3 (9). */
export const savingAsymmetricPercent = (): number => 100 * (1 - 6 / 9);

/** The cost ratio 2/n of a 1xn + nx1 factorization equals 1 at n = 2. */
export const noSavingN = (): number => 2;

/** (2 + 8K²C0)/(1 + 2K²C0) tends to 4 as K²C0 grows. */
export const gridRatioLimit = (): number => 4;

export const params5x5 = ({ F }: { F: number }): number => 25 * F + 1;

export const paramsTwo3x3 = ({ F }: { F: number }): number => 18 * F + 2;

export const saving = ({ F }: { F: number }): number => (7 * F - 1) / (25 * F + 1);

export const costRatio = ({ n }: { n: number }): number => 2 / n;

export const gridRatio = ({ K, C0 }: { K: number; C0: number }): number =>
  (2 + 8 * K * K * C0) / (1 + 2 * K * K * C0);
