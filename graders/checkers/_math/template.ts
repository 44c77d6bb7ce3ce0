/**
 * `{{name}}` in prompts, filled with a student's parameters.
 *
 * Why not a templating library: the only construct is a name in double braces, and the one
 * thing that matters is that a misspelt name is an author error found at validation (with its
 * column), never a prompt that shows a student "{{nmae}}" or an empty gap. `\{{` writes literal
 * braces. Numbers are written as drawn (0.35, 12), never in exponent form for ordinary sizes.
 */

export type Rendered = { ok: true; text: string } | { ok: false; problems: string[] };

const PLACEHOLDER = /\\\{\{|\{\{\s*([^{}]*?)\s*\}\}|\{\{/g;

/** The names a template uses, in order of first use, or what is malformed. */
export function templateNames(text: string): { ok: true; names: string[] } | { ok: false; problems: string[] } {
  const names: string[] = [];
  const problems: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m[0] === '\\{{') continue;
    const where = position(text, m.index);
    if (m[0] === '{{') {
      problems.push(`"{{" at ${where} is not closed by "}}" (write \\{{ for literal braces)`);
      continue;
    }
    const name = m[1]!;
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) problems.push(`"${m[0]}" at ${where}: a parameter name is a letter followed by letters, digits or _`);
    else if (!names.includes(name)) names.push(name);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, names };
}

/** Fills every `{{name}}`; a name without a value is a problem, not an empty string. */
export function renderTemplate(text: string, values: Readonly<Record<string, string | number>>): Rendered {
  const scan = templateNames(text);
  if (!scan.ok) return scan;
  const missing = scan.names.filter((n) => !Object.hasOwn(values, n));
  if (missing.length > 0) {
    const known = Object.keys(values);
    return { ok: false, problems: missing.map((n) => `{{${n}}} at ${position(text, text.search(new RegExp(`\\{\\{\\s*${n}\\s*\\}\\}`)))} names no parameter (parameters: ${known.join(', ') || 'none'})`) };
  }
  const out = text.replace(PLACEHOLDER, (whole, name: string | undefined) => (whole === '\\{{' ? '{{' : formatValue(values[name!]!)));
  return { ok: true, text: out };
}

export function formatValue(v: string | number): string {
  if (typeof v === 'string') return v;
  if (Object.is(v, -0)) return '0';
  if (Number.isInteger(v) || Math.abs(v) >= 1e-6) return Math.abs(v) < 1e21 ? String(v).replace(/e\+?(\d+)$/, 'e$1') : String(v);
  return String(v);
}

/** "line 2, column 5" of a 0-based offset. */
function position(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  const column = Array.from(before.slice(before.lastIndexOf('\n') + 1)).length + 1;
  return `line ${line}, column ${column}`;
}
