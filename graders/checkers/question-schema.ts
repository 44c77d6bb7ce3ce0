/**
 * The question schema (specs/schema/question.schema.json), assembled from the kinds' fragments.
 *
 * Why a file assembled from fragments and not the fragments alone: editors (the YAML language
 * server) and the bundled validators read one plain JSON Schema file, while a kind's fields belong
 * with the kind. So each kind brings its fragment, this module puts them together with the fields
 * every part has, and a test proves the file is exactly what it assembles; `npx tsx
 * graders/checkers/question-schema.ts --write` rewrites the file after a kind changes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { JsonSchema } from './kind.ts';
import { KINDS, PART_KINDS } from './kinds.ts';
import { SHARED_DEFINITIONS } from './_internals/schema-shared.ts';

/** The fields every part has, whatever its kind. */
const BASE_PROPERTIES: Record<string, JsonSchema> = {
  "id": {
    "type": "string",
    "description": "Full part id, `<question id>.<sub-question>.<name>`, e.g. `q1.2.layer_params`; the answers file nests it as `q1.2: { layer_params: ... }`.",
    "pattern": "^[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)+$"
  },
  "points": {
    "type": "number",
    "description": "Points of the part (its maximum score).",
    "exclusiveMinimum": 0
  },
  "prompt": {
    "type": "string",
    "description": "One-line statement of what is asked, shown in feedback.",
    "minLength": 1
  },
  "visibility": {
    "type": "string",
    "description": "Whether the part's result reaches the student's own CI run (default `visible`).",
    "enum": [
      "visible",
      "hidden"
    ],
    "default": "visible"
  },
  "given": {
    "type": "array",
    "description": "Earlier parts (ids) this part builds on: its reference is re-run on the student's own answers to them, so an answer consistent with a wrong earlier answer earns `follow_through_credit`. The solver receives their values as `given` of its last argument.",
    "items": { "type": "string", "pattern": "^[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)+$" },
    "minItems": 1,
    "uniqueItems": true
  },
  "follow_through_credit": {
    "type": "number",
    "description": "Share of the points an answer consistent with the student's own wrong earlier answers earns (default 1).",
    "minimum": 0,
    "maximum": 1
  }
};

const BASE_REQUIRED = ['id', 'kind', 'points', 'prompt'];

const QUESTION: JsonSchema = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://dlgrade.local/schema/question.schema.json",
  "title": "dlgrade question",
  "description": "One question of a course pack: its parts, each with its kind, points and how it is checked.",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "id": {
      "type": "string",
      "description": "Question id, e.g. `q1`; every part id starts with it.",
      "pattern": "^[A-Za-z][A-Za-z0-9_-]*$"
    },
    "title": {
      "type": "string",
      "description": "Title shown in reports.",
      "minLength": 1
    },
    "params": {
      "type": "object",
      "description": "A variant per student: parameters drawn from the course secret, the assignment, the question and the student. Prompts and formulas write them `{{name}}`; solvers receive them as `params` of their last argument.",
      "propertyNames": { "pattern": "^[A-Za-z][A-Za-z0-9_]*$" },
      "minProperties": 1,
      "additionalProperties": { "$ref": "#/definitions/param" }
    },
    "where": {
      "type": "array",
      "description": "Conditions every student's parameters meet (`a < b`, `isint((n - k) / s)`), met by drawing again.",
      "items": { "type": "string", "minLength": 1 }
    },
    "parts": {
      "type": "array",
      "description": "The parts, in the order they are reported.",
      "minItems": 1,
      "items": {
        "$ref": "#/definitions/part"
      }
    }
  },
  "required": [
    "id",
    "title",
    "parts"
  ]
};

/** One parameter of a variant: an integer range, a real range on a decimal grid, or a choice. */
const PARAM: JsonSchema = {
  "description": "A parameter drawn per student.",
  "oneOf": [
    { "type": "object", "additionalProperties": false, "required": ["type", "min", "max"], "description": "A whole number from min to max.", "properties": { "type": { "const": "integer", "description": "A whole number." }, "min": { "type": "integer", "description": "The least value." }, "max": { "type": "integer", "description": "The greatest value." }, "step": { "type": "integer", "minimum": 1, "description": "Only min, min + step, ... (default 1)." } } },
    { "type": "object", "additionalProperties": false, "required": ["type", "min", "max"], "description": "A real number from min to max, on a grid of decimals.", "properties": { "type": { "const": "real", "description": "A real number." }, "min": { "type": "number", "description": "The least value." }, "max": { "type": "number", "description": "The greatest value." }, "decimals": { "type": "integer", "minimum": 0, "maximum": 12, "description": "Decimals drawn (default 2)." } } },
    { "type": "object", "additionalProperties": false, "required": ["type", "options"], "description": "One of the options.", "properties": { "type": { "const": "choice", "description": "One of a list." }, "options": { "type": "array", "description": "The options, drawn with equal chance.", "minItems": 1, "items": { "anyOf": [{ "type": "string" }, { "type": "number" }] } } } }
  ]
};

/** The whole question schema, as the file holds it. */
export function questionSchema(): JsonSchema {
  const definitions: Record<string, JsonSchema> = {
    part: {
      description: "One graded part; `kind` selects which fields apply.",
      type: 'object',
      discriminator: { propertyName: 'kind' },
      properties: { kind: { type: 'string', description: "Answer kind: how the part is answered and checked.", enum: [...PART_KINDS] } },
      required: ['kind'],
      oneOf: PART_KINDS.map((k) => ({ $ref: `#/definitions/${definitionName(k)}` })),
    },
  };
  for (const k of PART_KINDS) {
    const { schema } = KINDS[k];
    const [id, points, prompt, visibility, given, followThrough] = ['id', 'points', 'prompt', 'visibility', 'given', 'follow_through_credit'].map((n) => BASE_PROPERTIES[n]!);
    definitions[definitionName(k)] = {
      type: 'object',
      description: schema.description,
      additionalProperties: false,
      properties: { id, points, prompt, visibility, given, follow_through_credit: followThrough, kind: { const: k, description: schema.kindDescription }, ...schema.properties },
      required: [...BASE_REQUIRED, ...schema.required],
    };
    Object.assign(definitions, schema.definitions ?? {});
  }
  Object.assign(definitions, SHARED_DEFINITIONS, { param: PARAM });
  return { ...QUESTION, definitions };
}

/** `numberPart`, `matrixFormulaPart`. */
function definitionName(kind: string): string {
  return `${kind.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())}Part`;
}

/** The schema file's text: two-space JSON and a final newline. */
export function questionSchemaText(): string {
  return `${JSON.stringify(questionSchema(), null, 2)}\n`;
}

export const QUESTION_SCHEMA_FILE = fileURLToPath(new URL('../../specs/schema/question.schema.json', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  writeFileSync(QUESTION_SCHEMA_FILE, questionSchemaText());
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(readFileSync(QUESTION_SCHEMA_FILE, 'utf8') === questionSchemaText() ? 'specs/schema/question.schema.json is up to date\n' : 'specs/schema/question.schema.json differs from the kinds; run with --write\n');
}
