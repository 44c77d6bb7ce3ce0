/**
 * Sets of numbers as answers: finite sets `{2, 3}`, intervals `[0.5, inf)`, unions
 * `(0, 1] ∪ [2, 3)`, and conditions `n >= 2 and n integer`, `0 < x <= 1 or x > 5`, compared as
 * sets over the part's domain.
 *
 * Why two representations: on a real domain the answer is an interval union, and two unions are
 * compared exactly, endpoint by endpoint, with whether each end is included (a student's `[0, 1)`
 * is not `[0, 1]`, however many random points agree). A condition is turned into a union first:
 * its truth value is scanned over a grid of the domain, each change is narrowed by bisection to
 * the boundary, snapped to the short decimal it is (2, 0.5, 1/3 to 12 digits), and the
 * condition is evaluated on the boundary itself to know whether it is included; numbers written
 * in the condition are tried as boundaries too, so `x != 3` finds its hole. On an integer domain
 * nothing needs to be exact in that way: membership is checked at every integer of the domain
 * when there are at most {@link ENUMERATION_LIMIT}, else at every integer of a window around
 * zero and around every boundary.
 *
 * Parsing is a small recursive-descent over union/intersection of terms (bounded by the typed
 * formula reader's nesting limit for conditions); numbers inside sets are read by the formula
 * reader too, so `{1/2, sqrt(2)}` and `[−1, π]` work.
 */
import { parse } from './math-parse.ts';
import { MAX_NESTING, readTypedFormula } from './typed-formula.ts';
import { compileScalar, scalarEvaluator } from './scalar-program.ts';
import { formatNumber } from '../_internals/render.ts';

export const ENUMERATION_LIMIT = 100_000;

export interface SetDomain {
  /** The name conditions use (n, x). */
  variable: string;
  type: 'integer' | 'real';
  /** May be infinite. */
  min: number;
  max: number;
}

export interface Interval {
  lo: number;
  hi: number;
  loIn: boolean;
  hiIn: boolean;
}

/** A set as read: a union of intervals, or a membership test (conditions on integers). */
export interface NumberSet {
  has: (x: number) => boolean;
  /** The exact union, when known (always for real domains). */
  intervals?: Interval[];
  /** Numbers where membership may change. */
  breaks: number[];
}

export type SetRead = { ok: true; set: NumberSet } | { ok: false; problem: string };

export type SetComparison = { equal: true } | { equal: false; witness: number; inStudent: boolean };

const INF_WORDS = /^(\+?inf(inity)?|\+?∞|oo)$/i;
const NEG_INF_WORDS = /^(-inf(inity)?|-∞|-oo)$/i;

/** Reads a set answer over the domain. Never throws. */
export function readSet(text: string, domain: SetDomain): SetRead {
  const source = text.replace(/[−–]/g, '-').trim();
  if (source.length > 10_000) return { ok: false, problem: `the answer is ${source.length} characters long; at most 10000 are read` };
  if (source === '') return { ok: false, problem: 'the set is empty text: write {} for the empty set' };
  // Grouping recurses once per level: bound it before reading.
  let depth = 0;
  for (const c of source) {
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    if (depth > MAX_NESTING) return { ok: false, problem: `the set nests brackets more than ${MAX_NESTING} deep` };
  }
  try {
    const v = new RegExp(`(^|[^A-Za-z0-9_])${escape(domain.variable)}([^A-Za-z0-9_]|$)`);
    const builder = /^\{\s*([A-Za-z]\w*)\s*(?::|\||∈\s*[ℝℤRZ]\s*:)\s*(.*)\}$/s.exec(source);
    if (builder) {
      if (builder[1] !== domain.variable) return { ok: false, problem: `the set is written in ${builder[1]}, but the variable of this part is ${domain.variable}` };
      return condition(builder[2]!, domain);
    }
    if (v.test(source)) return condition(source, domain);
    return setExpression(source, domain);
  } catch (error) {
    return { ok: false, problem: `could not read the set ${JSON.stringify(clip(source))}: ${(error as Error).message}` };
  }
}

/**
 * Equality as sets over the domain, with a number in one set and not the other when they differ.
 * Ends closer than 1e-9 (relative) are the same end: each set is asked about its own end there,
 * so a boundary found by bisection (√2 to the last bit) matches the one written as sqrt(2).
 */
