import { escapeHtml } from './html-page.ts';
import { blockText, codeBlock, codeSpan, inlineText, oneLine, paragraphText, spanText, textLines } from './markdown-text.ts';
import { plainMath, splitMath } from '../../pack/math-text.ts';
import { formulaHtml, segmentHtml } from './math.ts';

/**
 * A piece of a report written once and rendered twice: as Markdown (escaped so it reads as the
 * literal text) and as HTML. Building both side by side spares parsing the Markdown back, which
 * cost more than grading the answers-file parts of a submission.
 */
export interface Dual {
  md: string;
  html: string;
}

/** Our own wording: no Markdown or HTML specials in it, so it is the same in both. */
export function words(text: string): Dual {
  return { md: text, html: escapeHtml(text) };
}

/** Untrusted text on one line (line breaks become spaces). */
export function text(value: string): Dual {
  return { md: inlineText(value), html: escapeHtml(oneLine(value)) };
}

/** Untrusted text keeping its line breaks. */
export function lines(value: string): Dual {
  return { md: paragraphText(value), html: textLines(value).map(escapeHtml).join('<br>\n') };
}

/**
 * Text that may mark math with `$...$` (course texts, checker messages): in Markdown the plain
 * text without the delimiters, in HTML the math rendered. One line, like {@link text}.
 */
export function prose(value: string): Dual {
  return remembered(proseSeen, value, () => {
    const flat = oneLine(value);
    return { md: inlineText(plainMath(flat)), html: mathHtml(flat) };
  });
}

/** {@link prose} keeping its line breaks, like {@link lines}. */
export function proseLines(value: string): Dual {
  return remembered(proseLinesSeen, value, () => {
    const rows = textLines(value);
    return { md: paragraphText(plainMath(rows.join('\n'))), html: rows.map(mathHtml).join('<br>\n') };
  });
}

// Prompts, question titles and checkers' feedback repeat on every student's two pages, and
// splitting out their math and escaping them cost more than the rest of a part's section. The
// pieces are frozen: one shared by two pages must never be changed for one of them.
const proseSeen = new Map<string, Dual>();
const proseLinesSeen = new Map<string, Dual>();
const MAX_REMEMBERED = 5000;

function remembered(seen: Map<string, Dual>, value: string, render: () => Dual): Dual {
  let dual = seen.get(value);
  if (dual === undefined) {
    dual = Object.freeze(render());
    if (seen.size >= MAX_REMEMBERED) seen.clear();
    seen.set(value, dual);
  }
  return dual;
}

function mathHtml(line: string): string {
  let html = '';
  for (const s of splitMath(line)) {
    if (s.kind === 'text') html += escapeHtml(s.text);
    else {
      const math = segmentHtml(s.source);
      html += math === undefined ? escapeHtml(s.source) : mathSpan(s.source, math);
    }
  }
  return html;
}

/**
 * Rendered math, with the plain text the Markdown shows in its place (tests compare the two
 * versions through it).
 */
function mathSpan(plain: string, html: string): string {
  return `<span class="math" data-plain="${escapeHtml(plain)}">${html}</span>`;
}

/** A formula answer: as written (a code span), and in HTML also typeset beside it. */
export function formula(value: string): Dual {
  const written = code(value);
  // A number or a lone name reads the same typeset: saying so would only repeat it.
  const html = isSingleLine(value) && !/^\s*(?:[\d.]+|[A-Za-z])\s*$/.test(value) ? formulaHtml(value) : undefined;
  return html === undefined ? written : { md: written.md, html: `${written.html} ${mathSpan('', `<span class="as-read">read as</span> ${html}`)}` };
}

function isSingleLine(value: string): boolean {
  return !/[\r\n]/.test(value);
}

/** A code span that, in HTML, links to an element of the page. */
export function anchorLink(value: string, id: string): Dual {
  const inner = code(value);
  return { md: inner.md, html: `<a href="#${escapeHtml(encodeURIComponent(id))}">${inner.html}</a>` };
}

/** A labelled detail: one line in Markdown, a disclosure (closed) in HTML. */
export function details(summary: Dual, body: Dual): Dual {
  return { md: `${summary.md} ${body.md}`, html: `<details><summary>${summary.html}</summary>${body.html}</details>` };
}

/** A block under a line: both in Markdown, the block folded under the line (closed) in HTML. */
export function disclosure(summary: Dual, block: Dual): Dual {
  return { md: `${summary.md}\n\n${block.md}`, html: `<details class="block"><summary>${summary.html}</summary>\n${block.html}\n</details>` };
}

