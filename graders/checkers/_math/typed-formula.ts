/**
 * What students type, read into the one syntax the expression parser knows.
 *
 * Why a pass before mathjs rather than a grammar of our own: mathjs stays the only parser (its
 * precedence rules are documented and tested by others), and this pass only rewrites spellings
 * that have one meaning (`·`, `×`, `÷`, the unicode minus, `**`, `²`, `ln`, `[...]`, `C_0`, `σ₁`,
 * `|x|`; in matrix formulas `ᵀ`, `⊙`, `@`, `‖x‖₂`). Text that needs none of it reaches mathjs
 * unchanged, so every answer that was readable before is read exactly as before. Where a
 * spelling has two plausible meanings (`1/2x`, a run of letters that splits into declared names
 * in two ways, `log n^2`), the answer is refused with both readings instead of guessing: a
 * refusal costs the student a fix, a guess can cost a point silently. Each rewrite is shown
 * back (`read as ...`), so the student sees what was graded.
 *
 * The pass is one linear scan with an explicit bracket stack, and it refuses nesting deeper than
 * {@link MAX_NESTING} before mathjs's recursive-descent parser would run out of stack.
 */

/** Deepest bracket nesting read (mathjs's parser overflows the stack near 260 levels). */
export const MAX_NESTING = 100;
/** Longest run of signs or of chained powers (the parser recurses once per sign or power). */
export const MAX_CHAIN = 100;
/** Longest formula read, in characters. */
export const MAX_FORMULA_LENGTH = 100_000;

export interface TypingOptions {
  /** Names that stand for values: the part's variables (and dimension names of matrix formulas). */
  names: readonly string[];
  /** Functions that may be called. */
  functions: readonly string[];
  /** Named constants (pi, e), unless a variable has the same name. */
  constants: readonly string[];
  /** Other spellings of functions and constants: `ln` → `log`. */
  aliases?: Readonly<Record<string, string>>;
  /** Matrix formulas: `'` and `ᵀ` transpose, `⊙` is the elementwise product, `||x||` a norm. */
  tensor?: boolean;
  /** Conditions (sets, constraints): `≤ ≥ ≠ ∧ ∨ ¬` and the words and/or/not. */
  predicate?: boolean;
}

export type TypedFormula =
  | {
      ok: true;
      /** The formula in mathjs's syntax. */
      text: string;
      /** True when `text` differs from what was typed by more than white space. */
      changed: boolean;
    }
  | { ok: false; problem: string };

const GREEK: Readonly<Record<string, string>> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ϵ: 'epsilon', ζ: 'zeta', η: 'eta',
  θ: 'theta', ϑ: 'theta', ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', µ: 'mu', ν: 'nu', ξ: 'xi',
  ο: 'omicron', π: 'pi', ρ: 'rho', σ: 'sigma', ς: 'sigma', τ: 'tau', υ: 'upsilon', φ: 'phi',
  ϕ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega', Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda',
  Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega',
};
const GREEK_NAMES = new Set(Object.values(GREEK));

const TIMES = new Set(['·', '⋅', '×', '∗', '•']);
const DIVIDE = new Set(['÷', '∕', '⁄']);
const MINUS = new Set(['−', '‒', '–', '﹣', '－']);
const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9',
  '⁺': '+', '⁻': '-', '⁽': '(', '⁾': ')', ⁿ: 'n', 'ᵀ': 'T',
};
const SUBSCRIPT: Readonly<Record<string, string>> = {
  '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9',
  ₐ: 'a', ₑ: 'e', ᵢ: 'i', ⱼ: 'j', ₖ: 'k', ₙ: 'n', ₒ: 'o', ₓ: 'x',
};
const LATEX_OPERATORS: Readonly<Record<string, string>> = { cdot: '*', times: '*', div: '/', le: '<=', leq: '<=', ge: '>=', geq: '>=', ne: '!=', neq: '!=' };
const SPACE = /\s/u;
// mathjs's operator words: never split into names (a·n·d).
const RESERVED = new Set(['and', 'or', 'not', 'xor', 'mod', 'to', 'in']);

