import type { KindSchema } from '../kind.ts';
import { mistakesSchema, solverSchema } from '../_internals/schema-shared.ts';

/** The `matrix-formula` part's fields in the question schema. */
export const matrixFormulaSchema: KindSchema = {
  description: 'A matrix or vector formula over variables of declared shapes, shape-checked first, then compared with the reference at random sizes and entries.',
  kindDescription: 'A formula with transposes (`W^T`, `Wᵀ`), products, entrywise functions and sum, norm, trace, diag, outer, softmax, logsumexp.',
  properties: {
    solver: solverSchema('Reference solver: receives a record of every variable (vectors as lists, matrices as lists of rows) and every dimension by name, and returns the value of the same shape.'),
    answer: { type: 'string', minLength: 1, description: 'The reference formula, shown to TAs; validate checks it against the solver. Required except in a public copy.' },
    variables: {
      type: 'object',
      description: 'The variables and their shapes.',
      minProperties: 1,
      propertyNames: { pattern: "^[A-Za-z][A-Za-z0-9_]*'?$" },
      additionalProperties: {
        type: 'object',
        description: 'A variable of a shape: `[]` a scalar, `[D]` a (column) vector, `[N, V]` a matrix; sizes are dims or whole numbers.',
        additionalProperties: false,
        properties: {
          shape: { type: 'array', maxItems: 2, items: { anyOf: [{ type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]*$' }, { type: 'integer', minimum: 1 }] }, description: 'The sizes, each a dim name or a whole number.' },
          min: { type: 'number', description: 'Smallest entry drawn (default -2).' },
          max: { type: 'number', description: 'Largest entry drawn (default 2).' },
        },
        required: ['shape'],
      },
    },
    dims: {
      type: 'object',
      description: 'The range of each dimension the shapes name; sizes are drawn in it for every comparison.',
      propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
      additionalProperties: { type: 'object', description: 'A size drawn in [min, max].', additionalProperties: false, properties: { min: { type: 'integer', minimum: 1, description: 'Smallest size.' }, max: { type: 'integer', minimum: 1, description: 'Largest size.' } }, required: ['min', 'max'] },
    },
    tolerance: { type: 'number', minimum: 0, default: 1e-6, description: 'Relative tolerance per entry (default 1e-6).' },
    samples: { type: 'integer', minimum: 1, default: 100, description: 'Random sizes and entries compared at (default 100).' },
    mistakes: mistakesSchema('A known wrong matrix formula.', { formula: { type: 'string', minLength: 1, description: 'The wrong formula, in the declared variables. Required except in a public copy.' } }),
  },
  required: ['variables'],
};
