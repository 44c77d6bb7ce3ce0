import type { KindSchema } from '../kind.ts';

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
    "mistakes": {
      "type": "array",
      "description": "Known wrong answers, matched before generic failure so the student gets targeted feedback (default: none).",
      "items": {
        "type": "object",
        "description": "A known wrong number.",
        "additionalProperties": false,
        "properties": {
          "id": {
            "type": "string",
            "description": "Stable identifier of the mistake, unique within the part (used in reports and self-tests).",
            "pattern": "^[a-z0-9][a-z0-9_-]*$"
          },
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
          },
          "feedback": {
            "type": "string",
            "description": "What the student is told when the answer matches this mistake.",
            "minLength": 1
          },
          "credit": {
            "type": "number",
            "description": "Fraction of the part's points awarded when this mistake is matched (default 0).",
            "minimum": 0,
            "maximum": 1,
            "default": 0
          }
        },
        "required": [
          "id",
          "feedback"
        ]
      }
    }
  },
  "required": []
};