export function compareSets(student: NumberSet, reference: NumberSet, domain: SetDomain): SetComparison {
  const inDomain = (x: number) => x >= domain.min && x <= domain.max && (domain.type === 'real' || Number.isInteger(x));
  const clusters = domain.type === 'real' ? clusterBreaks(student.breaks, reference.breaks) : [];
  const near = (x: number) => clusters.find((c) => Math.abs(c.at - x) <= 1e-9 * Math.max(1, Math.abs(c.at)));
  for (const x of testPoints(domain.type === 'real' ? clusters.map((c) => c.at) : [...student.breaks, ...reference.breaks], domain)) {
    if (!inDomain(x)) continue;
    const c = near(x);
    const a = student.has(c?.student ?? x);
    if (a !== reference.has(c?.reference ?? x)) return { equal: false, witness: c ? (c.reference ?? c.student ?? x) : x, inStudent: a };
  }
  return { equal: true };
}

function clusterBreaks(student: readonly number[], reference: readonly number[]): { at: number; student?: number; reference?: number }[] {
  const all = [...student.map((x) => ({ x, who: 'student' as const })), ...reference.map((x) => ({ x, who: 'reference' as const }))]
    .filter((b) => Number.isFinite(b.x))
    .sort((a, b) => a.x - b.x);
  const out: { at: number; student?: number; reference?: number }[] = [];
  for (const b of all) {
    const last = out.at(-1);
    if (last && Math.abs(b.x - last.at) <= 1e-9 * Math.max(1, Math.abs(last.at))) {
      if (last[b.who] === undefined) last[b.who] = b.x;
    } else out.push({ at: b.x, [b.who]: b.x });
  }
  for (const c of out) c.at = c.reference ?? c.at;
  return out;
}

/** "{2, 3}", "[0.5, inf)", "(0, 1] ∪ [2, 3)", "∅". */
export function renderSet(set: NumberSet, domain: SetDomain): string {
  if (set.intervals === undefined) {
    const members = [...testPoints(set.breaks, domain)].filter((x) => x >= domain.min && x <= domain.max && set.has(x)).sort((a, b) => a - b);
    return members.length <= 12 ? `{${members.map((x) => formatNumber(x)).join(', ')}}` : `{${members.slice(0, 6).map((x) => formatNumber(x)).join(', ')}, ...}`;
  }
  if (set.intervals.length === 0) return '∅';
  return set.intervals
    .map((i) => (i.lo === i.hi ? `{${formatNumber(i.lo)}}` : `${i.loIn ? '[' : '('}${end(i.lo)}, ${end(i.hi)}${i.hiIn ? ']' : ')'}`))
    .join(' ∪ ');
}

function end(x: number): string {
  return x === Infinity ? 'inf' : x === -Infinity ? '-inf' : formatNumber(x);
}

// ---- set expressions -----------------------------------------------------------------------

function setExpression(source: string, domain: SetDomain): SetRead {
  const terms: { op: 'union' | 'intersection'; text: string }[] = [];
  let depth = 0;
  let start = 0;
  let op: 'union' | 'intersection' = 'union';
  const chars = Array.from(source);
  for (let k = 0; k <= chars.length; k++) {
    const c = chars[k];
    if (c === '[' || c === '(' || c === '{') depth++;
    else if (c === ']' || c === ')' || c === '}') depth--;
    const word = chars.slice(k, k + 9).join('');
    const sep =
      c === undefined ? 'end'
        : depth === 0 && (c === '∪' || ((c === 'U' || c === 'u') && /\s/.test(chars[k - 1] ?? '') && /\s/.test(chars[k + 1] ?? ''))) ? 'union'
        : depth === 0 && c === '∩' ? 'intersection'
        : depth === 0 && /^(or|union)\b/.test(word) && /\s/.test(chars[k - 1] ?? ' ') ? 'union-word'
        : depth === 0 && /^(and|intersect)\b/.test(word) && /\s/.test(chars[k - 1] ?? ' ') ? 'intersection-word'
        : undefined;
    if (depth < 0) return { ok: false, problem: `"${c}" at column ${k + 1} closes nothing` };
    if (sep === undefined) continue;
    terms.push({ op, text: chars.slice(start, k).join('').trim() });
    if (sep === 'end') break;
    op = sep.startsWith('union') ? 'union' : 'intersection';
    const skip = sep === 'union-word' ? (word.startsWith('or') ? 2 : 5) : sep === 'intersection-word' ? (word.startsWith('and') ? 3 : 9) : 1;
    start = k + skip;
    k = start - 1;
  }
  if (depth !== 0) return { ok: false, problem: `a bracket of ${JSON.stringify(clip(source))} is never closed` };
  let result: Interval[] | undefined;
  for (const term of terms) {
    const read = setTerm(term.text, domain);
    if (!read.ok) return read;
    result = result === undefined ? read.intervals : term.op === 'union' ? union(result, read.intervals) : intersect(result, read.intervals);
  }
  return { ok: true, set: fromIntervals(intersect(result ?? [], [domainInterval(domain)]), domain) };
}

