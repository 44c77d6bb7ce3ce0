import type { MistakeBase, PartBase } from '../../pack/types.ts';

export interface ChoicePart extends PartBase {
  kind: 'choice';
  options: string[];
  /** The right option; empty in a public pack, which grades the choice after the deadline. */
  expected: string;
  mistakes: (MistakeBase & { value: string })[];
}
