import type { PartBase } from '../../pack/types.ts';

/** A rubric item a TA ticks on the review page: its points are added to the score (negative: deducted). */
export interface RubricItem {
  text: string;
  points: number;
}

export interface TextPart extends PartBase {
  kind: 'text';
  /** What a TA looks for when scoring the answer by hand (with items, one line per item). */
  rubric: string;
  /** The rubric as items with points, when the spec lists them (`rubric: [{ text, points }]`). */
  rubricItems?: RubricItem[];
}
