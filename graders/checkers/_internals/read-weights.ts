import { readNumber } from './read-number.ts';
import { describeValue, listText } from './render.ts';

export type WeightValue = number | number[] | number[][];
export type ReadWeights = { ok: true; weights: Record<string, WeightValue> } | { ok: false; problems: string[] };

/** "a number", "a vector of 2 numbers", "a 2x2 matrix". */
export function shapeText(shape: readonly number[]): string {
  if (shape.length === 0) return 'a number';
  if (shape.length === 1) return `a vector of ${shape[0]} numbers`;
  return `a ${shape.join('x')} matrix`;
}

/**
 * Reads the parameters of a weights answer: a map with exactly the names of `shapes`, each a
 * finite number, vector or matrix of its shape. Numbers written as text ("-1.5") are accepted.
 */
export function readWeights(answer: unknown, shapes: Readonly<Record<string, readonly number[]>>): ReadWeights {
  const names = Object.keys(shapes);
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
    return { ok: false, problems: [`expected a map of the parameters ${names.join(', ')}, found ${describeValue(answer)}`] };
  }
  const given = answer as Record<string, unknown>;
  const problems: string[] = [];
  const missing = names.filter((n) => !Object.hasOwn(given, n));
  const extra = Object.keys(given).filter((n) => !Object.hasOwn(shapes, n));
  if (missing.length > 0) problems.push(`missing ${missing.length === 1 ? 'parameter' : 'parameters'} ${listText(missing)}`);
  if (extra.length > 0) {
    const shown = extra.slice(0, MAX_PROBLEMS).map((n) => (n.length > 40 ? `${n.slice(0, 37)}…` : n));
    if (extra.length > shown.length) shown.push(`${extra.length - shown.length} more`);
    problems.push(`unexpected ${extra.length === 1 ? 'parameter' : 'parameters'} ${listText(shown)} (the parameters are ${names.join(', ')})`);
  }

  const weights: Record<string, WeightValue> = {};
  for (const name of names) {
    if (!Object.hasOwn(given, name)) continue;
    const value = readShaped(name, given[name], shapes[name] ?? [], problems);
    if (value !== undefined) weights[name] = value;
  }
  return problems.length > 0 ? { ok: false, problems: capProblems(problems) } : { ok: true, weights };
}

/** Problems listed one by one; a matrix of thousands of bad entries is counted, not listed. */
const MAX_PROBLEMS = 10;

function capProblems(problems: string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more problems of the same answer`];
}

function readShaped(name: string, value: unknown, shape: readonly number[], problems: string[]): WeightValue | undefined {
  if (shape.length === 0) return readEntry(name, value, problems);
  const found = foundShape(value);
  if (found?.key !== shape.join('x')) {
    problems.push(`${name}: expected ${shapeText(shape)}, found ${found?.text ?? describeValue(value)}`);
    return undefined;
  }
  if (shape.length === 1) {
    const entries = (value as unknown[]).map((v, i) => readEntry(`${name}[${i}]`, v, problems));
    return entries.every((e) => e !== undefined) ? (entries as number[]) : undefined;
  }
  const rows = (value as unknown[][]).map((row, i) => row.map((v, j) => readEntry(`${name}[${i}][${j}]`, v, problems)));
  return rows.every((row) => row.every((e) => e !== undefined)) ? (rows as number[][]) : undefined;
}

/**
 * The shape of a list (key "3") or of a list of equal rows (key "3x3", shown as "3x3" as in
 * "expected a 2x2 matrix, found 3x3"); undefined when the value is not a list.
 */
function foundShape(value: unknown): { key: string; text: string } | undefined {
  if (!Array.isArray(value)) return undefined;
  if (value.length > 0 && value.every(Array.isArray)) {
    const lengths = value.map((row: unknown[]) => row.length);
    const first = lengths[0] ?? 0;
    if (lengths.every((n) => n === first)) return { key: `${value.length}x${first}`, text: `${value.length}x${first}` };
    return { key: 'ragged', text: `rows of different lengths (${lengths.join(', ')})` };
  }
  if (value.some(Array.isArray)) return { key: 'mixed', text: 'a list mixing numbers and rows' };
  const count = value.length;
  return { key: String(count), text: count === 0 ? 'an empty list' : `a list of ${count} ${count === 1 ? 'value' : 'values'}` };
}

function readEntry(where: string, value: unknown, problems: string[]): number | undefined {
  const read = readNumber(value, undefined);
  if (read.ok) return read.value;
  problems.push(`${where}: expected a finite number, found ${describeValue(value)}`);
  return undefined;
}
