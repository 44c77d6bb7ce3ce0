/**
 * Stable codes of everything the spec loader can report. Tests and tools match on these, never on
 * the prose of the message.
 */
export type SpecErrorCode =
  // reading and parsing
  | 'FILE_UNREADABLE'
  | 'YAML_SYNTAX'
  | 'YAML_DUPLICATE_KEY'
  | 'YAML_WARNING'
  // JSON Schema (ajv)
  | 'SCHEMA_REQUIRED'
  | 'SCHEMA_TYPE'
  | 'SCHEMA_ADDITIONAL_PROPERTY'
  | 'SCHEMA_ENUM'
  | 'SCHEMA_FORMAT'
  | 'SCHEMA_PATTERN'
  | 'SCHEMA_RANGE'
  | 'SCHEMA_SIZE'
  | 'SCHEMA_UNIQUE'
  | 'SCHEMA_INVALID'
  // the pack's module
  | 'PACK_MODULE_UNLOADABLE'
  // semantic rules
  | 'QUESTION_FILE_MISSING'
  | 'DUPLICATE_QUESTION_ID'
  | 'DUPLICATE_PART_ID'
  | 'DUPLICATE_MISTAKE_ID'
  | 'PART_ID_PREFIX'
  | 'UNKNOWN_SOLVER'
  | 'POINTS_TOTAL_MISMATCH'
  | 'CHOICE_EXPECTED_NOT_AN_OPTION'
  | 'CHOICE_MISTAKE_NOT_AN_OPTION'
  | 'CHOICE_MISTAKE_IS_EXPECTED'
  | 'FORMULA_UNPARSABLE'
  | 'FORMULA_UNDECLARED_VARIABLE'
  | 'FORMULA_UNKNOWN_FUNCTION'
  | 'FORMULA_UNUSED_VARIABLE'
  | 'BAD_DOMAIN'
  | 'BAD_DIM'
  | 'UNKNOWN_DIM'
  | 'GENERATOR_MISMATCH'
  | 'VECTOR_ARITY'
  | 'WRT_OUT_OF_RANGE'
  | 'FIRST_STEP_POINTS_EXCEED'
  | 'PARTIAL_CREDIT_NOT_APPLICABLE'
  | 'INPUTS_TOO_MANY'
  | 'CASE_ARITY'
  | 'MISTAKE_MATCHER_MISSING'
  | 'PUBLIC_PACK_HIDDEN'
  | 'SHAPE_MISMATCH'
  | 'BAD_SET'
  | 'BAD_GROWTH'
  | 'BAD_LIMIT'
  | 'UNKNOWN_PART'
  | 'BAD_PARAMS'
  | 'PARAMS_TOO_RARE'
  | 'TEMPLATE_UNKNOWN_PARAM'
  | 'PARAMS_NEED_SECRET'
  | 'GIVEN_FORWARD'
  | 'GIVEN_CYCLE'
  | 'GIVEN_NOT_A_VALUE'
  // rules that run the reference solvers
  | 'MISTAKE_EQUALS_ANSWER'
  | 'TOLERANCE_ACCEPTS_MISTAKE'
  | 'SOLVER_NOT_FINITE'
  | 'ANSWER_DISAGREES_WITH_SOLVER';

/** One problem found in a spec, located in its file. */
export interface SpecError {
  code: SpecErrorCode;
  /** Path of the file, relative to the working directory. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  col: number;
  /** Where → what is wrong (expected vs got) → how to fix. */
  message: string;
  /** The offending line and a caret under the column, each at most 80 columns wide. */
  excerpt: string;
}

const EXCERPT_WIDTH = 80;

/**
 * The source line and a caret under `col`, cut to a window of at most 80 columns around the
 * caret so that long lines (flow maps of matrices) stay readable.
 */
export function makeExcerpt(lineText: string, col: number): string {
  const text = lineText.replace(/\t/g, ' ').replace(/\r$/, '');
  if (text.length === 0) return '';
  let start = 0;
  let caret = Math.max(0, col - 1);
  let shown = text;
  if (text.length > EXCERPT_WIDTH) {
    start = Math.max(0, Math.min(caret - 20, text.length - EXCERPT_WIDTH));
    shown = text.slice(start, start + EXCERPT_WIDTH);
    // Mark the cut ends so a reader does not take them for the real line boundaries.
    if (start > 0) shown = '…' + shown.slice(1);
    if (start + EXCERPT_WIDTH < text.length) shown = shown.slice(0, -1) + '…';
    caret -= start;
  }
  caret = Math.min(caret, EXCERPT_WIDTH - 1);
  return `${shown}\n${' '.repeat(caret)}^`;
}

/** `file:line:col CODE message`, then the excerpt. */
export function formatSpecError(e: SpecError): string {
  const head = `${e.file}:${e.line}:${e.col} ${e.code} ${e.message}`;
  return e.excerpt ? `${head}\n${e.excerpt}` : head;
}
