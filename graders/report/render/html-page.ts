import { createHash } from 'node:crypto';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** Shared look of every page: system fonts, no external resources, readable when printed. */
export const BASE_CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-soft: #f6f8fa;
  --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --info: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--fg); background: #fff; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .75rem; } h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .4rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .93rem; }
th, td { border: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--bg-soft); }
code, pre { font: .9em/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg-soft); border-radius: 4px; }
code { padding: .1em .3em; overflow-wrap: anywhere; }
pre { padding: .6rem .8rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid var(--line); }
pre code { padding: 0; background: none; }
blockquote { margin: .75rem 0; padding: .4rem .9rem; border-left: 4px solid var(--info); background: #f0f6ff; }
ul { padding-left: 1.4rem; } li { margin: .15rem 0; }
a { color: var(--info); }
.muted { color: var(--muted); }
@media print { main { max-width: none; } a { color: inherit; } }
`;

export interface PageOptions {
  /** Stylesheets beside the page, by relative URL (the math fonts' CSS). */
  stylesheets?: readonly string[];
  /** An inline script that only enhances a page that reads in full without it. */
  script?: string;
}

/**
 * A complete HTML document: inline CSS, no external resources but stylesheets of the reports folder
 * itself, and at most one inline script, allowed by its hash alone (the content security policy
 * runs nothing else, whatever a student's text holds).
 */
export function htmlDocument(title: string, body: string, extraCss = '', options: PageOptions = {}): string {
  const sheets = options.stylesheets ?? [];
  const policy = [
    "default-src 'none'",
    `style-src ${sheets.length ? "'self' " : ''}'unsafe-inline'`,
    ...(sheets.length ? ["font-src 'self'"] : []),
    'img-src data:',
    ...(options.script ? [`script-src 'sha256-${createHash('sha256').update(options.script).digest('base64')}'`] : []),
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<title>${escapeHtml(title)}</title>
${sheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">\n`).join('')}<style>${BASE_CSS}${extraCss}</style>
</head>
<body>
<main>
${body}
</main>
${options.script ? `<script>${options.script}</script>\n` : ''}</body>
</html>
`;
}