function setTerm(text: string, domain: SetDomain): { ok: true; intervals: Interval[] } | { ok: false; problem: string } {
  if (text === '') return { ok: false, problem: 'a set is missing before or after ∪' };
  if (text === '∅' || text === '{}' || /^(empty|none)$/i.test(text)) return { ok: true, intervals: [] };
  if (/^(ℝ|R|reals?)$/.test(text)) return { ok: true, intervals: [{ lo: -Infinity, hi: Infinity, loIn: false, hiIn: false }] };
  if (/^(ℤ|Z|integers)$/.test(text)) {
    if (domain.type !== 'integer') return { ok: false, problem: `${text} (the integers) is not an interval of this part's real domain; write the set as intervals` };
    return { ok: true, intervals: [{ lo: -Infinity, hi: Infinity, loIn: false, hiIn: false }] };
  }
  if (/^(ℕ|N|naturals)$/.test(text)) return { ok: false, problem: `${text} is ambiguous (does it include 0?): write [0, inf) or [1, inf)` };
  const braces = /^\{(.*)\}$/s.exec(text);
  if (braces) {
    const items = splitTop(braces[1]!);
    const values: number[] = [];
    for (const item of items) {
      const v = numberOf(item, false);
      if (!v.ok) return { ok: false, problem: `in ${clip(text)}: ${v.problem}` };
      values.push(v.value);
    }
    return { ok: true, intervals: normalise(values.map((x) => ({ lo: x, hi: x, loIn: true, hiIn: true }))) };
  }
  const grouped = /^\((.*)\)$/s.exec(text);
  if (grouped && /[∪∩]|\s(U|or|and)\s/.test(grouped[1]!)) {
    const inner = setExpression(grouped[1]!, { ...domain, min: -Infinity, max: Infinity, type: 'real' });
    if (!inner.ok) return inner;
    return { ok: true, intervals: inner.set.intervals ?? [] };
  }
  const interval = /^([[(])(.*)([\])])$/s.exec(text);
  if (interval) {
    const parts = splitTop(interval[2]!);
    if (parts.length !== 2) return { ok: false, problem: `${clip(text)} is not an interval: write [a, b], (a, b], [a, b) or (a, b) with two ends` };
    const lo = numberOf(parts[0]!, true);
    const hi = numberOf(parts[1]!, true);
    if (!lo.ok) return { ok: false, problem: `the lower end of ${clip(text)}: ${lo.problem}` };
    if (!hi.ok) return { ok: false, problem: `the upper end of ${clip(text)}: ${hi.problem}` };
    const loIn = interval[1] === '[';
    const hiIn = interval[3] === ']';
    if ((loIn && !Number.isFinite(lo.value)) || (hiIn && !Number.isFinite(hi.value))) {
      return { ok: false, problem: `${clip(text)} includes an infinite end: write ( or ) beside inf` };
    }
    if (lo.value > hi.value) return { ok: false, problem: `${clip(text)} has its lower end ${end(lo.value)} above its upper end ${end(hi.value)}` };
    return { ok: true, intervals: normalise([{ lo: lo.value, hi: hi.value, loIn, hiIn }]) };
  }
  return { ok: false, problem: `could not read ${JSON.stringify(clip(text))} as a set: write {2, 3}, an interval such as [0.5, inf), a union with ∪, or a condition on ${domain.variable}` };
}

