import type { CodeCheckOptions, MistakeBase, PartBase } from '../../pack/types.ts';

export interface GradientPart extends PartBase, CodeCheckOptions {
  kind: 'gradient';
  /** Reference loss, differentiated numerically by central differences. */
  loss: string;
  /** Reference analytic gradient (same output shape as the student's). */
  solver: string;
  /** Output key of the student's result → index of the argument it is the gradient for. */
  wrt: Record<string, number>;
  /** Largest accepted relative error |a − n| / max(|a|, |n|, tiny) per entry. */
  threshold: number;
  /** Central-difference step. */
  step: number;
  mistakes: (MistakeBase & { solver: string })[];
}
