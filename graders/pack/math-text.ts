/**
 * How course texts mark math: `$...$` around the pack's own ASCII notation. A pack convention, so
 * it sits with the pack: the reports typeset the segments, plain-text outputs (answer skeletons,
 * Markdown, CI logs) drop the delimiters.
 */

/** A run of text, or a math segment in the pack's ASCII notation. */
export type Segment = { kind: 'text'; text: string } | { kind: 'math'; source: string };

/**
 * Splits `$...$` segments out of a text. `\$` is a literal dollar sign; an unpaired `$`, an empty
 * pair or a segment that spans a line break is text, so prose that merely mentions dollars reads
 * as written.
 */
export function splitMath(text: string): Segment[] {
  const out: Segment[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\' && text[i + 1] === '$') {
      plain += '$';
      i += 2;
      continue;
    }
    if (ch === '$') {
      const end = closingDollar(text, i + 1);
      if (end !== undefined) {
        if (plain) out.push({ kind: 'text', text: plain });
        plain = '';
        out.push({ kind: 'math', source: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    plain += ch;
    i += 1;
  }
  if (plain) out.push({ kind: 'text', text: plain });
  return out;
}

function closingDollar(text: string, from: number): number | undefined {
  for (let j = from; j < text.length; j++) {
    const c = text[j]!;
    if (c === '\n' || c === '\r') return undefined;
    if (c === '\\' && text[j + 1] === '$') return undefined;
    if (c === '$') return j > from && text.slice(from, j).trim() !== '' ? j : undefined;
  }
  return undefined;
}

/** The text with its math delimiters removed: what the Markdown and plain-text reports show. */
export function plainMath(text: string): string {
  return splitMath(text)
    .map((s) => (s.kind === 'text' ? s.text : s.source))
    .join('');
}
