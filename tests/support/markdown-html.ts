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
