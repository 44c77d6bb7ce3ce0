/** Definitions several kinds' schema fragments refer to (`#/definitions/<name>`): formula domains, code dims and generators. */
export const SHARED_DEFINITIONS: Readonly<Record<string, Record<string, unknown>>> = {
  "domain": {
    "type": "object",
    "description": "Domain a formula variable is drawn from.",
    "additionalProperties": false,
    "properties": {
      "type": {
        "type": "string",
        "description": "`integer` draws integers in [min, max]; `real` draws doubles.",
        "enum": [
          "integer",
          "real"
        ]
      },
      "min": {
        "type": "number",
        "description": "Lower bound (inclusive)."
      },
      "max": {
        "type": "number",
        "description": "Upper bound (inclusive)."
      }
    },
    "required": [
      "type",
      "min",
      "max"
    ]
  },
  "dim": {
    "type": "object",
    "description": "A size: an integer drawn in [min, max], or `times: [dim, k]`, k times another dim (one form or the other).",
    "additionalProperties": false,
    "properties": {
      "min": {
        "type": "integer",
        "description": "Smallest size.",
        "minimum": 0
      },
      "max": {
        "type": "integer",
        "description": "Largest size.",
        "minimum": 0
      },
      "times": {
        "type": "array",
        "description": "`[dim, k]`: k times the named dim.",
        "items": [
          {
            "type": "string",
            "description": "The dim multiplied.",
            "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
          },
          {
            "type": "integer",
            "description": "The factor.",
            "minimum": 1
          }
        ],
        "minItems": 2,
        "additionalItems": false
      }
    }
  },
  "generator": {
    "description": "How one argument is generated; `type` selects which fields apply.",
    "type": "object",
    "discriminator": {
      "propertyName": "type"
    },
    "properties": {
      "type": {
        "type": "string",
        "description": "Generator type.",
        "enum": [
          "number",
          "integer",
          "vector",
          "matrix",
          "index",
          "indices",
          "vectors",
          "record"
        ]
      }
    },
    "required": [
      "type"
    ],
    "oneOf": [
      {
        "$ref": "#/definitions/numberGen"
      },
      {
        "$ref": "#/definitions/integerGen"
      },
      {
        "$ref": "#/definitions/vectorGen"
      },
      {
        "$ref": "#/definitions/matrixGen"
      },
      {
        "$ref": "#/definitions/indexGen"
      },
      {
        "$ref": "#/definitions/indicesGen"
      },
      {
        "$ref": "#/definitions/vectorsGen"
      },
      {
        "$ref": "#/definitions/recordGen"
      }
    ]
  },
  "numberGen": {
    "type": "object",
    "description": "A real number drawn in [min, max].",
    "additionalProperties": false,
    "properties": {
      "type": {
        "const": "number",
        "description": "Generator type."
      },
      "min": {
        "type": "number",
        "description": "Lower bound (inclusive)."
      },
      "max": {
        "type": "number",
        "description": "Upper bound (inclusive)."
      }
    },
    "required": [
      "type",
      "min",
      "max"
    ]
  },
  "integerGen": {
    "type": "object",
    "description": "An integer drawn in [min, max].",
    "additionalProperties": false,
    "properties": {
      "type": {
        "const": "integer",
        "description": "Generator type."
      },
      "min": {
        "type": "number",
        "description": "Lower bound (inclusive)."
      },
      "max": {
        "type": "number",
        "description": "Upper bound (inclusive)."
      }
    },
    "required": [
      "type",
      "min",
      "max"
    ]
  },
  "vectorGen": {
    "type": "object",
    "description": "A vector of `length` entries drawn in [min, max].",
    "additionalProperties": false,
    "properties": {
      "type": {
        "const": "vector",
        "description": "Generator type."
      },
      "length": {
        "type": "string",
        "description": "Dim giving the number of entries.",
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
      },
      "min": {
        "type": "number",
        "description": "Lower bound (inclusive)."
      },
      "max": {
        "type": "number",
        "description": "Upper bound (inclusive)."
      }
    },
    "required": [
      "type",
      "length",
      "min",
      "max"
    ]
  },
  "matrixGen": {
    "type": "object",
    "description": "A `rows` x `cols` matrix of entries drawn in [min, max].",
    "additionalProperties": false,
    "properties": {
      "type": {
        "const": "matrix",
        "description": "Generator type."
      },
      "rows": {
        "type": "string",
        "description": "Dim giving the number of rows.",
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
      },
      "cols": {
        "type": "string",
        "description": "Dim giving the number of columns.",
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
      },
      "min": {
        "type": "number",
        "description": "Lower bound (inclusive)."
      },
      "max": {
        "type": "number",
        "description": "Upper bound (inclusive)."
      }
    },
    "required": [
      "type",
      "rows",
      "cols",
      "min",
      "max"
    ]
  },
  "indexGen": {
    "type": "object",
    "description": "One index in [0, dim).",
    "additionalProperties": false,
    "properties": {
      "type": {
        "const": "index",
        "description": "Generator type."
      },
      "dim": {
        "type": "string",
        "description": "Dim bounding the index (exclusive).",
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
      }
    },
    "required": [
      "type",
      "dim"
    ]
  },
  "indicesGen": {
    "type": "object",
    "description": "`count` indices in [0, dim), repeats allowed.",
    "additionalProperties": false,
    "properties": {
      "type": {
        "const": "indices",
        "description": "Generator type."
      },
      "count": {
        "type": "string",
        "description": "Dim giving the number of indices.",
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
      },
      "dim": {
        "type": "string",
        "description": "Dim bounding each index (exclusive).",
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
      }
    },
    "required": [
      "type",
      "count",
      "dim"
    ]
  },
  "vectorsGen": {
    "type": "object",
    "description": "`count` vectors, each of its own random length in [1, max_length], entries in [min, max].",
    "additionalProperties": false,
    "properties": {
      "type": {
        "const": "vectors",
        "description": "Generator type."
      },
      "count": {
        "type": "string",
        "description": "Dim giving the number of vectors.",
        "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
      },
      "max_length": {
        "type": "integer",
        "description": "Longest vector.",
        "minimum": 1
      },
      "min": {
        "type": "number",
        "description": "Lower bound (inclusive)."
      },
      "max": {
        "type": "number",
        "description": "Upper bound (inclusive)."
      }
    },
    "required": [
      "type",
      "count",
      "max_length",
      "min",
      "max"
    ]
  },
  "recordGen": {
    "type": "object",
    "description": "A record of generated fields (e.g. the LSTM parameters `{ Wx, Wh, b }`).",
    "additionalProperties": false,
    "properties": {
      "type": {
        "const": "record",
        "description": "Generator type."
      },
      "fields": {
        "type": "object",
        "description": "Generator of each field.",
        "minProperties": 1,
        "propertyNames": {
          "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
        },
        "additionalProperties": {
          "$ref": "#/definitions/generator"
        }
      }
    },
    "required": [
      "type",
      "fields"
    ]
  }
};

