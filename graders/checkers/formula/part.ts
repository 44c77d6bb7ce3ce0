import type { MistakeBase, PartBase, VariableDomain } from '../../pack/types.ts';
import type { FormulaRelation } from '../_math/relations.ts';

export interface FormulaPart extends PartBase {
  kind: 'formula';
  /** Reference solver taking a record of the variables and returning the expected value. */
  solver: string;
  /** The reference formula in the pack's syntax, shown to TAs. */
  answer: string;
  variables: Record<string, VariableDomain>;
  /** What the answer must be to the reference (default `equal`): equal, or equal up to a constant or a factor, or a bound. */
  relation?: FormulaRelation;
  /** Relative tolerance of the pointwise comparison. */
  tolerance: number;
  /** Number of random points to evaluate at (default 200). */
  samples: number;
  mistakes: (MistakeBase & { formula: string })[];
}
