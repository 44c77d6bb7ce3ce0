import type { MistakeBase, PartBase } from '../../pack/types.ts';
import type { SetDomain } from '../_math/sets.ts';

export interface SetPart extends PartBase {
  kind: 'set';
  /** Reference membership test: takes `{ [variable]: x }`, returns true (or 1) for a member. */
  solver: string;
  /** The numbers the set is taken in: its variable, integers or reals, and bounds (may be infinite). */
  domain: SetDomain;
  /** The set as the author wrote it: `{2, 3}`, `[0.5, inf)`, `n >= 2`. */
  answer: string;
  mistakes: (MistakeBase & { answer: string })[];
}
