import { writeFile } from 'node:fs/promises';
import { exportReviewSheet } from '../engine/manual.ts';
import { readResults } from '../results/result-files.ts';
import { EXIT, type Io } from './errors.ts';
import { UsageError } from '../errors.ts';
import { loadSpecOrThrow } from './load-spec.ts';
import { VERSION } from './version.ts';

export interface ReviewFlags {
  export: string;
  spec: string;
  out: string;
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
