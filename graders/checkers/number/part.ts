import type { MistakeBase, PartBase } from '../../pack/types.ts';

export interface NumberPart extends PartBase {
  kind: 'number';
  /** Name of a reference solver that returns the expected value (no arguments). */
  solver: string;
  /** The answer as the author wrote it in the spec, checked against the solver by validate. */
  expected?: number;
  /** Absolute tolerance, in the unit asked (0 means exact). */
  tolerance: number;
  /** `percent` allows answers such as `"28%"`; the value is read in percent either way. */
  unit?: 'percent';
  /** A mistake's wrong value is `value`, or what its `solver` gives (for a question drawn per student). */
  mistakes: (MistakeBase & { value: number; solver?: string; tolerance?: number })[];
}