type TokenType = 'num' | 'id' | 'op' | 'open' | 'close' | 'comma' | 'bar' | 'norm' | 'sup' | 'other';

interface Token {
  type: TokenType;
  /** As typed. */
  src: string;
  /** As it will be written for the parser. */
  out: string;
  /** 1-based column of the first character, counted in characters as typed. */
  col: number;
  /** White space came before it. */
  spaced: boolean;
}

/**
 * Reads a formula as a student types it. Never throws: whatever the text, the result is a
 * reading or a problem saying where and what.
 */
export function readTypedFormula(raw: string, options: TypingOptions): TypedFormula {
  if (raw.length > MAX_FORMULA_LENGTH) {
    return { ok: false, problem: `the formula is ${raw.length} characters long; at most ${MAX_FORMULA_LENGTH} are read` };
  }
  const lexed = lex(raw, options);
  if ('problem' in lexed) return { ok: false, problem: lexed.problem };
  const resolved = resolve(lexed.tokens, options);
  if ('problem' in resolved) return { ok: false, problem: resolved.problem };
  const tokens = resolved.tokens;
  const structure = checkStructure(tokens, options);
  if (structure) return { ok: false, problem: structure };
  const ambiguity = findAmbiguity(tokens, options);
  if (ambiguity) return { ok: false, problem: ambiguity };
  const text = emit(tokens);
  const changed = tokens.some((t) => t.out !== t.src);
  return { ok: true, text, changed };
}

