import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportReviewSheet } from '../engine/manual.ts';
import type { SubmissionResult } from '../engine/result.ts';
import { EXIT, UsageError, type Io } from './errors.ts';
import { loadSpecOrThrow } from './load-spec.ts';
import { VERSION } from './version.ts';

export interface ReviewFlags {
  export: string;
  spec: string;
  out: string;
}

/** Reads the canonical results of a finished run, sorted by student id. */
export async function readResults(outDir: string, assignmentId: string): Promise<SubmissionResult[]> {
  const entries = await readdir(outDir, { withFileTypes: true }).catch(() => {
    throw new UsageError(`${outDir}: no reports folder; run \`npm run grade\` first`);
  });
  const results: SubmissionResult[] = [];
  for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = path.join(outDir, e.name, 'dlgrade.json');
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const result = JSON.parse(text) as SubmissionResult;
    if (result.assignment === assignmentId) results.push(result);
  }
  return results;
}

export async function reviewCommand(flags: ReviewFlags, io: Io): Promise<number> {
  const assignment = await loadSpecOrThrow(flags.spec, io);
  const results = await readResults(flags.out, assignment.id);
  if (results.length === 0) throw new UsageError(`${flags.out}: no graded results for ${assignment.id}; run \`npm run grade\` first`);
  const sheet = exportReviewSheet({ assignment, results, outDir: flags.out, run: { version: VERSION, spec: flags.spec, visibleOnly: false, seedSalt: '' } });
  await writeFile(flags.export, sheet);
  const pending = results.reduce((n, r) => n + r.parts.filter((p) => p.status === 'pending').length, 0);
  io.stdout(`${flags.export}: ${pending} answer(s) awaiting review from ${results.length} submission(s). Fill in the scores, then run \`npm run grade -- --manual ${flags.export}\`.\n`);
  return EXIT.ok;
}
