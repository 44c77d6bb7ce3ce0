import type { PartBase } from '../../pack/types.ts';

export interface TextPart extends PartBase {
  kind: 'text';
  /** What a TA looks for when scoring the answer by hand. */
  rubric: string;
}