function lex(raw: string, options: TypingOptions): { tokens: Token[] } | { problem: string } {
  const chars = Array.from(raw);
  const tokens: Token[] = [];
  let spaced = false;
  let i = 0;
  const push = (type: TokenType, src: string, out: string, col: number) => {
    tokens.push({ type, src, out, col, spaced });
    spaced = false;
  };
  while (i < chars.length) {
    const c = chars[i]!;
    const col = i + 1;
    if (SPACE.test(c)) {
      spaced = true;
      i++;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(chars[i + 1] ?? ''))) {
      let j = i;
      while (isDigit(chars[j] ?? '')) j++;
      if (chars[j] === '.' && chars[j + 1] !== '*' && chars[j + 1] !== '/' && chars[j + 1] !== '^') {
        j++;
        while (isDigit(chars[j] ?? '')) j++;
      }
      // An exponent only when digits follow: "2e" is 2 times the constant e.
      if ((chars[j] === 'e' || chars[j] === 'E') && (isDigit(chars[j + 1] ?? '') || (/[+-]/.test(chars[j + 1] ?? '') && isDigit(chars[j + 2] ?? '')))) {
        j += /[+-]/.test(chars[j + 1] ?? '') ? 2 : 1;
        while (isDigit(chars[j] ?? '')) j++;
      }
      const text = chars.slice(i, j).join('');
      push('num', text, text, col);
      i = j;
      continue;
    }
    if (isIdentifierStart(c) || (c === '\\' && /[A-Za-z]/.test(chars[i + 1] ?? ''))) {
      let j = i;
      if (c === '\\') {
        j++;
        while (/[A-Za-z]/.test(chars[j] ?? '')) j++;
        const word = chars.slice(i + 1, j).join('');
        const op = Object.hasOwn(LATEX_OPERATORS, word) ? LATEX_OPERATORS[word] : undefined;
        if (op !== undefined) {
          push('op', chars.slice(i, j).join(''), op, col);
          i = j;
          continue;
        }
      }
      while (j < chars.length) {
        const d = chars[j]!;
        if (d === '_' && chars[j + 1] === '{') {
          const close = chars.indexOf('}', j + 2);
          if (close < 0 || close === j + 2 || !chars.slice(j + 2, close).every((x) => isIdentifierPart(x) && x !== '_')) break;
          j = close + 1;
        } else if (isIdentifierPart(d)) j++; else if (d === '\\' && /[A-Za-z]/.test(chars[j + 1] ?? '') && chars[j - 1] === '_') {
          j++;
          while (/[A-Za-z]/.test(chars[j] ?? '')) j++;
        } else break;
      }
      const text = chars.slice(i, j).join('');
      push('id', text, text, col);
      i = j;
      continue;
    }
    if (Object.hasOwn(SUBSCRIPT, c) && options.tensor) {
      // A subscript after a norm: ‖x‖₂ is ‖x‖_2.
      push('other', c, '_', col);
      tokens.at(-1)!.src = '_';
      push('num', SUBSCRIPT[c]!, SUBSCRIPT[c]!, col);
      i++;
      continue;
    }
    if (c === '∞' && (options.tensor || options.predicate)) {
      push('id', c, 'inf', col);
      i++;
      continue;
    }
    if (Object.hasOwn(SUPERSCRIPT, c)) {
      let j = i;
      while (j < chars.length && Object.hasOwn(SUPERSCRIPT, chars[j]!)) j++;
      const src = chars.slice(i, j).join('');
      const body = Array.from(src, (x) => SUPERSCRIPT[x]!).join('');
      const out = /^[0-9]+$/.test(body) || body === 'T' || body === 'n' ? `^${body}` : `^(${body})`;
      push('sup', src, out, col);
      i = j;
      continue;
    }
    const two = c + (chars[i + 1] ?? '');
    if (two === '**') {
      push('op', two, '^', col);
      i += 2;
      continue;
    }
    if (options.tensor && (two === '||' || c === '‖')) {
      const len = c === '‖' ? 1 : 2;
      push('norm', chars.slice(i, i + len).join(''), '', col);
      i += len;
      continue;
    }
    if (options.predicate && (two === '<=' || two === '>=' || two === '!=' || two === '==')) {
      push('op', two, two, col);
      i += 2;
      continue;
    }
    if (TIMES.has(c)) push('op', c, '*', col);
    else if (DIVIDE.has(c)) push('op', c, '/', col);
    else if (MINUS.has(c)) push('op', c, '-', col);
    else if (c === '＋') push('op', c, '+', col);
    else if (options.tensor && (c === '⊙' || c === '∘')) push('op', c, '.*', col);
    else if (options.tensor && c === '@') push('op', c, '*', col);
    else if (options.predicate && c === '≤') push('op', c, '<=', col);
    else if (options.predicate && c === '≥') push('op', c, '>=', col);
    else if (options.predicate && c === '≠') push('op', c, '!=', col);
    else if (options.predicate && c === '∧') push('op', c, 'and', col);
    else if (options.predicate && c === '∨') push('op', c, 'or', col);
    else if (options.predicate && c === '¬') push('op', c, 'not', col);
    else if (c === '√' || c === '∛') push('id', c, c === '√' ? 'sqrt' : 'cbrt', col);
    else if (c === 'ℯ') push('id', c, 'e', col);
    else if (c === '+' || c === '-' || c === '*' || c === '/' || c === '^') push('op', c, c, col);
    else if (c === '(' || c === '[' || c === '{') push('open', c, '(', col);
    else if (c === ')' || c === ']' || c === '}') push('close', c, ')', col);
    else if (c === ',') push('comma', c, ',', col);
    else if (c === '|') push('bar', c, '', col);
    else if (c.codePointAt(0)! < 0x80) {
      // Other ASCII (= < > ! ? : ; ' " % ...) goes to the parser as typed: its own messages name it.
      push('other', c, c, col);
    } else {
      const code = c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      return { problem: `the character "${c}" (U+${code}) at column ${col} is not part of the formula syntax (use + - * / ^, parentheses and the functions ${options.functions.join(', ')})` };
    }
    i++;
  }
  return { tokens };
}

