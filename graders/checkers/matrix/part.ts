import type { MistakeBase, PartBase } from '../../pack/types.ts';

/** A vector as a list, a matrix as a list of rows. */
export type NumericTensor = number[] | number[][];

export interface MatrixPart extends PartBase {
  kind: 'matrix';
  /** Reference solver returning the vector or matrix (no arguments). */
  solver: string;
  /** `[n]` for a vector, `[rows, cols]` for a matrix. */
  shape: number[];
  /** The answer as the author worked it out, checked against the solver by validate. */
  expected?: NumericTensor;
  /** Per entry: |got − want| ≤ absolute + relative·|want|. */
  tolerance: { absolute: number; relative: number };
  /** Score the share of right entries, instead of all or nothing. */
  partial: boolean;
  mistakes: (MistakeBase & { value: NumericTensor })[];
}
