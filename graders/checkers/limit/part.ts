import type { MistakeBase, PartBase, VariableDomain } from '../../pack/types.ts';

export interface LimitPart extends PartBase {
  kind: 'limit';
  /** Reference solver of the expression: takes a record of every variable (the moving one included). */
  solver: string;
  /** The variable that moves. */
  variable: string;
  /** Where it goes: a number, `inf` or `-inf`. */
  to: number | 'inf' | '-inf';
  /** From which side, for a finite target (default: both, which must agree). */
  side?: 'left' | 'right';
  /** The other variables, which the answer may use. */
  variables: Record<string, VariableDomain>;
  /** The limit as the author wrote it: a number, a formula in the other variables, inf, -inf or "does not exist". */
  answer: string;
  tolerance: number;
  samples: number;
  mistakes: (MistakeBase & { answer: string })[];
}