/** Gives each identifier its meaning: a declared name, a function, a constant, or a product of names. */
function resolve(tokens: Token[], options: TypingOptions): { tokens: Token[] } | { problem: string } {
  const names = new Set(options.names);
  const functions = new Set(options.functions);
  const constants = new Set(options.constants.filter((c) => !names.has(c)));
  const out: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.type !== 'id' || RESERVED.has(t.src) || t.out !== t.src) {
      out.push(t);
      continue;
    }
    const next = tokens[k + 1];
    const calls = next?.type === 'open' && !next.spaced;
    // A declared name with a prime (W' in a matrix formula) is one name, not a transpose.
    if (options.tensor && next?.type === 'other' && next.src === "'" && !next.spaced && names.has(`${t.src}'`)) {
      out.push({ ...t, src: `${t.src}'`, out: primeName(t.src) });
      k++;
      continue;
    }
    const meaning = meaningOf(t.src, names, functions, constants, options.aliases ?? {}, calls);
    if (meaning.kind === 'ambiguous') {
      return { problem: `"${t.src}" at column ${t.col} is ambiguous: it reads as ${meaning.readings.map((r) => r.join('·')).join(' or as ')}; write the multiplications with * to say which` };
    }
    out.push({ ...t, out: meaning.text });
  }
  return { tokens: out };
}

type Meaning = { kind: 'text'; text: string } | { kind: 'ambiguous'; readings: string[][] };

function meaningOf(
  src: string,
  names: ReadonlySet<string>,
  functions: ReadonlySet<string>,
  constants: ReadonlySet<string>,
  aliases: Readonly<Record<string, string>>,
  calls: boolean,
): Meaning {
  const known = (n: string) => names.has(n) || functions.has(n) || constants.has(n);
  if (known(src)) return { kind: 'text', text: src };
  const full = spell(src, false);
  const joined = full.replace(/_/g, '');
  const initial = spell(src, true).replace(/_/g, '');
  for (const form of [full, joined, initial]) {
    if (names.has(form)) return { kind: 'text', text: form };
  }
  for (const form of [full, joined]) {
    if (functions.has(form) || constants.has(form)) return { kind: 'text', text: form };
    const alias = Object.hasOwn(aliases, form) ? aliases[form] : undefined;
    if (alias !== undefined) return { kind: 'text', text: alias };
  }
  // A run of letters such as C0K or mu1mu2 reads as a product when it splits into declared
  // names in exactly one way; the last piece may be a function when a "(" follows (nlog(n)).
  const pieces = [...new Set([...names, ...constants])].filter((n) => n.length > 0);
  const calls_ = calls ? [...functions, ...Object.keys(aliases)] : [];
  const readings = splits(joined, pieces, calls_);
  if (readings.length === 1) {
    const reading = readings[0]!;
    const last = reading[reading.length - 1]!;
    const parts = reading.map((p, j) => (j === reading.length - 1 && calls_.includes(p) && Object.hasOwn(aliases, p) ? aliases[p]! : p));
    return { kind: 'text', text: calls_.includes(last) ? `${parts.slice(0, -1).join('*')}*${parts[parts.length - 1]}` : parts.join('*') };
  }
  if (readings.length > 1) return { kind: 'ambiguous', readings };
  // Unknown: keep the student's spelling, so the message names what they wrote (a backslash
  // cannot reach the parser, so LaTeX names are spelled out).
  return { kind: 'text', text: src.includes('\\') || src.includes('{') ? joined : src };
}

