import type { CodeCheckOptions, MistakeBase, PartBase } from '../../pack/types.ts';

export interface CodePart extends PartBase, CodeCheckOptions {
  kind: 'code';
  /** Reference solver called with the same arguments. */
  solver: string;
  tolerance: { rel: number; abs: number };
  /** Named properties from the solver's module, checked on every input (e.g. `kl.nonNegative`). */
  properties: string[];
  /** Mutant solvers that reproduce known mistakes; a student whose outputs match one gets its feedback. */
  mistakes: (MistakeBase & { solver: string })[];
}
