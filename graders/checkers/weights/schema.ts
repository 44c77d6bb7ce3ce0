import type { KindSchema } from '../kind.ts';
import { mistakesSchema } from '../_internals/schema-shared.ts';

/** The `weights` part's fields in the question schema (the base fields id, kind, points, prompt, visibility are added by the assembler). */
export const weightsSchema: KindSchema = {
  "description": "Hand-designed network weights, graded by simulation against a target function.",
  "kindDescription": "A map of named parameters.",
  "properties": {
    "simulator": {
      "type": "string",
      "description": "Simulator of the pack module (`simulators` table) that runs the student's network on one input, e.g. `net.simulate`.",
      "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$"
    },
    "target": {
      "type": "string",
      "description": "Solver of the pack module that gives the wanted outputs for one input, e.g. `net.target`.",
      "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$"
    },
    "task": {
      "type": "string",
      "description": "What the network must do, shown to students as what is expected, e.g. `outputs y(t) = 1 iff x1(τ) = 1 for some τ ≤ t`.",
      "minLength": 1
    },
    "shapes": {
      "type": "object",
      "description": "Expected shape of each parameter: `[]` a scalar, `[n]` a vector, `[r, c]` a matrix.",
      "minProperties": 1,
      "propertyNames": {
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
      },
      "additionalProperties": {
        "type": "array",
        "description": "Shape of one parameter.",
        "items": {
          "type": "integer",
          "description": "Size of one axis.",
          "minimum": 1
        },
        "maxItems": 2
      }
    },
    "inputs": {
      "type": "object",
      "description": "The input domain the network is simulated on: `sequences` for a network run over time on binary input streams, `points` for a network of one step.",
      "additionalProperties": false,
      "minProperties": 1,
      "maxProperties": 1,
      "properties": {
        "sequences": {
          "type": "object",
          "description": "Binary input streams read one step at a time: every input of length 1..exhaustive_max_length, then random_count seeded random ones of length up to random_max_length.",
          "additionalProperties": false,
          "properties": {
            "streams": {
              "type": "integer",
              "description": "Number of binary input streams (x1, x2, ...).",
              "minimum": 1,
              "maximum": 4
            },
            "exhaustive_max_length": {
              "type": "integer",
              "description": "Every input of length 1..this is simulated (default 8); streams × this is at most 24.",
              "minimum": 1,
              "maximum": 12,
              "default": 8
            },
            "random_max_length": {
              "type": "integer",
              "description": "Longest random input simulated (default 64).",
              "minimum": 1,
              "default": 64
            },
            "random_count": {
              "type": "integer",
              "description": "Number of random inputs simulated (default 2000).",
              "minimum": 0,
              "default": 2000
            }
          },
          "required": [
            "streams"
          ]
        },
        "points": {
          "type": "object",
          "description": "Inputs of a network of one step: every listed case, then `runs` inputs drawn from the generators (as a code part's).",
          "additionalProperties": false,
          "properties": {
            "params": {
              "type": "array",
              "description": "Names of the inputs, in the order the simulator and the target receive them.",
              "items": {
                "type": "string",
                "description": "Input name.",
                "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
              },
              "minItems": 1,
              "uniqueItems": true
            },
            "cases": {
              "type": "array",
              "description": "Inputs simulated in every run, e.g. all of {0,1}^2; each lists one value per param.",
              "items": {
                "type": "array",
                "description": "One input: a value per param."
              }
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
            "runs": {
              "type": "integer",
              "description": "Number of generated inputs (default 0).",
              "minimum": 0,
              "default": 0
            }
          },
          "required": [
            "params"
          ]
        }
      }
    },
    "fast_path": {
      "type": "string",
      "description": "Fast path of the pack module (`fastPaths` table) for a sequence task: the network and the target as automata, confirmed against the simulator on short inputs. Without one, every input is simulated.",
      "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$"
    },
    "partial_credit": {
      "type": "object",
      "description": "Points for a design that is wrong but partly right (a matched known mistake's credit also counts; the larger wins).",
      "additionalProperties": false,
      "properties": {
        "first_step_points": {
          "type": "number",
          "description": "Sequence tasks: points when the output at the first step is right on every input (default 0).",
          "minimum": 0,
          "default": 0
        }
      }
    },
    "also_simulate": {
      "type": "object",
      "description": "A second convention the design is also simulated under; it never changes the score, it adds a note on robustness.",
      "additionalProperties": false,
      "properties": {
        "variant": {
          "type": "string",
          "description": "Passed to the simulator as its variant, e.g. `non-strict`.",
          "minLength": 1
        },
        "name": {
          "type": "string",
          "description": "The convention simulated, as students read it: `g(z) = 1 iff z ≥ 0`.",
          "minLength": 1
        },
        "stated": {
          "type": "string",
          "description": "The convention the task states: `g(z) = 1 iff z > 0`.",
          "minLength": 1
        },
        "advice": {
          "type": "string",
          "description": "Told to a student whose design is right as stated but wrong under the variant.",
          "minLength": 1
        }
      },
      "required": [
        "variant",
        "name",
        "stated"
      ]
    },
    "mistakes": mistakesSchema("A known wrong design, recognised by behaviour.", {
      "diagnostic": {
        "type": "string",
        "description": "Name of a diagnostic of the pack module that recognises this mistake. Required except in a public pack, where it is left out so the mistake is described but not matched.",
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$"
      }
    })
  },
  "required": [
    "shapes",
    "task"
  ]
};
