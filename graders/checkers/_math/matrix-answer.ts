/**
 * Numeric vectors and matrices as answers, compared entry by entry.
 *
 * Why per entry, with the wrong entries named: a student who gets one entry of a 3×3 gradient
 * wrong has made one mistake, not nine, and needs to know which; so each entry is judged on its
 * own tolerance, the feedback lists the first few wrong ones with both values, and when the spec
 * asks for it the score is the fraction of right entries. A wrong shape is not a wrong value:
 * it is `invalid`, with the shape expected and the shape found.
 *
 * Students write matrices as YAML lists (`[[1, 2], [3, 4]]`, or a block list of rows), as text
 * in the same form, or MATLAB-style (`[1 2; 3 4]`); entries may be fractions such as `1/3`.
 */
import { parse as parseYaml } from 'yaml';
import { formatPair } from '../_internals/render.ts';
import { readNumber } from '../_internals/read-number.ts';
import { describeValue } from '../_internals/render.ts';
import { tensor, type Tensor } from './tensor-ops.ts';

export interface EntryTolerance {
  /** |got − want| ≤ absolute + relative·|want| (defaults 0 and 1e-6). */
  absolute?: number;
  relative?: number;
}

export interface MatrixAnswerOptions {
  /** [] for a number, [n] for a vector, [rows, cols] for a matrix. */
  shape: readonly number[];
  tolerance?: EntryTolerance;
  /** Score the fraction of entries within tolerance (else all or nothing). */
  partial?: boolean;
}

export type MatrixRead = { ok: true; value: Tensor } | { ok: false; problem: string };

export interface MatrixGrade {
  status: 'passed' | 'partial' | 'failed' | 'invalid';
  /** In [0, 1]. */
  fraction: number;
  right: number;
  total: number;
  wrong: { entry: string; got: string; want: string }[];
  feedback: string;
}

const MAX_ENTRIES = 10_000;

/** Reads a student's vector or matrix of the expected shape. Never throws. */
export function readMatrixAnswer(answer: unknown, shape: readonly number[]): MatrixRead {
  let value = answer;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.length > 200_000) return { ok: false, problem: `the answer is ${text.length} characters long; at most 200000 are read` };
    const matlab = /^\[?[^[\]]*;[^[\]]*\]?$/.test(text) || (shape.length === 2 && /^\[[^[\]]*\]$/.test(text) && !text.includes(','));
    if (matlab) value = text.replace(/^\[|\]$/g, '').split(';').map((row) => row.trim().split(/[\s,]+/).filter((x) => x !== ''));
    else if (shape.length > 0) {
      try {
        // yaml prints its warnings (an unknown tag such as `!w [1, 2]`) on the grader's stderr, with
        // the student's text; the answer is read the same either way.
        value = parseYaml(text.replace(/^\((.*)\)$/s, '[$1]').replace(/\u2212/g, '-'), { logLevel: 'error' });
      } catch {
        return { ok: false, problem: `could not read ${JSON.stringify(clip(text))} as ${shapeName(shape)}: write it as ${example(shape)}` };
      }
    }
  }
  const want = shape.length === 0 ? [1, 1] : shape.length === 1 ? [shape[0]!, 1] : [shape[0]!, shape[1]!];
  const [rows, cols] = want as [number, number];
  if (shape.length === 0) {
    const n = readNumber(value, undefined);
    return n.ok ? { ok: true, value: tensor(1, 1, [n.value]) } : { ok: false, problem: n.problem };
  }
  if (!Array.isArray(value)) return { ok: false, problem: `expected ${shapeName(shape)}, written as ${example(shape)}; found ${describeValue(answer)}` };
  const nested = shape.length === 2 || value.some(Array.isArray);
  const found = nested ? value.map((r) => (Array.isArray(r) ? r : [r])) : value.map((v) => [v]);
  if (shape.length === 1 && nested && found.every((r) => r.length === 1)) {
    // A vector written as a column of one-entry rows is the same vector.
  } else if (shape.length === 1 && nested) {
    return { ok: false, problem: `expected ${shapeName(shape)}, found a matrix of ${found.length} rows` };
  }
  if (found.length !== rows) return { ok: false, problem: `expected ${shapeName(shape)}, found ${found.length} ${shape.length === 1 ? 'entries' : 'rows'}` };
  if (rows * cols > MAX_ENTRIES) return { ok: false, problem: `the answer has more than ${MAX_ENTRIES} entries` };
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = found[i]!;
    if (row.length !== cols) return { ok: false, problem: `expected ${shapeName(shape)}, but row ${i + 1} has ${row.length} ${row.length === 1 ? 'entry' : 'entries'}` };
    for (let j = 0; j < cols; j++) {
      const n = readNumber(typeof row[j] === 'string' ? (row[j] as string).trim() : row[j], undefined);
      if (!n.ok) return { ok: false, problem: `entry ${entryName(shape, i, j)}: ${n.problem}` };
      data[i * cols + j] = n.value;
    }
  }
  return { ok: true, value: tensor(rows, cols, data) };
}

