import type { KindSchema } from '../kind.ts';
import { CODE_INPUT_PROPERTIES, mistakesSchema } from '../_internals/schema-shared.ts';

/** The `code` part's fields in the question schema (the base fields id, kind, points, prompt, visibility are added by the assembler). */
export const codeSchema: KindSchema = {
  "description": "An exported function, compared with a reference solver on fixed and generated inputs and checked against named properties.",
  "kindDescription": "An exported function of the solution file.",
  "properties": {
    ...CODE_INPUT_PROPERTIES,
    "solver": {
      "type": "string",
      "description": "Reference solver called with the same arguments.",
      "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$"
    },
    "tolerance": {
      "type": "object",
      "description": "Accepted difference: |a - e| <= abs + rel * |e| per entry (default rel 1e-6, abs 1e-9).",
      "additionalProperties": false,
      "properties": {
        "rel": {
          "type": "number",
          "description": "Relative tolerance.",
          "minimum": 0
        },
        "abs": {
          "type": "number",
          "description": "Absolute tolerance.",
          "minimum": 0
        }
      },
      "required": [
        "rel",
        "abs"
      ]
    },
    "properties": {
      "type": "array",
      "description": "Names of properties of the reference registry checked on every output (default: none).",
      "items": {
        "type": "string",
        "description": "A property name.",
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$"
      },
      "uniqueItems": true
    },
    "mistakes": mistakesSchema("A known wrong implementation, reproduced by a mutant solver.", {
      "solver": {
        "type": "string",
        "description": "Mutant solver of the reference registry reproducing the mistake. Required except in a public pack, where it is left out so the mistake is described but not matched.",
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$"
      }
    })
  },
  "required": [
    "function",
    "params"
  ]
};