/** Markup only the HTML page carries (a figure); the Markdown has nothing in its place. */
export function htmlOnly(html: string): Dual {
  return { md: '', html };
}

export function code(value: string): Dual {
  return { md: codeSpan(value), html: `<code>${escapeHtml(spanText(value))}</code>` };
}

export function strong(...parts: Dual[]): Dual {
  const inner = join(parts);
  return { md: `**${inner.md}**`, html: `<strong>${inner.html}</strong>` };
}

export function em(...parts: Dual[]): Dual {
  const inner = join(parts);
  return { md: `*${inner.md}*`, html: `<em>${inner.html}</em>` };
}

export function link(label: string, href: string): Dual {
  return { md: `[${label}](${href})`, html: `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>` };
}

export function join(parts: readonly Dual[], separator = ''): Dual {
  // Concatenated rather than Array#join: a page is pieces joined inside pieces, and join copies
  // each level's text again, where + leaves one copy to make when the page is written.
  let md = '';
  let html = '';
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) {
      md += separator;
      html += separator;
    }
    md += parts[i]!.md;
    html += parts[i]!.html;
  }
  return { md, html };
}

export function heading(level: 1 | 2 | 3, ...parts: Dual[]): Dual {
  const inner = join(parts);
  return { md: `${'#'.repeat(level)} ${inner.md}`, html: `<h${level}>${inner.html}</h${level}>` };
}

/** A heading an HTML link can point to (`#id`); Markdown renderers give headings anchors of their own. */
export function anchoredHeading(level: 2 | 3, id: string, ...parts: Dual[]): Dual {
  const inner = join(parts);
  return { md: `${'#'.repeat(level)} ${inner.md}`, html: `<h${level} id="${escapeHtml(id)}">${inner.html}</h${level}>` };
}

export function paragraph(...parts: Dual[]): Dual {
  const inner = join(parts);
  return { md: inner.md, html: `<p>${inner.html}</p>` };
}

export function quote(...parts: Dual[]): Dual {
  const inner = join(parts);
  return { md: `> ${inner.md}`, html: `<blockquote><p>${inner.html}</p></blockquote>` };
}

export const rule: Dual = { md: '---', html: '<hr>' };

/** A table whose first row is its header. Cells are inline pieces. */
export function table(header: readonly Dual[], rows: readonly (readonly Dual[])[]): Dual {
  const mdRow = (cells: readonly Dual[]) => `| ${cells.map((c) => c.md).join(' | ')} |`;
  const htmlRow = (cells: readonly Dual[], tag: 'th' | 'td') => `<tr>${cells.map((c) => `<${tag}>${c.html}</${tag}>`).join('')}</tr>`;
  return {
    md: [mdRow(header), `|${header.map(() => ' --- |').join('')}`, ...rows.map(mdRow)].join('\n'),
    html: `<table>\n<thead>${htmlRow(header, 'th')}</thead>\n<tbody>\n${rows.map((r) => htmlRow(r, 'td')).join('\n')}\n</tbody>\n</table>`,
  };
}

/** A list item: an inline line, then an optional block (a code block or a nested list). */
export interface Item {
  line: Dual;
  /** A literal block shown under the line. */
  block?: string;
  children?: readonly Item[];
}

/** A bulleted list, nested by two spaces per level in Markdown. */
export function list(items: readonly Item[], indent = 0): Dual {
  const pad = ' '.repeat(indent);
  const md = items.map((item) => {
    let out = `${pad}- ${item.line.md}`;
    if (item.block !== undefined) out += `\n\n${codeBlock(item.block, indent + 2)}\n`;
    if (item.children?.length) out += `\n${list(item.children, indent + 2).md}`;
    return out;
  });
  const html = items.map((item) => {
    let out = `<li>${item.line.html}`;
    if (item.block !== undefined) out += `\n<pre><code>${escapeHtml(blockText(item.block))}</code></pre>\n`;
    if (item.children?.length) out += `\n${list(item.children, indent + 2).html}\n`;
    return `${out}</li>`;
  });
  return { md: md.join('\n'), html: `<ul>\n${html.join('\n')}\n</ul>` };
}

/** Blocks separated by a blank line in Markdown, a line break in HTML; an empty side is left out. */
export function blocks(parts: readonly Dual[]): Dual {
  let md = '';
  let html = '';
  for (const p of parts) {
    if (p.md !== '') md = md === '' ? p.md : `${md}\n\n${p.md}`;
    if (p.html !== '') html = html === '' ? p.html : `${html}\n\n${p.html}`;
  }
  return { md, html };
}