/** A name of the pack module's tables, e.g. `topic.solverName`. */
export const PACK_NAME = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+$' } as const;

/** The `mistakes` list of a kind whose known mistakes are recognised by `matcher`. */
export function mistakesSchema(what: string, matcher: Record<string, Record<string, unknown>>): Record<string, unknown> {
  return {
    type: 'array',
    description: 'Known wrong answers, matched before generic failure so the student gets targeted feedback (default: none).',
    items: {
      type: 'object',
      description: what,
      additionalProperties: false,
      properties: {
        id: { type: 'string', description: 'Stable identifier of the mistake, unique within the part (used in reports and self-tests).', pattern: '^[a-z0-9][a-z0-9_-]*$' },
        ...matcher,
        feedback: { type: 'string', description: 'What the student is told when the answer matches this mistake.', minLength: 1 },
        credit: { type: 'number', description: "Fraction of the part's points awarded when this mistake is matched (default 0).", minimum: 0, maximum: 1, default: 0 },
      },
      required: ['id', 'feedback'],
    },
  };
}

/** The solver field of a kind: required in a course pack, left out of a public copy. */
export function solverSchema(description: string): Record<string, unknown> {
  return { ...PACK_NAME, description: `${description} Required except in a public copy, which holds no pack code.` };
}

/** The inputs of a part that calls the student's function (code, gradient): its name, its arguments, their sizes, generators and fixed vectors. */
export const CODE_INPUT_PROPERTIES: Record<string, Record<string, unknown>> = {
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
  }
};