/** The spelling of an identifier in ASCII: σ₁ → sigma_1 (or s_1 with `initials`), C_{0} → C_0. */
function spell(src: string, initials: boolean): string {
  let out = '';
  const chars = Array.from(src);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\') {
      let j = i + 1;
      while (/[A-Za-z]/.test(chars[j] ?? '')) j++;
      const word = chars.slice(i + 1, j).join('');
      out += GREEK_NAMES.has(word) && initials ? word.charAt(0) : word;
      i = j - 1;
    } else if (Object.hasOwn(GREEK, c)) out += initials ? GREEK[c]!.charAt(0) : GREEK[c]!;
    else if (Object.hasOwn(SUBSCRIPT, c)) out += `_${SUBSCRIPT[c]!}`;
    else if (c === '{' || c === '}') continue;
    else out += c;
  }
  return out.replace(/__+/g, '_');
}

/** Every way of writing `word` as a sequence of `pieces` (at most 3 ways are looked for). */
function splits(word: string, pieces: readonly string[], callable: readonly string[]): string[][] {
  const found: string[][] = [];
  if (word.length === 0 || word.length > 64) return found;
  const walk = (at: number, acc: string[]) => {
    if (found.length >= 3) return;
    if (at === word.length) {
      if (acc.length > 1) found.push([...acc]);
      return;
    }
    for (const p of pieces) if (word.startsWith(p, at)) walk(at + p.length, [...acc, p]);
    for (const f of callable) if (at > 0 && at + f.length === word.length && word.startsWith(f, at)) walk(word.length, [...acc, f]);
  };
  walk(0, []);
  return found;
}

/** Brackets balance, nest at most {@link MAX_NESTING} deep; commas only inside calls; bars become abs() or norms. */
function checkStructure(tokens: Token[], options: TypingOptions): string | undefined {
  const stack: { kind: 'call' | 'group' | 'bar' | 'norm'; token: Token; k: number }[] = [];
  const functions = new Set([...options.functions, 'sqrt', 'cbrt', ...Object.values(options.aliases ?? {})]);
  let signs = 0;
  let powers = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const prev = tokens[k - 1];
    if (t.type === 'op' && (t.out === '-' || t.out === '+') && (prev === undefined || prev.type === 'op' || prev.type === 'open' || prev.type === 'comma')) {
      if (++signs > MAX_CHAIN) return `more than ${MAX_CHAIN} signs in a row at column ${t.col}`;
    } else signs = 0;
    if (t.type === 'op' && (t.out === '^' || t.out === '*' || t.out === '/' || t.out === '+' || t.out === '-')) {
      if (t.out === '^') {
        if (++powers > MAX_CHAIN) return `more than ${MAX_CHAIN} chained powers at column ${t.col}`;
      } else powers = 0;
    } else if (t.type === 'sup') {
      if (++powers > MAX_CHAIN) return `more than ${MAX_CHAIN} chained powers at column ${t.col}`;
    }
    const opensHere = t.type === 'open' || ((t.type === 'bar' || t.type === 'norm') && opensBar(prev, stack.at(-1), t.type));
    if (opensHere) {
      const kind = t.type === 'open' ? (prev?.type === 'id' && !t.spaced && functions.has(prev.out) ? 'call' : 'group') : t.type === 'bar' ? 'bar' : 'norm';
      stack.push({ kind, token: t, k });
      if (stack.length > MAX_NESTING) return `the formula nests brackets more than ${MAX_NESTING} deep (at column ${t.col})`;
      if (t.type === 'bar') t.out = 'abs(';
      if (t.type === 'norm') t.out = 'norm(';
      continue;
    }
    if (t.type === 'close' || t.type === 'bar' || t.type === 'norm') {
      const top = stack.pop();
      const want = t.type === 'close' ? ['call', 'group'] : [t.type];
      if (top === undefined) return `"${t.src}" at column ${t.col} closes nothing`;
      if (!want.includes(top.kind)) return `"${top.token.src}" at column ${top.token.col} is not closed before "${t.src}" at column ${t.col}`;
      if (t.type === 'close' && !matching(top.token.src, t.src)) {
        return `"${top.token.src}" at column ${top.token.col} is closed by "${t.src}" at column ${t.col}`;
      }
      if (t.type === 'bar') t.out = ')';
      if (t.type === 'norm') t.out = normSuffix(tokens, k);
      continue;
    }
    if (t.type === 'comma') {
      const top = stack.at(-1);
      if (top?.kind !== 'call') {
        return `"," at column ${t.col}: a formula is one expression, and commas only separate the arguments of a function such as ${options.functions[0] ?? 'log'}(x)`;
      }
    }
  }
  const open = stack.pop();
  if (open) return `"${open.token.src}" at column ${open.token.col} is never closed`;
  return undefined;
}

