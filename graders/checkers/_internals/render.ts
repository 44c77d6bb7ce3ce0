import { stringify } from 'yaml';

/** The student's answer as text for reports: strings verbatim, anything else as one-line YAML. */
export function renderAnswer(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatPlain(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  try {
    return stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trim();
  } catch {
    return String(value);
  }
}

/** Multi-line YAML for answers a person reads in full (text parts). */
export function renderBlock(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return stringify(value, { lineWidth: 0 }).trimEnd();
  } catch {
    return String(value);
  }
}

/** What kind of value was found, for "expected X, found Y" messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (an empty value)';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return `the number ${formatPlain(value)}`;
  }
  if (typeof value === 'bigint') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list (${renderAnswer(value)})`;
  if (typeof value === 'object') return `a map (${renderAnswer(value)})`;
  return `a value of type ${typeof value}`;
}

function formatPlain(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return String(x);
}

/**
 * A short decimal rendering for people: up to `digits` significant digits, with a trailing
 * ellipsis when the value was rounded.
 */
export function formatNumber(x: number, digits = 6): string {
  if (!Number.isFinite(x)) return formatPlain(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const short = Number(x.toPrecision(digits));
  return short === x ? String(short) : `${String(short)}…`;
}

/**
 * Renders two numbers that differ so that the rendering shows the difference: more digits are
 * used until the two texts differ (or full precision is reached).
 */
export function formatPair(a: number, b: number): [string, string] {
  for (let digits = 6; digits <= 17; digits++) {
    const fa = formatNumber(a, digits);
    const fb = formatNumber(b, digits);
    if (fa !== fb || digits === 17) return [fa, fb];
  }
  return [formatNumber(a), formatNumber(b)];
}

/** "1 point", "2.5 points". */
export function pointsText(points: number): string {
  return `${formatNumber(points)} ${points === 1 ? 'point' : 'points'}`;
}

/** "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
