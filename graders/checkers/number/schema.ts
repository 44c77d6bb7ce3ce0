import type { KindSchema } from '../kind.ts';
import { mistakesSchema } from '../_internals/schema-shared.ts';

/** The `number` part's fields in the question schema (the base fields id, kind, points, prompt, visibility are added by the assembler). */
export const numberSchema: KindSchema = {
  "description": "A numeric answer compared with a reference value within an absolute tolerance.",
  "kindDescription": "A number (or a string such as `\"28%\"` or `\"1/9\"`).",
  "properties": {
    "solver": {
      "type": "string",
      "description": "Reference solver (no arguments) returning the expected value.",
      "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$"
    },
    "expected": {
      "type": "number",
      "description": "The answer as the author worked it out (optional): validate checks that the solver gives it, within `tolerance`. Grading always uses the solver."
    },
    "tolerance": {
      "type": "number",
      "description": "Absolute tolerance in the unit asked (default 0: exact).",
      "minimum": 0,
      "default": 0
    },
    "unit": {
      "type": "string",
      "description": "`percent` also accepts answers such as `\"28%\"`; the value is read in percent either way.",
      "enum": [
        "percent"
      ]
    },
    "mistakes": mistakesSchema("A known wrong number.", {
      "value": {
        "type": "number",
        "description": "The wrong value."
      },
      "solver": {
        "type": "string",
        "description": "Instead of `value`: a solver computing the wrong value (it receives the question's params and `given:` values as the part's solver does), for a question drawn per student.",
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$"
      },
      "tolerance": {
        "type": "number",
        "description": "Absolute tolerance of the match (default: the part's tolerance).",
        "minimum": 0
      }
    })
  },
  "required": []
};