function opensBar(prev: Token | undefined, top: { kind: string } | undefined, type: 'bar' | 'norm'): boolean {
  // A bar opens after an operator, a bracket, a comma or nothing; otherwise it closes the
  // innermost open bar of its kind.
  if (prev === undefined || prev.type === 'op' || prev.type === 'open' || prev.type === 'comma') return true;
  if ((prev.type === 'bar' || prev.type === 'norm') && prev.out.endsWith('(')) return true;
  return top?.kind !== type;
}

function matching(open: string, close: string): boolean {
  return (open === '(' && close === ')') || (open === '[' && close === ']') || (open === '{' && close === '}');
}

/** `||x||_F` → Frobenius, `||x||_2`, `||x||_1`, `||x||_inf`: the subscript becomes a second argument. */
function normSuffix(tokens: Token[], k: number): string {
  const under = tokens[k + 1];
  if (under?.type !== 'other' || under.src !== '_' || under.spaced) return ')';
  let at = k + 2;
  const braced = tokens[at]?.type === 'open' && tokens[at]!.src === '{';
  if (braced) at++;
  const which = tokens[at];
  if (which === undefined || !['F', 'fro', '1', '2', 'inf', '∞'].includes(which.src)) return ')';
  if (braced && tokens[at + 1]?.src !== '}') return ')';
  for (let j = k + 1; j <= at + (braced ? 1 : 0); j++) {
    tokens[j]!.out = '';
    tokens[j]!.type = 'other';
  }
  const name = which.src;
  return name === 'F' || name === 'fro' ? ', "fro")' : name === 'inf' || name === '∞' ? ', "inf")' : `, ${name})`;
}

/**
 * `a/2x`: whether the 2x is a denominator or a factor after the division depends on whom you
 * ask (mathjs reads (a/2)·x). Juxtaposition straight after a division's operand, with no space,
 * is refused with both readings; `1/2 (a+b)`, with a space, reads as (1/2)·(a+b).
 */