/** Compares each entry with its tolerance; the score is all or nothing unless `partial`. */
export function gradeMatrixAnswer(answer: unknown, expected: Tensor, options: MatrixAnswerOptions): MatrixGrade {
  const read = readMatrixAnswer(answer, options.shape);
  const total = expected.data.length;
  if (!read.ok) return { status: 'invalid', fraction: 0, right: 0, total, wrong: [], feedback: `${capitalize(read.problem)}.` };
  const abs = options.tolerance?.absolute ?? 0;
  const rel = options.tolerance?.relative ?? 1e-6;
  const wrong: MatrixGrade['wrong'] = [];
  let right = 0;
  for (let k = 0; k < total; k++) {
    const got = read.value.data[k]!;
    const want = expected.data[k]!;
    // The slack keeps decimals that are equal on paper (2.1 − 2 = 0.10000000000000009) equal.
    if (Math.abs(got - want) <= abs + rel * Math.abs(want) + 1e-12 * Math.max(1, Math.abs(want))) right++;
    else {
      const [g, w] = formatPair(got, want);
      wrong.push({ entry: entryName(options.shape, Math.floor(k / expected.cols), k % expected.cols), got: g, want: w });
    }
  }
  if (right === total) return { status: 'passed', fraction: 1, right, total, wrong, feedback: `Correct: all ${total} entries agree.` };
  const fraction = options.partial ? right / total : 0;
  const listed = wrong.slice(0, 3).map((w) => `entry ${w.entry} is ${w.got}, expected ${w.want}`).join('; ');
  const more = wrong.length > 3 ? `; and ${wrong.length - 3} more` : '';
  const credit = options.partial ? ` (${right} of ${total} right)` : '';
  return { status: fraction > 0 ? 'partial' : 'failed', fraction, right, total, wrong, feedback: `${wrong.length} of ${total} entries are wrong${credit}: ${listed}${more}.` };
}

function entryName(shape: readonly number[], i: number, j: number): string {
  return shape.length <= 1 ? `${i + 1}` : `(${i + 1}, ${j + 1})`;
}

function shapeName(shape: readonly number[]): string {
  if (shape.length === 0) return 'a number';
  if (shape.length === 1) return `a vector of ${shape[0]} numbers`;
  return `a ${shape[0]}×${shape[1]} matrix (${shape[0]} rows of ${shape[1]} numbers)`;
}

function example(shape: readonly number[]): string {
  if (shape.length === 1) return `[${Array.from({ length: Math.min(3, shape[0]!) }, (_, k) => k + 1).join(', ')}${shape[0]! > 3 ? ', ...' : ''}]`;
  return `[[1, 2, ...], [3, 4, ...], ...] (one list per row)`;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
