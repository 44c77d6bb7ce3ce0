import { stringify } from 'yaml';

/**
 * Lists and maps nested deeper than this are not an answer to anything in a pack: they are not
 * rendered (rendering recurses) and a checker calls them invalid, saying so.
 */
export const MAX_VALUE_DEPTH = 32;
/** Longest rendering of a non-text answer in a report; each report repeats it several times. */
export const MAX_RENDERED_CHARS = 2000;
/** Longest free-text answer shown in full (an essay is a few thousand characters). */
export const MAX_TEXT_CHARS = 20_000;

/**
 * How deeply lists and maps nest in `value` (a scalar is 0), counted with an explicit stack, so a
 * value of any depth is measured without overflowing; counting stops past `limit`.
 */
export function nestingDepth(value: unknown, limit = MAX_VALUE_DEPTH): number {
  let deepest = 0;
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const here = depth + 1;
    deepest = Math.max(deepest, here);
    if (here > limit) return here;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push({ v: child, depth: here });
    }
  }
  return deepest;
}

/** Why a value cannot be read as an answer because of its nesting, or undefined. */
export function tooDeepProblem(value: unknown): string | undefined {
  return nestingDepth(value) > MAX_VALUE_DEPTH ? `a value nested more than ${MAX_VALUE_DEPTH} levels deep (not shown)` : undefined;
}

/** `text` cut to `max` characters, saying how much was left out. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters not shown)`;
}

/** The student's answer as text for reports: strings verbatim, anything else as one-line YAML. */
export function renderAnswer(value: unknown): string {
  if (typeof value === 'string') return capText(value, MAX_TEXT_CHARS);
  if (typeof value === 'number') return formatPlain(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  const deep = tooDeepProblem(value);
  if (deep) return deep;
  try {
    return capText(stringify(value, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trim(), MAX_RENDERED_CHARS);
  } catch {
    return `a value of type ${typeof value}`;
  }
}

/** Multi-line YAML for answers a person reads in full (text parts). */
export function renderBlock(value: unknown): string {
  if (typeof value === 'string') return capText(value, MAX_TEXT_CHARS);
  const deep = tooDeepProblem(value);
  if (deep) return deep;
  try {
    return capText(stringify(value, { lineWidth: 0 }).trimEnd(), MAX_RENDERED_CHARS);
  } catch {
    return `a value of type ${typeof value}`;
  }
}

/** A short excerpt of a value for messages ("found a list ([1, 2, …])"). */
function excerpt(value: unknown): string {
  const text = renderAnswer(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** What kind of value was found, for "expected X, found Y" messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (an empty value)';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}…` : value)}`;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return `the number ${formatPlain(value)}`;
  }
  if (typeof value === 'bigint') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list (${excerpt(value)})`;
  if (typeof value === 'object') return `a map (${excerpt(value)})`;
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
