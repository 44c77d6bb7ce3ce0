import type { KindSchema } from '../kind.ts';
import { CODE_INPUT_PROPERTIES, mistakesSchema } from '../_internals/schema-shared.ts';

/** The `gradient` part's fields in the question schema (the base fields id, kind, points, prompt, visibility are added by the assembler). */
export const gradientSchema: KindSchema = {
  "description": "An exported function returning gradients, compared with central finite differences of the reference loss.",
  "kindDescription": "An exported function returning a record of gradients.",
  "properties": {
    ...CODE_INPUT_PROPERTIES,
    "loss": {
      "type": "string",
      "description": "Reference loss, differentiated numerically by central differences.",
      "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$"
    },
    "solver": {
      "type": "string",
      "description": "Reference analytic gradient (same output shape as the student's).",
      "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$"
    },
    "wrt": {
      "type": "object",
      "description": "Output key of the student's result → index (0-based) of the argument it is the gradient of.",
      "minProperties": 1,
      "propertyNames": {
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
      },
      "additionalProperties": {
        "type": "integer",
        "description": "Argument index.",
        "minimum": 0
      }
    },
    "threshold": {
      "type": "number",
      "description": "Largest accepted relative error |a - n| / max(|a|, |n|, tiny) per entry (default 1e-5).",
      "exclusiveMinimum": 0,
      "default": 1e-05
    },
    "step": {
      "type": "number",
      "description": "Central-difference step (default 1e-5).",
      "exclusiveMinimum": 0,
      "default": 1e-05
    },
    "mistakes": mistakesSchema("A known wrong gradient, reproduced by a mutant solver.", {
      "solver": {
        "type": "string",
        "description": "Mutant solver of the reference registry reproducing the mistake. Required except in a public pack, where it is left out so the mistake is described but not matched.",
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$"
      }
    })
  },
  "required": [
    "function",
    "params",
    "wrt"
  ]
};
