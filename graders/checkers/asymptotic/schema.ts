import type { KindSchema } from '../kind.ts';
import { mistakesSchema, solverSchema } from '../_internals/schema-shared.ts';

/** The `asymptotic` part's fields in the question schema. */
export const asymptoticSchema: KindSchema = {
  description: "A growth class (`Theta(n^2)`, `O(n log n)`), checked against the reference's values over a growing range of n (up to 2^1000).",
  kindDescription: 'A growth class: `Theta(...)`, `Θ(...)`, `O(...)`, `Omega(...)`, `Ω(...)`, `o(...)` or `omega(...)` of a formula in the variable.',
  properties: {
    solver: solverSchema('Reference solver of the quantity: takes a record `{ n }` of the variable, returns its value.'),
    variable: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]*$', default: 'n', description: 'The variable that grows (default `n`).' },
    answer: { type: 'string', minLength: 1, description: 'The growth class as the author worked it out; validate checks it against the solver. Required except in a public copy.' },
    tight: { type: 'boolean', default: true, description: 'With `true` (the default: the question asks for the growth class), O and Omega must be tight as Theta is; `false` accepts any true bound.' },
    mistakes: mistakesSchema('A known wrong growth class.', { answer: { type: 'string', minLength: 1, description: 'The wrong class, e.g. `Theta(n)`. Required except in a public copy.' } }),
  },
  required: [],
};
