import type { KindSchema } from '../kind.ts';
import { mistakesSchema, solverSchema } from '../_internals/schema-shared.ts';

const tensor = { type: 'array', minItems: 1, items: { anyOf: [{ type: 'number' }, { type: 'array', minItems: 1, items: { type: 'number' } }] } };

/** The `matrix` part's fields in the question schema. */
export const matrixSchema: KindSchema = {
  description: 'A numeric vector or matrix, compared entry by entry with the reference, each entry within its tolerance; optionally with credit per right entry.',
  kindDescription: 'A vector (`[1, 2, 3]`) or a matrix (`[[1, 2], [3, 4]]`, or MATLAB-style `[1 2; 3 4]`); entries may be fractions such as `1/3`.',
  properties: {
    solver: solverSchema('Reference solver (no arguments) returning the vector as a list, or the matrix as a list of rows.'),
    shape: { type: 'array', description: '`[n]` for a vector of n entries, `[rows, cols]` for a matrix. A wrong shape is `invalid`, with both shapes.', minItems: 1, maxItems: 2, items: { type: 'integer', minimum: 1 } },
    expected: { ...tensor, description: 'The answer as the author worked it out (optional): validate checks that the solver gives it, entry by entry.' },
    tolerance: {
      type: 'object',
      description: 'Per-entry tolerance: |yours − expected| ≤ absolute + relative·|expected| (defaults 0 and 1e-6).',
      additionalProperties: false,
      properties: { absolute: { type: 'number', minimum: 0, description: 'Absolute part (default 0).' }, relative: { type: 'number', minimum: 0, description: 'Relative part (default 1e-6).' } },
    },
    partial_credit: { type: 'string', enum: ['all-or-nothing', 'per-entry'], default: 'all-or-nothing', description: '`per-entry` scores the share of right entries; `all-or-nothing` (the default) gives the points only when every entry is right.' },
    mistakes: mistakesSchema('A known wrong vector or matrix.', { value: { ...tensor, description: "The wrong vector or matrix, of the part's shape. Required except in a public copy." } }),
  },
  required: ['shape'],
};
