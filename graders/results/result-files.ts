import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { canonicalJson } from './canonical-json.ts';
import { cleanStrings } from './clean-text.ts';
import type { SubmissionResult } from './result.ts';

/** Path of a student's canonical result. */
export function resultPath(outDir: string, studentId: string): string {
  return path.join(outDir, studentId, 'dlgrade.json');
}

/** Writes a student's canonical result, atomically, as canonical JSON. */
export async function writeResult(outDir: string, result: SubmissionResult): Promise<void> {
  await writeFileAtomic(resultPath(outDir, result.student), canonicalJson(result));
}

/** The canonical result of one student in `outDir`, or undefined when absent or not a result of `assignmentId`. */
export async function readResult(outDir: string, studentId: string, assignmentId: string): Promise<SubmissionResult | undefined> {
  const text = await readFile(resultPath(outDir, studentId), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = parsed as Partial<SubmissionResult> | null;
  if (!r || typeof r !== 'object' || r.schemaVersion !== 1 || r.student !== studentId || r.assignment !== assignmentId || !Array.isArray(r.parts)) return undefined;
  // Written by this or an older release, or edited by hand: its text is cleaned like a fresh one.
  return cleanStrings(r as SubmissionResult);
}

/** Reads the canonical results of a finished run, sorted by student id. */
export async function readResults(outDir: string, assignmentId: string): Promise<SubmissionResult[]> {
  const entries = await readdir(outDir, { withFileTypes: true }).catch(() => {
    throw new UsageError(`${outDir}: no reports folder; run \`npm run grade\` first`);
  });
  const results: SubmissionResult[] = [];
  for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const result = await readResult(outDir, e.name, assignmentId);
    if (result) results.push(result);
  }
  return results;
}