/** Items separated by commas outside brackets. */
function splitTop(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of text) {
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') depth--;
    if (c === ',' && depth === 0) {
      items.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  items.push(cur.trim());
  return items.length === 1 && items[0] === '' ? [] : items;
}

function numberOf(text: string, infinite: boolean): { ok: true; value: number } | { ok: false; problem: string } {
  const t = text.trim();
  if (infinite && INF_WORDS.test(t)) return { ok: true, value: Infinity };
  if (infinite && NEG_INF_WORDS.test(t)) return { ok: true, value: -Infinity };
  const typed = readTypedFormula(t, { names: [], functions: ['log', 'exp', 'sqrt', 'abs'], constants: ['pi', 'e'], aliases: { ln: 'log' } });
  if (!typed.ok) return { ok: false, problem: typed.problem };
  if (typed.text === '') return { ok: false, problem: 'a number is missing' };
  const compiled = compileScalar(parse(typed.text), { variables: [], functions: ['log', 'exp', 'sqrt', 'abs'], constants: ['pi', 'e'] });
  if (!compiled.ok) return { ok: false, problem: compiled.undeclared.length > 0 ? `${compiled.undeclared.join(', ')} is not a number` : compiled.problems.join('; ') };
  const value = scalarEvaluator(compiled.program)({});
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, problem: `${JSON.stringify(t)} is not a finite number` };
}

// ---- conditions ---------------------------------------------------------------------------

function condition(text: string, domain: SetDomain): SetRead {
  const v = escape(domain.variable);
  // "n integer", "n is an integer", "n ∈ ℤ", "n in Z" become isint(n); "x ∈ [a, b)" becomes comparisons.
  let source = text
    .replace(new RegExp(`\\b${v}\\s+(?:is\\s+)?(?:an?\\s+)?integer\\b`, 'g'), `isint(${domain.variable})`)
    .replace(new RegExp(`\\b${v}\\s*(?:∈|\\bin\\b)\\s*(?:ℤ|Z\\b)`, 'g'), `isint(${domain.variable})`)
    .replace(new RegExp(`\\b${v}\\s*(?:∈|\\bin\\b)\\s*([[(])([^,\\]\\)]*),([^\\]\\)]*)([\\])])`, 'g'), (_, l: string, a: string, b: string, r: string) => {
      const lo = INF_WORDS.test(a.trim()) || NEG_INF_WORDS.test(a.trim()) ? '' : `${a.trim()} ${l === '[' ? '<=' : '<'} ${domain.variable}`;
      const hi = INF_WORDS.test(b.trim()) ? '' : `${domain.variable} ${r === ']' ? '<=' : '<'} ${b.trim()}`;
      return `(${[lo, hi].filter((s) => s !== '').join(' and ') || '1 == 1'})`;
    });
  if (domain.type === 'integer') source = source.replace(new RegExp(`isint\\(${v}\\)`, 'g'), '(1 == 1)');
  else if (source.includes(`isint(${domain.variable})`)) {
    return { ok: false, problem: `${domain.variable} is a real number in this part: a condition that it is an integer makes a set of isolated points, which this part does not take` };
  }
  const typed = readTypedFormula(source, {
    names: [domain.variable],
    functions: ['log', 'exp', 'sqrt', 'abs', 'isint'],
    constants: ['pi', 'e'],
    aliases: { ln: 'log' },
    predicate: true,
  });
  if (!typed.ok) return { ok: false, problem: typed.problem };
  let root;
  try {
    root = parse(typed.text);
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, problem: 'the condition is nested too deeply to read' };
    return { ok: false, problem: `could not read the condition ${JSON.stringify(clip(text))}: ${(error as Error).message}` };
  }
  const compiled = compileScalar(root, { variables: [domain.variable], functions: ['log', 'exp', 'sqrt', 'abs', 'isint'], constants: ['pi', 'e'], predicate: true });
  if (!compiled.ok) {
    const names = compiled.undeclared;
    return { ok: false, problem: names.length > 0 ? `the condition uses ${names.join(', ')}, but the variable of this part is ${domain.variable}` : compiled.problems.join('; ') };
  }
  const evaluate = scalarEvaluator(compiled.program);
  const tolerant = scalarEvaluator(compiled.program, undefined, 1e-9);
  const truth = (f: typeof evaluate) => (x: number) => {
    const v = f({ [domain.variable]: x });
    return v !== 0 && !Number.isNaN(v);
  };
  const has = truth(evaluate);
  if (!/(<|>|=|isint|≤|≥|≠)/.test(typed.text)) return { ok: false, problem: `${JSON.stringify(clip(text))} is not a condition on ${domain.variable}: compare it, as in ${domain.variable} >= 2` };
  const literals = (typed.text.match(/\d+(?:\.\d+)?(?:e[+-]?\d+)?/g) ?? []).map(Number).flatMap((x) => [x, -x]);
  if (domain.type === 'integer') return { ok: true, set: { has: (x) => Number.isInteger(x) && has(x), breaks: literals } };
  return { ok: true, set: fromIntervals(scanIntervals(has, truth(tolerant), domain, literals), domain) };
}

