/** Renders values for feedback: numbers with up to `digits` significant digits, arrays inline. */
export function renderValue(value: unknown, digits = 6, maxChars = 2000): string {
  const text = render(value, digits);
  return text.length > maxChars ? `${text.slice(0, maxChars)} …` : text;
}

function render(value: unknown, digits: number): string {
  if (typeof value === 'number') return fmt(value, digits);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return `[${Array.from(value as ArrayLike<unknown>, (v) => render(v, digits)).join(', ')}]`;
  }
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'object') {
    return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${render(v, digits)}`).join(', ')} }`;
  }
  return JSON.stringify(value) ?? String(value);
}

export function fmt(n: number, digits = 6): string {
  if (!Number.isFinite(n)) return String(n);
  if (Object.is(n, -0)) return '0';
  return String(Number(n.toPrecision(digits)));
}

/** `mu = [0.5, -1], logVar = [0, 0]`. */
export function renderArgs(params: readonly string[], args: readonly unknown[]): string {
  return args.map((a, i) => `${params[i] ?? `arg${i}`} = ${renderValue(a, 17, 600)}`).join(', ');
}

/** What a value is, for "expected a number, got …" messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : `the number ${fmt(value)}`;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const n = (value as ArrayLike<unknown>).length;
    return `an array of ${n}`;
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length ? `an object with keys ${keys.join(', ')}` : 'an empty object';
  }
  return `a ${typeof value}`;
}
