import { Marked } from 'marked';
import { escapeHtml } from '../../graders/report/render/html-page.ts';

// A standard renderer, to check that the Markdown reports read as intended once rendered (as on
// GitHub) and that the HTML pages, written directly, show the same text. Raw HTML is printed as
// text, so that a slip in the escaping shows up as text rather than as markup.
const markdown = new Marked({
  gfm: true,
  renderer: {
    html: (token) => escapeHtml(token.text),
  },
});

export function markdownToHtml(md: string): string {
  return markdown.parse(md, { async: false });
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * The text a browser would show for HTML made only of the allowed tags: each tag becomes
 * `separator` (a `<br>` a line break), entities are decoded; any other tag is listed as stray.
 */
export function visibleText(html: string, allowedTags: RegExp, separator = ''): { text: string; strayTags: string[] } {
  const strayTags: string[] = [];
  const withoutTags = html.replace(/<\/?([a-z0-9]+)[^>]*>/gi, (tag, name: string) => {
    if (!allowedTags.test(name.toLowerCase())) strayTags.push(tag);
    return name.toLowerCase() === 'br' ? '\n' : separator;
  });
  return { text: withoutTags.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e), strayTags };
}

/**
 * HTML as its Markdown twin shows it: rendered math (`<span class="math" data-plain="...">`)
 * becomes the plain text it stands for, and HTML-only figures (plots) are dropped, so the rest can
 * be compared text for text.
 */
export function withoutRenderedMath(html: string): string {
  let out = '';
  let at = 0;
  const open = /<span class="math[^"]*" data-plain="([^"]*)">/g;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    out += html.slice(at, m.index) + m[1];
    // Skip to the </span> that closes this one: KaTeX nests spans, never unbalanced.
    const tags = /<(\/?)span\b[^>]*>/g;
    tags.lastIndex = m.index + m[0].length;
    let depth = 1;
    let t: RegExpExecArray | null = null;
    while (depth > 0 && (t = tags.exec(html))) depth += t[1] ? -1 : 1;
    if (!t) throw new Error(`unclosed math span at ${m.index}`);
    at = t.index + t[0].length;
    open.lastIndex = at;
  }
  return (out + html.slice(at)).replace(/<figure class="plot[^"]*">[\s\S]*?<\/figure>/g, '');
}