/** The union where `has` holds, found by scanning a grid and bisecting each change; `onBoundary` decides the ends. */
function scanIntervals(has: (x: number) => boolean, onBoundary: (x: number) => boolean, domain: SetDomain, literals: readonly number[]): Interval[] {
  const lo = Number.isFinite(domain.min) ? domain.min : Math.min(-1e4, ...literals.map((x) => x - 1));
  const hi = Number.isFinite(domain.max) ? domain.max : Math.max(1e4, ...literals.map((x) => x + 1));
  const grid: number[] = [];
  const steps = 20_000;
  for (let k = 0; k <= steps; k++) grid.push(lo + ((hi - lo) * k) / steps);
  // The window of an unbounded domain is wide, so its even grid is coarse (0.5 apart over
  // [0, 1e4]): a set such as (0, 1/2) would fall between two points. Magnitudes from 1e-6 to the
  // window's edge are scanned on a logarithmic grid as well (2000 points a decade).
  if (!Number.isFinite(domain.min) || !Number.isFinite(domain.max)) {
    for (let k = -6 * 2000; k <= 4 * 2000; k++) {
      const m = 10 ** (k / 2000);
      for (const x of [m, -m]) if (x > lo && x < hi) grid.push(x);
    }
    if (lo < 0 && hi > 0) grid.push(0);
  }
  for (const x of literals) {
    const step = 1e-9 * Math.max(1, Math.abs(x));
    if (x > lo && x < hi) grid.push(x, x - step, x + step);
    // A number at an end of the domain still marks a boundary just inside it: 0 of `eta > 0` on [0, inf).
    else if (x === lo) grid.push(x + step);
    else if (x === hi) grid.push(x - step);
  }
  grid.sort((a, b) => a - b);
  const boundaries: number[] = [];
  for (let k = 1; k < grid.length; k++) {
    let a = grid[k - 1]!;
    let b = grid[k]!;
    const ha = has(a);
    if (ha === has(b)) continue;
    for (let it = 0; it < 80 && b - a > 1e-15 * Math.max(1, Math.abs(a)); it++) {
      const m = (a + b) / 2;
      if (has(m) === ha) a = m;
      else b = m;
    }
    boundaries.push(snap(b));
  }
  const cuts = [...new Set([lo, ...boundaries, ...literals.filter((x) => x > lo && x < hi), hi])].sort((a, b) => a - b);
  const pieces: Interval[] = [];
  for (let k = 0; k < cuts.length; k++) {
    const c = cuts[k]!;
    // On a boundary the comparisons are read with a tolerance: the float nearest √2 is on x^2 <= 2.
    if (onBoundary(c)) pieces.push({ lo: c, hi: c, loIn: true, hiIn: true });
    const next = cuts[k + 1];
    if (next !== undefined && has((c + next) / 2)) pieces.push({ lo: c, hi: next, loIn: false, hiIn: false });
  }
  // Beyond the scanned window of an unbounded domain, the condition keeps its value at the window's edge.
  const out = normalise(pieces).map((i) => ({
    ...i,
    lo: !Number.isFinite(domain.min) && i.lo === lo && has(lo) ? -Infinity : i.lo,
    loIn: !Number.isFinite(domain.min) && i.lo === lo && has(lo) ? false : i.loIn,
    hi: !Number.isFinite(domain.max) && i.hi === hi && has(hi) ? Infinity : i.hi,
    hiIn: !Number.isFinite(domain.max) && i.hi === hi && has(hi) ? false : i.hiIn,
  }));
  return normalise(out);
}

