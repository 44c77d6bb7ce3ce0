import type { MistakeBase, PartBase } from '../../pack/types.ts';

export interface AsymptoticPart extends PartBase {
  kind: 'asymptotic';
  /** Reference solver of the quantity: takes `{ [variable]: n }`, returns its value. */
  solver: string;
  /** The variable that grows (default `n`). */
  variable: string;
  /** The growth class as the author wrote it, e.g. `Theta(n^2)`. */
  answer: string;
  /** O and Omega must be tight bounds, as Theta is (default true: the question asks for the growth class). */
  tight: boolean;
  mistakes: (MistakeBase & { answer: string })[];
}
