import type { Entry } from './charts.ts';

/**
 * The numbers of a code part's expected and returned outputs, entry by entry, read back from the
 * counterexample's text (the code checkers' rendering: numbers, `[a, b]`, `{ key: value }`), so a
 * report draws them from dlgrade.json alone. Undefined unless both are numeric and of one shape:
 * a wrong shape, a non-number, a truncated rendering (` …`) or too many entries get no plot.
 */
export function outputEntries(expected: string, actual: string, maxEntries = 64): Entry[] | undefined {
  const want = readLeaves(expected);
  const got = readLeaves(actual);
  if (!want || !got || want.length !== got.length || want.length === 0 || want.length > maxEntries) return undefined;
  const entries: Entry[] = [];
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.path !== g.path || !Number.isFinite(w.value) || !Number.isFinite(g.value)) return undefined;
    entries.push({ path: w.path || 'value', expected: w.value, actual: g.value });
  }
  return entries;
}

type Leaf = { path: string; value: number };

// The checkers cap a rendering at 2000 characters; anything longer is not theirs.
const MAX_TEXT = 2100;
const NUMBER = /^-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|Infinity)|^NaN/;
const KEY = /^[^:,{}[\]\s]+/;

function readLeaves(text: string): Leaf[] | undefined {
  if (text.length > MAX_TEXT) return undefined;
  const leaves: Leaf[] = [];
  let at = 0;
  const skip = () => {
    while (text[at] === ' ') at += 1;
  };
  const value = (path: string, depth: number): boolean => {
    if (depth > 8) return false;
    skip();
    const c = text[at];
    if (c === '[') {
      at += 1;
      skip();
      if (text[at] === ']') {
        at += 1;
        return true;
      }
      for (let i = 0; ; i++) {
        if (!value(`${path}[${i}]`, depth + 1)) return false;
        skip();
        if (text[at] === ',') at += 1;
        else if (text[at] === ']') {
          at += 1;
          return true;
        } else return false;
      }
    }
    if (c === '{') {
      at += 1;
      skip();
      if (text[at] === '}') {
        at += 1;
        return true;
      }
      for (;;) {
        skip();
        const key = KEY.exec(text.slice(at))?.[0];
        if (!key || text[at + key.length] !== ':') return false;
        at += key.length + 1;
        if (!value(path ? `${path}.${key}` : key, depth + 1)) return false;
        skip();
        if (text[at] === ',') at += 1;
        else if (text[at] === '}') {
          at += 1;
          return true;
        } else return false;
      }
    }
    const number = NUMBER.exec(text.slice(at, at + 40))?.[0];
    if (!number) return false;
    leaves.push({ path, value: Number(number) });
    at += number.length;
    return true;
  };
  if (!value('', 0)) return undefined;
  skip();
  return at === text.length ? leaves : undefined;
}
