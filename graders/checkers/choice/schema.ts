import type { KindSchema } from '../kind.ts';

/** The `choice` part's fields in the question schema (the base fields id, kind, points, prompt, visibility are added by the assembler). */
export const choiceSchema: KindSchema = {
  "description": "One option out of a list (case and surrounding spaces ignored).",
  "kindDescription": "One of the listed options.",
  "properties": {
    "options": {
      "type": "array",
      "description": "The options offered.",
      "items": {
        "type": "string",
        "description": "An option.",
        "minLength": 1
      },
      "minItems": 2,
      "uniqueItems": true
    },
    "expected": {
      "type": "string",
      "description": "The right option; must be one of `options`. Required in a course pack; only a public pack (`public: true`) leaves it out, and grades the choice after the deadline."
    },
    "mistakes": {
      "type": "array",
      "description": "Known wrong answers, matched before generic failure so the student gets targeted feedback (default: none).",
      "items": {
        "type": "object",
        "description": "A known wrong option.",
        "additionalProperties": false,
        "properties": {
          "id": {
            "type": "string",
            "description": "Stable identifier of the mistake, unique within the part (used in reports and self-tests).",
            "pattern": "^[a-z0-9][a-z0-9_-]*$"
          },
          "value": {
            "type": "string",
            "description": "The wrong option; must be one of `options`."
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
          "value",
          "feedback"
        ]
      }
    }
  },
  "required": [
    "options"
  ]
};
