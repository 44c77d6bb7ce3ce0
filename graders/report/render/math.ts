import katex from 'katex';
import type { MathNode } from 'mathjs';
import { parse } from '../../checkers/_math/math-parse.ts';
import { splitMath } from '../../pack/math-text.ts';

/**
 * Math in reports: course texts mark math with `$...$` around the pack's own ASCII notation
 * (`$KL(N(mu1, s1^2) || N(mu2, s2^2))$`), and formula answers are formulas in the pack's syntax.
 * Both become TeX here and HTML with MathML at report time (KaTeX, run in this process), so a page
 * needs no script to show them; the Markdown reports keep the plain text.
 */

// Past this, a segment or formula is shown as text: rendering is bounded work on hostile input.
const MAX_MATH_CHARS = 400;

/** Renders TeX to HTML with MathML (for screen readers); undefined when KaTeX cannot read it. */
export function texToHtml(tex: string): string | undefined {
  try {
    return katex.renderToString(tex, { output: 'htmlAndMathml', throwOnError: true, trust: false, strict: 'ignore', maxSize: 10, maxExpand: 50 });
  } catch {
    return undefined;
  }
}

const GREEK = new Set(
  'alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega'.split(' '),
);
/** Names TeX sets upright as operators of its own. */
const TEX_OPERATORS = new Set('log ln exp sin cos tan tanh sinh cosh det max min sup inf lim arg dim'.split(' '));
/** Names set upright as operator names; `sum` is the big operator. */
const OPERATOR_NAMES = new Set('KL diag softmax sigmoid relu ReLU argmax argmin tr Var Cov sign sgn sqrt abs'.split(' '));

/**
 * A name of the pack's notation in TeX: Greek letters by name, trailing digits as a subscript
 * (`mu1` → μ₁, `C0` → C₀), short names as letters in a row (`Wx`, a product), longer ones as one
 * italic word (`logVar`).
 */
export function nameToTex(name: string): string {
  const digits = /^([A-Za-z]+?)(\d+)$/.exec(name);
  if (digits) return `${nameToTex(digits[1]!)}_{${digits[2]}}`;
  if (GREEK.has(name)) return `\\${name}`;
  if (name === 'sum') return '\\sum';
  if (TEX_OPERATORS.has(name)) return `\\${name}`;
  if (OPERATOR_NAMES.has(name)) return `\\operatorname{${name}}`;
  if (/^[A-Za-z]{1,3}$/.test(name)) return name;
  return `\\mathit{${name}}`;
}

const TOKEN = /\s+|\|\||<=|>=|!=|->|[A-Za-z][A-Za-z0-9]*|\d+(?:\.\d+)?|[\s\S]/g;
const SYMBOLS: Record<string, string> = {
  '||': '\\|',
  '<=': '\\le ',
  '>=': '\\ge ',
  '!=': '\\ne ',
  '->': '\\to ',
  '*': '\\cdot ',
  '~': '\\sim ',
  '{': '\\{',
  '}': '\\}',
  '\\': '\\backslash ',
  '#': '\\#',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '^': '^',
  _: '_',
};

/**
 * The pack's ASCII notation as TeX: names as in {@link nameToTex}, `||` as a norm bar, `<=` as ≤,
 * `*` as a dot; a name or number after `^` or `_` becomes that group (`s1^2`, `||J_f(x)||_F^2`),
 * and so does a parenthesised run (`(gamma ||W||)^(t-k)`: the whole of `t-k` raised, its
 * parentheses dropped as the raised position already groups it). Anything else passes through,
 * and TeX's own specials are escaped, so the text cannot run TeX commands of its own.
 */
export function asciiToTex(source: string): string {
  return tokensToTex([...source.matchAll(TOKEN)].map((m) => m[0]));
}

function tokensToTex(tokens: readonly string[]): string {
  let out = '';
  let script = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (/^\s+$/.test(token)) {
      out += ' ';
      continue;
    }
    if (script && token === '(') {
      const close = matchingParen(tokens, i);
      if (close !== undefined) {
        out += `{${tokensToTex(tokens.slice(i + 1, close))}}`;
        i = close;
        script = false;
        continue;
      }
    }
    let tex: string;
    if (/^[A-Za-z]/.test(token)) tex = nameToTex(token);
    else if (/^\d/.test(token)) tex = token;
    else tex = SYMBOLS[token] ?? token;
    out += script && /^[A-Za-z\d]/.test(token) ? `{${tex}}` : tex;
    script = token === '^' || token === '_';
  }
  return out;
}

/** The index of the `)` closing the `(` at `open`, or undefined when it is never closed. */
function matchingParen(tokens: readonly string[], open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i] === '(') depth++;
    else if (tokens[i] === ')' && --depth === 0) return i;
  }
  return undefined;
}

// The checkers' parser: a formula answer is a formula of the pack's syntax (see formula-parse.ts).
// Its trees print to TeX as the full number build's do (math-parse.test.ts): mathjs's printer
// reads its own tables, not the functions this instance leaves out.
const FORMULA_FUNCTIONS = new Set(['log', 'exp', 'sqrt', 'abs']);

/**
 * A formula in the pack's syntax as TeX, through mathjs's own printer (fractions, powers, roots),
 * with names as in {@link nameToTex}. Undefined when mathjs cannot read it.
 */
export function formulaToTex(formula: string): string | undefined {
  if (formula.length > MAX_MATH_CHARS) return undefined;
  let node: MathNode;
  try {
    node = parse(formula);
  } catch {
    return undefined;
  }
  const handler = (n: MathNode, options: object): string | undefined => {
    if (n.type === 'SymbolNode') return nameToTex((n as MathNode & { name: string }).name);
    if (n.type === 'FunctionNode') {
      const f = n as MathNode & { fn: MathNode; args: MathNode[] };
      const name = f.fn.type === 'SymbolNode' ? (f.fn as MathNode & { name: string }).name : '';
      // `F(F + 1)` is a product in a formula (see formula-parse.ts), not a function F.
      if (!FORMULA_FUNCTIONS.has(name)) return `${nameToTex(name)}\\left(${f.args.map((a) => a.toTex(options)).join(',')}\\right)`;
    }
    return undefined;
  };
  try {
    // mathjs marks implicit multiplication with `~`, a full space: a thin one reads as a product.
    return node.toTex({ parenthesis: 'auto', implicit: 'hide', handler }).replace(/~/g, '\\,');
  } catch {
    return undefined;
  }
}

// Course texts repeat on every student's two pages: each segment is typeset once per process.
const typeset = new Map<string, string | undefined>();
const MAX_CACHED = 5000;

function cached(key: string, render: () => string | undefined): string | undefined {
  if (typeset.has(key)) return typeset.get(key);
  const html = render();
  if (typeset.size >= MAX_CACHED) typeset.clear();
  typeset.set(key, html);
  return html;
}

/** A math segment of course text as HTML, or undefined when it cannot be rendered. */
export function segmentHtml(source: string): string | undefined {
  if (source.length > MAX_MATH_CHARS) return undefined;
  return cached(`segment:${source}`, () => texToHtml(asciiToTex(source)));
}

/** A formula answer as HTML, or undefined when it cannot be rendered. */
export function formulaHtml(formula: string): string | undefined {
  return cached(`formula:${formula}`, () => {
    const tex = formulaToTex(formula);
    // Display style: a fraction in an answer reads at full size, not as a superscript-sized one.
    return tex === undefined ? undefined : texToHtml(`\\displaystyle ${tex}`);
  });
}