/** The short decimal a bisected boundary is: 2, 0.5, 0.333333333333, and 0 (which has no relative precision). */
function snap(x: number): number {
  if (Math.abs(x) <= 1e-12) return 0;
  const short = Number(x.toPrecision(12));
  return Math.abs(short - x) <= 1e-12 * Math.max(1, Math.abs(x)) ? short : x;
}

// ---- interval algebra ---------------------------------------------------------------------

function domainInterval(domain: SetDomain): Interval {
  return { lo: domain.min, hi: domain.max, loIn: Number.isFinite(domain.min), hiIn: Number.isFinite(domain.max) };
}

function fromIntervals(intervals: Interval[], domain: SetDomain): NumberSet {
  const list = normalise(intersect(intervals, [domainInterval(domain)]));
  const has = (x: number) =>
    (domain.type === 'real' || Number.isInteger(x)) &&
    list.some((i) => (x > i.lo || (x === i.lo && i.loIn)) && (x < i.hi || (x === i.hi && i.hiIn)));
  const breaks = list.flatMap((i) => [i.lo, i.hi]).filter(Number.isFinite);
  return domain.type === 'real' ? { has, intervals: list, breaks } : { has, breaks };
}

/** Sorted, disjoint, merged where they touch. */
export function normalise(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.lo < i.hi || (i.lo === i.hi && i.loIn && i.hiIn)).sort((a, b) => a.lo - b.lo || Number(b.loIn) - Number(a.loIn));
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && (i.lo < last.hi || (i.lo === last.hi && (last.hiIn || i.loIn)))) {
      if (i.hi > last.hi || (i.hi === last.hi && i.hiIn)) {
        last.hiIn = i.hi === last.hi ? last.hiIn || i.hiIn : i.hiIn;
        last.hi = i.hi;
      }
    } else out.push({ ...i });
  }
  return out;
}

function union(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  return normalise([...a, ...b]);
}

function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const lo = Math.max(x.lo, y.lo);
      const hi = Math.min(x.hi, y.hi);
      const loIn = (lo !== x.lo || x.loIn) && (lo !== y.lo || y.loIn);
      const hiIn = (hi !== x.hi || x.hiIn) && (hi !== y.hi || y.hiIn);
      if (lo < hi || (lo === hi && loIn && hiIn)) out.push({ lo, hi, loIn, hiIn });
    }
  }
  return normalise(out);
}

/** Every break, a point between consecutive breaks and one beyond each end; for integers, the integers around them. */
function* testPoints(breaks: readonly number[], domain: SetDomain): Generator<number> {
  const finite = [...new Set(breaks.filter(Number.isFinite))].sort((a, b) => a - b);
  if (domain.type === 'integer') {
    const lo = Math.ceil(domain.min);
    const hi = Math.floor(domain.max);
    if (Number.isFinite(lo) && Number.isFinite(hi) && hi - lo + 1 <= ENUMERATION_LIMIT) {
      // Smallest magnitudes first, so the witness is the simplest number.
      const order = [];
      for (let x = lo; x <= hi; x++) order.push(x);
      order.sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);
      yield* order;
      return;
    }
    const seen = new Set<number>();
    const window = [...Array.from({ length: 2001 }, (_, k) => k - 1000), ...finite.flatMap((b) => [-2, -1, 0, 1, 2].map((d) => Math.round(b) + d))];
    for (const x of [lo, hi, ...window]) if (Number.isFinite(x) && !seen.has(x)) (seen.add(x), yield x);
    return;
  }
  const points = [...finite];
  for (let k = 1; k < finite.length; k++) points.push((finite[k - 1]! + finite[k]!) / 2);
  if (finite.length > 0) points.push(finite[0]! - 1, finite.at(-1)! + 1);
  else points.push(0);
  if (Number.isFinite(domain.min)) points.push(domain.min);
  if (Number.isFinite(domain.max)) points.push(domain.max);
  points.push(Number.isFinite(domain.min) ? domain.min : -1e300, Number.isFinite(domain.max) ? domain.max : 1e300);
  // Simplest first: the witness shown is the shortest number that tells the sets apart.
  yield* [...new Set(points)].sort((a, b) => String(a).length - String(b).length || Math.abs(a) - Math.abs(b));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
