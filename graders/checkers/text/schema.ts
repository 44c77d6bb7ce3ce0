import type { KindSchema } from '../kind.ts';

/** The `text` part's fields in the question schema (the base fields id, kind, points, prompt, visibility are added by the assembler). */
export const textSchema: KindSchema = {
  "description": "Free text, scored by hand against the rubric.",
  "kindDescription": "Free text.",
  "properties": {
    "rubric": {
      "type": "string",
      "description": "What a TA looks for when scoring the answer by hand.",
      "minLength": 1
    }
  },
  "required": [
    "rubric"
  ]
};
