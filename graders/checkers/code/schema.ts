import type { KindSchema } from '../kind.ts';

/** The `code` part's fields in the question schema (the base fields id, kind, points, prompt, visibility are added by the assembler). */
export const codeSchema: KindSchema = {
  "description": "An exported function, compared with a reference solver on fixed and generated inputs and checked against named properties.",
  "kindDescription": "An exported function of the solution file.",
  "properties": {
    "function": {
      "type": "string",
      "description": "Name of the function the student's solution file must export.",
      "pattern": "^[A-Za-z_$][A-Za-z0-9_$]*$"
    },
    "params": {
      "type": "array",
      "description": "Names of the function's arguments, in call order; each has a generator.",
      "items": {
        "type": "string",
        "description": "Argument name.",
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
      },
      "minItems": 1,
      "uniqueItems": true
    },
    "dims": {
      "type": "object",
      "description": "Sizes shared by several arguments (e.g. `H`, `D`), so related arguments agree in shape.",
      "propertyNames": {
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
      },
      "additionalProperties": {
        "$ref": "#/definitions/dim"
      }
    },
    "generators": {
      "type": "object",
      "description": "How each argument is generated for the hidden runs, keyed by parameter name; required when runs > 0 (a public pack has no hidden runs and no generators).",
      "propertyNames": {
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
      },
      "additionalProperties": {
        "$ref": "#/definitions/generator"
      }
    },
    "vectors": {
      "type": "array",
      "description": "Fixed inputs visible to students (the answer key's test vectors); the reference solver computes the expected outputs.",
      "items": {
        "type": "object",
        "description": "One fixed input.",
        "additionalProperties": false,
        "properties": {
          "name": {
            "type": "string",
            "description": "Short label shown in feedback, e.g. `answer key, worked example`.",
            "minLength": 1
          },
          "args": {
            "type": "array",
            "description": "The arguments, literally, in call order.",
            "items": {
              "description": "One argument (number, array, matrix or record)."
            }
          },
          "expected": {
            "description": "The reference's output on these arguments, precomputed by publish-spec in a public copy (which holds no solver); a course pack leaves it out, and its solver computes it."
          }
        },
        "required": [
          "name",
          "args"
        ]
      }
    },
    "runs": {
      "type": "integer",
      "description": "Number of generated (hidden) inputs (default 100; 0 in a public pack).",
      "minimum": 0,
      "default": 100
    },
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
    "mistakes": {
      "type": "array",
      "description": "Known wrong answers, matched before generic failure so the student gets targeted feedback (default: none).",
      "items": {
        "type": "object",
        "description": "A known wrong implementation, reproduced by a mutant solver.",
        "additionalProperties": false,
        "properties": {
          "id": {
            "type": "string",
            "description": "Stable identifier of the mistake, unique within the part (used in reports and self-tests).",
            "pattern": "^[a-z0-9][a-z0-9_-]*$"
          },
          "solver": {
            "type": "string",
            "description": "Mutant solver of the reference registry reproducing the mistake. Required except in a public pack, where it is left out so the mistake is described but not matched.",
            "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$"
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
  "required": [
    "function",
    "params"
  ]
};
