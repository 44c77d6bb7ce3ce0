import { roundPoints } from '../../results/score.ts';

/**
 * Putting untrusted text (student answers, messages that quote them) into Markdown so that it
 * reads as the literal text in any renderer: no markup, no raw HTML, no broken tables.
 */

/**
 * Backslash-escapes every character that can open inline markup (emphasis, code, links, raw HTML,
 * entities, table cells, strikethrough), breaks bare-URL autolinks, and escapes a leading block
 * marker (heading, list, quote) so the text can start a line. Other punctuation is left alone to
 * keep the Markdown file readable.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>&|~]/g, (ch) => `\\${ch}`)
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^(\s*)([#+=-]|\d+(?=[.)]))/, (_m, space: string, marker: string) => (/\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`));
}

/** Text on one line: each line break, with the spaces around it, becomes one space. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** The lines of a text that are not blank, trimmed. */
export function textLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The text of a code span: line breaks become spaces, everything else is kept. */
export function spanText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/** Escaped text on one line, e.g. for a table cell or a heading. */
export function inlineText(text: string): string {
  return escapeMarkdown(oneLine(text));
}

/** Escaped text keeping its line breaks (as hard breaks) inside one paragraph. */
export function paragraphText(text: string): string {
  return textLines(text).map(escapeMarkdown).join('\\\n');
}

/** A code span that holds any single-line text, backticks included. */
export function codeSpan(text: string): string {
  const flat = spanText(text);
  const fence = '`'.repeat(longestRun(flat, '`') + 1);
  // CommonMark strips one space from each end when both are spaces, and needs one beside a backtick.
  const pad = /^[` ]|[` ]$/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** The text of a code block: line breaks as \n, without a final one. */
export function blockText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\n$/, '');
}

/** A fenced code block that no line of `text` can close early, indented by `indent` spaces. */
export function codeBlock(text: string, indent = 0): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  const pad = ' '.repeat(indent);
  const body = blockText(text).split('\n');
  return [`${fence}text`, ...body, fence].map((line) => (line === '' ? '' : pad + line)).join('\n');
}

/** Short values read best inline; long or multi-line ones get a block. */
export function isShort(text: string): boolean {
  return !/[\r\n]/.test(text) && text.length <= 100;
}

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

/** Points without float noise: 7.5, 10, 0.333333. */
export function points(x: number): string {
  return String(roundPoints(x));
}
