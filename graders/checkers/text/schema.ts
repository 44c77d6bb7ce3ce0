import type { KindSchema } from '../kind.ts';

/** The `text` part's fields in the question schema (the base fields id, kind, points, prompt, visibility are added by the assembler). */
export const textSchema: KindSchema = {
  "description": "Free text, scored by hand against the rubric.",
  "kindDescription": "Free text.",
  "properties": {
    "rubric": {
      "description": "What a TA looks for when scoring the answer by hand: a text, or a list of items with points that the review page ticks (`dlgrade review --serve`).",
      "oneOf": [
        {
          "type": "string",
          "description": "What to look for, in words.",
          "minLength": 1
        },
        {
          "type": "array",
          "description": "Rubric items: the score is the sum of the ticked items' points and a free adjustment, kept within 0 and the part's points.",
          "minItems": 1,
          "items": {
            "$ref": "#/definitions/rubricItem"
          }
        }
      ]
    }
  },
  "required": [
    "rubric"
  ],
  "definitions": {
    "rubricItem": {
      "type": "object",
      "description": "One rubric item of a free-text part, ticked by a TA on the review page.",
      "additionalProperties": false,
      "properties": {
        "text": {
          "type": "string",
          "description": "What earns (or, with negative points, costs) the item's points; `$...$` marks math.",
          "minLength": 1
        },
        "points": {
          "type": "number",
          "description": "Points the item adds when ticked; negative for a deduction."
        }
      },
      "required": [
        "text",
        "points"
      ]
    }
  }
};
