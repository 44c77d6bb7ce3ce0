import { Marked } from 'marked';
import { escapeHtml } from '../../graders/report/html-page.ts';

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
