import { writeFile } from 'node:fs/promises';
import { exportReviewSheet } from '../report/review-sheet.ts';
import { readAdjustedResults } from '../results/adjust.ts';
import { outputError } from '../results/atomic-write.ts';
import { EXIT, type Io } from './errors.ts';
import { UsageError } from '../errors.ts';
import { loadSpecOrThrow } from './load-spec.ts';
import { VERSION } from './version.ts';

export interface ReviewFlags {
  export: string;
  spec: string;
  out: string;
  /** Also list the answers scored already, with their scores. */
  all?: boolean;
}

export async function reviewCommand(flags: ReviewFlags, io: Io): Promise<number> {
  const assignment = await loadSpecOrThrow(flags.spec, io);
  // The store may hold scores entered after these reports were written: what is pending is decided by it.
  const { results } = await readAdjustedResults(flags.out, assignment);
  if (results.length === 0) throw new UsageError(`${flags.out}: no graded results for ${assignment.id}; run \`npm run grade\` first`);
  const all = flags.all ?? false;
  const sheet = exportReviewSheet({ assignment, results, outDir: flags.out, run: { version: VERSION, spec: flags.spec, visibleOnly: false, seedSalt: '' } }, { all });
  await writeFile(flags.export, sheet).catch((err: unknown) => {
    throw outputError(err, flags.export);
  });
  const pending = results.reduce((n, r) => n + r.parts.filter((p) => p.status === 'pending').length, 0);
  const scored = results.reduce((n, r) => n + r.parts.filter((p) => p.manual !== undefined).length, 0);
  const listed = all ? `${pending} answer(s) awaiting review and ${scored} scored already` : `${pending} answer(s) awaiting review`;
  io.stdout(`${flags.export}: ${listed}, from ${results.length} submission(s). Fill in the scores, then run \`npm run grade -- --manual ${flags.export}\`.\n`);
  return EXIT.ok;
}
