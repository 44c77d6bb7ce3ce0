/** The q4.4 network as the grader runs it: one input is the pair of streams [x1, x2]. */
import type { SimulatorFn } from 'dlgrade';
import { equalityRnn, type EqualityWeights } from './rnn.ts';

/** The variant q4.4's spec names for g(z) = 1 iff z ≥ 0 (the task states z > 0). */
export const NON_STRICT = 'non-strict';

export const equalitySimulator: SimulatorFn = (weights, [x1, x2], variant) => {
  if (variant !== undefined && variant !== NON_STRICT) throw new Error(`unknown variant "${variant}" of the equality RNN (known: ${NON_STRICT})`);
  return equalityRnn(weights as unknown as EqualityWeights, x1 as number[], x2 as number[], variant === undefined);
};
