import { readFileSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Where the math stylesheet sits under a reports folder; pages link it by a relative path. */
export const MATH_CSS = 'assets/katex/katex.min.css';

const KATEX_DIST = path.join(path.dirname(createRequire(import.meta.url).resolve('katex/package.json')), 'dist');

/**
 * KaTeX's stylesheet with only its woff2 fonts: every browser that reads MathML-era CSS reads
 * woff2, and the woff and ttf copies would triple what a reports folder carries.
 */
function stylesheet(): { css: string; fonts: string[] } {
  const css = readFileSync(path.join(KATEX_DIST, 'katex.min.css'), 'utf8').replace(/,url\(fonts\/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g, '');
  const fonts = [...new Set([...css.matchAll(/url\(fonts\/([^)]+)\)/g)].map((m) => m[1]!))];
  for (const font of fonts) if (!font.endsWith('.woff2')) throw new Error(`KaTeX's stylesheet still names ${font}; only woff2 fonts are shipped`);
  return { css, fonts };
}

/**
 * Copies the stylesheet and fonts the rendered math needs under `<outDir>/assets/katex/`, so the
 * pages show math from a file, offline, and from an unpacked zip of the folder. A file already
 * there with the same bytes is left alone.
 */
export async function writeMathAssets(outDir: string): Promise<void> {
  const dir = path.join(outDir, path.dirname(MATH_CSS));
  const { css, fonts } = stylesheet();
  await mkdir(path.join(dir, 'fonts'), { recursive: true });
  await writeIfChanged(path.join(outDir, MATH_CSS), Buffer.from(css));
  for (const font of fonts) await writeIfChanged(path.join(dir, 'fonts', font), path.join(KATEX_DIST, 'fonts', font));
}

async function writeIfChanged(file: string, content: Buffer | string): Promise<void> {
  const bytes = typeof content === 'string' ? await readFile(content) : content;
  const existing = await readFile(file).catch(() => undefined);
  if (existing?.equals(bytes)) return;
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  if (typeof content === 'string') await copyFile(content, tmp);
  else await writeFile(tmp, content);
  await rename(tmp, file);
}
