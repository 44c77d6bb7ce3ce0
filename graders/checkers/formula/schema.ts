import type { KindSchema } from '../kind.ts';
import { mistakesSchema } from '../_internals/schema-shared.ts';

/** The `formula` part's fields in the question schema (the base fields id, kind, points, prompt, visibility are added by the assembler). */
export const formulaSchema: KindSchema = {
  "description": "A formula in named variables, compared with the reference at random points of their domains.",
  "kindDescription": "A formula string in the declared variables.",
  "properties": {
    "solver": {
      "type": "string",
      "description": "Reference solver taking a record of the variables and returning the expected value.",
      "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$"
    },
    "answer": {
      "type": "string",
      "description": "The reference formula in the pack's syntax, shown to TAs. Required except in a public pack, which leaves the answer out.",
      "minLength": 1
    },
    "variables": {
      "type": "object",
      "description": "The formula's variables and the domains they are drawn from.",
      "minProperties": 1,
      "propertyNames": {
        "pattern": "^[A-Za-z][A-Za-z0-9_]*$"
      },
      "additionalProperties": {
        "$ref": "#/definitions/domain"
      }
    },
    "relation": {
      "type": "string",
      "description": "What the answer must be to the reference (default `equal`): `up-to-constant` accepts the reference plus any constant (a KL \"up to a constant\"), `up-to-scale` the reference times any non-zero factor, `less-equal` and `greater-equal` an upper or lower bound at every point.",
      "enum": ["equal", "up-to-constant", "up-to-scale", "less-equal", "greater-equal"],
      "default": "equal"
    },
    "tolerance": {
      "type": "number",
      "description": "Relative tolerance of the pointwise comparison (default 1e-6).",
      "minimum": 0,
      "default": 1e-06
    },
    "samples": {
      "type": "integer",
      "description": "Number of random points to evaluate at (default 200).",
      "minimum": 1,
      "default": 200
    },
    "mistakes": mistakesSchema("A known wrong formula.", {
      "formula": {
        "type": "string",
        "description": "The wrong formula, in the declared variables. Required except in a public pack, where it is left out so the mistake is described but not matched.",
        "minLength": 1
      }
    })
  },
  "required": [
    "variables"
  ]
};
