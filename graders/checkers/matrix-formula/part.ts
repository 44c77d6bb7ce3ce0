import type { MistakeBase, PartBase } from '../../pack/types.ts';
import type { TensorVariable } from '../_math/tensor-formula.ts';

export interface MatrixFormulaPart extends PartBase {
  kind: 'matrix-formula';
  /** Reference solver: receives every variable as plain arrays and every dimension by name, returns the value. */
  solver: string;
  /** The reference formula, shown to TAs. */
  answer: string;
  /** Variables with their shapes: `W: { shape: [N, V] }`, `x: { shape: [D] }`, `c: { shape: [] }`. */
  variables: Record<string, TensorVariable>;
  /** Ranges of the symbolic dimensions the shapes name. */
  dims: Record<string, { min: number; max: number }>;
  /** Relative tolerance per entry. */
  tolerance: number;
  /** Random sizes and matrices compared at. */
  samples: number;
  mistakes: (MistakeBase & { formula: string })[];
}
