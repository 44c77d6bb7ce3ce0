import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every file under a folder, by relative path, for byte-for-byte comparison of two report trees:
 * text as text, a binary file (the math fonts) as the SHA-256 of its bytes.
 */
export async function readTree(root: string, rel = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(path.join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, await readTree(root, child));
    else out[child] = asText(await readFile(path.join(root, child)));
  }
  return out;
}

function asText(bytes: Buffer): string {
  return bytes.includes(0) ? `sha256:${createHash('sha256').update(bytes).digest('hex')}` : bytes.toString('utf8');
}

/**
 * A report's text with the measured durations taken out (`durationMs` of results, `time` of
 * JUnit, `execution_time` of Gradescope): everything else of a regrade is byte-identical.
 */
export function withoutTimings(text: string): string {
  return text
    .replace(/"durationMs": [0-9.e+-]+/g, '"durationMs": 0')
    .replace(/ time="[0-9.]+"/g, ' time="0"')
    .replace(/"execution_time": [0-9.e+-]+/g, '"execution_time": 0');
}

/** `readTree` with `withoutTimings` applied to every file. */
export async function readTreeWithoutTimings(root: string): Promise<Record<string, string>> {
  return Object.fromEntries(Object.entries(await readTree(root)).map(([k, v]) => [k, withoutTimings(v)]));
}
