import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import type { SubmissionResult } from './result.ts';

/** Path of a student's canonical result. */
export function resultPath(outDir: string, studentId: string): string {
  return path.join(outDir, studentId, 'dlgrade.json');
}

/** Reads the canonical results of a finished run, sorted by student id. */
export async function readResults(outDir: string, assignmentId: string): Promise<SubmissionResult[]> {
  const entries = await readdir(outDir, { withFileTypes: true }).catch(() => {
    throw new UsageError(`${outDir}: no reports folder; run \`npm run grade\` first`);
  });
  const results: SubmissionResult[] = [];
  for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = resultPath(outDir, e.name);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const result = JSON.parse(text) as SubmissionResult;
    if (result.assignment === assignmentId) results.push(result);
  }
  return results;
}
