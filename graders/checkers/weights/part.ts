import type { AlsoSimulate, MistakeBase, PartBase, PointInputs, SequenceInputs } from '../../pack/types.ts';

export interface WeightsPart extends PartBase {
  kind: 'weights';
  /** Pack simulator that runs the student's network, e.g. `net.simulate`. */
  simulator: string;
  /** Pack solver of the target behaviour, e.g. `net.target`. */
  target: string;
  /** What the network must do, as shown in "expected": `outputs y(t) = 1 iff ...`. */
  task: string;
  /** Expected shape of each parameter: `[]` for a scalar, `[n]` a vector, `[r, c]` a matrix. */
  shapes: Record<string, number[]>;
  inputs: SequenceInputs | PointInputs;
  /** Pack fast path of a sequence task (automata of the network and the target), if any. */
  fastPath?: string;
  /** Partial credit of a sequence task: points when the first step is right on every input. */
  firstStepPoints: number;
  alsoSimulate?: AlsoSimulate;
  /** Known mistakes, each recognised by a named diagnostic of the pack. */
  mistakes: (MistakeBase & { diagnostic: string })[];
}
