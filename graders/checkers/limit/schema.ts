import type { KindSchema } from '../kind.ts';
import { mistakesSchema, solverSchema } from '../_internals/schema-shared.ts';

/** The `limit` part's fields in the question schema. */
export const limitSchema: KindSchema = {
  description: "The limit of an expression as a variable goes to a number or ±∞, answered as a number, a formula in the other variables, inf, -inf or \"does not exist\"; checked against the reference's values along the approach.",
  kindDescription: 'A number (`4`, `7/25`), a formula in the other variables, `inf`, `-inf` or `does not exist`.',
  properties: {
    solver: solverSchema('Reference solver of the expression whose limit is asked: takes a record of every variable, the moving one included.'),
    variable: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]*$', description: 'The variable that moves.' },
    to: { anyOf: [{ type: 'number' }, { type: 'string', enum: ['inf', '-inf'] }], description: 'Where the variable goes: a number, `inf` or `-inf`.' },
    side: { type: 'string', enum: ['left', 'right'], description: 'For a finite `to`: the one-sided limit from the left or the right (default: both sides, which must agree).' },
    variables: { type: 'object', description: 'The other variables, which the answer may use, and their domains (the answer is checked at random values of them).', propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]*$' }, additionalProperties: { $ref: '#/definitions/domain' } },
    answer: { type: 'string', minLength: 1, description: 'The limit as the author worked it out; validate checks it against the solver. Required except in a public copy.' },
    tolerance: { type: 'number', minimum: 0, default: 1e-6, description: 'Relative tolerance of a finite limit (default 1e-6), widened by how far the numerical estimate may be off.' },
    samples: { type: 'integer', minimum: 1, default: 50, description: 'Random values of the other variables to check at (default 50).' },
    mistakes: mistakesSchema('A known wrong limit.', { answer: { type: 'string', minLength: 1, description: 'The wrong limit, written as a student would. Required except in a public copy.' } }),
  },
  required: ['variable', 'to'],
};
