import type { KindSchema } from '../kind.ts';
import { mistakesSchema, solverSchema } from '../_internals/schema-shared.ts';

const bound = { anyOf: [{ type: 'number' }, { type: 'string', enum: ['inf', '-inf'] }] };

/** The `set` part's fields in the question schema. */
export const setSchema: KindSchema = {
  description: 'A set of numbers (a finite set, an interval, a union, or a condition such as `n >= 2`), compared as a set over the declared domain.',
  kindDescription: 'A set: `{2, 3}`, `[0.5, inf)`, `(0, 1] ∪ [2, 3)`, `∅`, or a condition in the variable (`n >= 2 and n <= 5`, `{x : x^2 < 2}`).',
  properties: {
    solver: solverSchema('Reference membership test: takes a record `{ x }` of the variable, returns true (or 1) for a member of the set.'),
    domain: {
      type: 'object',
      description: 'The numbers the set is taken in: an answer is compared with the reference on this domain only.',
      additionalProperties: false,
      properties: {
        variable: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]*$', description: 'The name conditions use (`n`, `x`).' },
        type: { type: 'string', enum: ['integer', 'real'], description: '`integer` or `real`.' },
        min: { ...bound, description: 'Lower bound (default -inf).' },
        max: { ...bound, description: 'Upper bound (default inf).' },
      },
      required: ['variable', 'type'],
    },
    answer: { type: 'string', minLength: 1, description: 'The set as the author worked it out; validate checks it against the solver. Required except in a public copy.' },
    mistakes: mistakesSchema('A known wrong set.', { answer: { type: 'string', minLength: 1, description: 'The wrong set, e.g. `(0.5, inf)`. Required except in a public copy.' } }),
  },
  required: ['domain'],
};