function findAmbiguity(tokens: Token[], options: TypingOptions): string | undefined {
  const functions = new Set([...options.functions, 'sqrt', 'cbrt', ...Object.values(options.aliases ?? {})]);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.type === 'id' && functions.has(t.out) && tokens[k + 1] !== undefined && tokens[k + 1]!.type !== 'open') {
      // `log n` reads as log(n); `log n^2` could be log(n^2) or log(n)^2.
      const arg = tokens[k + 1]!;
      if (arg.type === 'num' || (arg.type === 'id' && !functions.has(arg.out))) {
        const after = tokens[k + 2];
        if (after && ((after.type === 'op' && after.out === '^') || after.type === 'sup')) {
          const power = after.type === 'sup' ? after.out : `^${tokens[k + 3]?.out ?? ''}`;
          const typed = after.type === 'sup' ? after.src : `^${tokens[k + 3]?.src ?? ''}`;
          return `"${t.src} ${arg.src}${typed}" at column ${t.col} is ambiguous: write ${t.out}(${arg.out}${power}) or ${t.out}(${arg.out})${power}`;
        }
        t.out = `${t.out}(${arg.out})`;
        arg.out = '';
        arg.type = 'other';
        continue;
      }
    }
    if (!(t.type === 'op' && t.out === '/')) continue;
    let j = k + 1;
    while (tokens[j]?.type === 'op' && (tokens[j]!.out === '-' || tokens[j]!.out === '+')) j++;
    const start = j;
    const first = tokens[j];
    if (first === undefined) continue;
    if (first.type === 'num' || first.type === 'id') {
      j++;
      if (first.type === 'id' && functions.has(first.out) && tokens[j]?.type === 'open') j = closeOf(tokens, j) + 1;
    } else if (first.type === 'open') j = closeOf(tokens, j) + 1;
    else continue;
    // The operand may carry a power: 1/x^2y is as ambiguous as 1/xy.
    while (tokens[j]?.type === 'sup' || (tokens[j]?.type === 'op' && tokens[j]!.out === '^')) {
      if (tokens[j]!.type === 'sup') j++;
      else j = tokens[j + 1]?.type === 'open' ? closeOf(tokens, j + 1) + 1 : j + 2;
    }
    const after = tokens[j];
    const operand = shown(tokens.slice(start, j));
    const split = first.type === 'id' && first.out.includes('*') && j === start + 1;
    const tight = after !== undefined && !after.spaced && (after.type === 'num' || after.type === 'id' || after.type === 'open');
    if (!split && !tight) continue;
    const head = split ? first.out.split('*')[0]! : operand;
    const tail = split ? first.out.split('*').slice(1).join('·') : shown(tokens.slice(j, nextOperandEnd(tokens, j)));
    const whole = split ? first.out.split('*').join('·') : `${operand}${tail}`;
    return `"/${operand}${split ? '' : tail}" at column ${t.col} is ambiguous: it could mean (…/${head})·${tail} or …/(${whole}); add parentheses to say which`;
  }
  return undefined;
}

/** Tokens as typed, with the white space that separated them. */
function shown(tokens: readonly Token[]): string {
  return tokens.map((t, k) => (k > 0 && t.spaced ? ' ' : '') + t.src).join('');
}

function closeOf(tokens: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.type === 'open' || (t.type === 'bar' && t.out === 'abs(') || (t.type === 'norm' && t.out === 'norm(')) depth++;
    else if (t.type === 'close' || (t.type === 'bar' && t.out === ')') || (t.type === 'norm' && t.out.endsWith(')'))) {
      depth--;
      if (depth === 0) return j;
    }
  }
  return tokens.length - 1;
}

function nextOperandEnd(tokens: Token[], j: number): number {
  const t = tokens[j];
  if (t === undefined) return j;
  if (t.type === 'open') return closeOf(tokens, j) + 1;
  return j + 1;
}

function emit(tokens: Token[]): string {
  const parts: string[] = [];
  let last = '';
  let prev: Token | undefined;
  for (const t of tokens) {
    if (t.out === '' && t.type === 'other') continue;
    // Only the last character matters: a regex anchored at the end of the growing text would
    // rescan all of it at every token.
    const needsSpace = prev !== undefined && /[A-Za-z0-9_.]/.test(last) && /^[A-Za-z0-9_]/.test(t.out) && (t.spaced || t.out !== t.src || prev.out !== prev.src);
    if (parts.length > 0 && (t.spaced || needsSpace)) parts.push(' ');
    parts.push(t.out);
    last = t.out.charAt(t.out.length - 1) || last;
    prev = t;
  }
  return parts.join('').trim();
}

/** The parser's name of a primed matrix (W' → W_prime); the reading shows it as typed. */
export function primeName(name: string): string {
  return `${name}_prime`;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isIdentifierStart(c: string): boolean {
  return /[A-Za-z]/.test(c) || Object.hasOwn(GREEK, c);
}

function isIdentifierPart(c: string): boolean {
  return /[A-Za-z0-9_]/.test(c) || Object.hasOwn(GREEK, c) || Object.hasOwn(SUBSCRIPT, c);
}
