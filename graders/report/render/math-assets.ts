import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the math stylesheet sits under a reports folder; pages link it by a relative path. */
export const MATH_CSS = 'assets/katex/katex.min.css';

// The packaged CLI carries KaTeX's stylesheet, fonts and licence beside its bundle
// (scripts/build.mjs); from the source tree they are read from the installed package.
const BUNDLED = fileURLToPath(new URL('./katex/', import.meta.url));
const KATEX_ROOT = existsSync(BUNDLED) ? undefined : path.dirname(createRequire(import.meta.url).resolve('katex/package.json'));
const KATEX_DIST = KATEX_ROOT ? path.join(KATEX_ROOT, 'dist') : BUNDLED;
const KATEX_LICENSE = KATEX_ROOT ? path.join(KATEX_ROOT, 'LICENSE') : path.join(BUNDLED, 'LICENSE');

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
  // KaTeX's fonts travel with the pages: so does their licence (MIT).
  await writeIfChanged(path.join(dir, 'LICENSE'), KATEX_LICENSE);
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
