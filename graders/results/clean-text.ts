/**
 * Text from students (answers, messages their code sends, file names) reaches XML, HTML, CSV,
 * Markdown and the TA's terminal. Control characters would break the XML (most are not allowed
 * in XML 1.0 at all), move a terminal's cursor or recolour it (ESC, CSI), or hide text; unpaired
 * surrogates cannot be encoded. Each becomes a visible stand-in instead: the Unicode "control
 * picture" of a C0 character (U+2400 + code, ␛ for ESC), and U+FFFD for the rest.
 */
// Tab and line feed are text; everything else below U+0020, DEL, the C1 range, the bidi
// embedding, override and isolate controls (they reorder what a reader sees), the two
// non-characters XML forbids, and lone surrogates are replaced.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  // CR LF and lone CR are line ends, not characters to show.
  const lines = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return lines.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return '\uFFFD';
  });
}

/** True when `cleanText` would change nothing. */
export function isClean(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return !text.includes('\r') && !UNSAFE.test(text);
}

/**
 * Every string of a plain JSON-like value cleaned (keys too), without recursion: results and
 * reports can be any depth a student's value rendered to, and a deep one must not overflow.
 */
export function cleanStrings<T>(value: T): T {
  const clean = (v: unknown): unknown => (typeof v === 'string' ? cleanText(v) : v);
  if (typeof value !== 'object' || value === null) return clean(value) as T;
  const root: unknown = Array.isArray(value) ? [] : {};
  const stack: { from: unknown; to: Record<string, unknown> | unknown[] }[] = [{ from: value, to: root as Record<string, unknown> }];
  while (stack.length > 0) {
    const { from, to } = stack.pop()!;
    if (Array.isArray(from)) {
      const out = to as unknown[];
      for (const item of from) {
        if (typeof item === 'object' && item !== null) {
          const child: unknown[] | Record<string, unknown> = Array.isArray(item) ? [] : {};
          out.push(child);
          stack.push({ from: item, to: child });
        } else out.push(clean(item));
      }
    } else {
      const out = to as Record<string, unknown>;
      for (const [k, item] of Object.entries(from as Record<string, unknown>)) {
        if (typeof item === 'object' && item !== null) {
          const child: unknown[] | Record<string, unknown> = Array.isArray(item) ? [] : {};
          out[cleanText(k)] = child;
          stack.push({ from: item, to: child });
        } else out[cleanText(k)] = clean(item);
      }
    }
  }
  return root as T;
}
