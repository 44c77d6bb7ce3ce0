import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatSheetError, loadManualSheet } from '../engine/manual.ts';
import type { Assignment } from '../pack/types.ts';
import { renderStoreChanges } from '../report/render/terminal-text.ts';
import { exportReviewSheet } from '../report/review-sheet.ts';
import type { RunInfo } from '../report/types.ts';
import type { SubmissionResult } from '../results/result.ts';
import { readAdjustedResults } from '../results/adjust.ts';
import { outputError } from '../results/atomic-write.ts';
import { taStorePath } from '../results/ta-store.ts';
import { readRunInfo, rerenderReports } from '../review/review-reports.ts';
import { EXIT, type Io } from './errors.ts';
import { openBrowser } from './open-browser.ts';
import { UsageError } from '../errors.ts';
import { loadSpecOrThrow } from './load-spec.ts';
import { VERSION } from './version.ts';

export interface ReviewFlags {
  spec: string;
  out: string;
  /** Write the answers awaiting review to this YAML sheet. */
  export?: string;
  /** Store the scores of this filled-in sheet and rewrite the reports (no regrade). */
  import?: string;
  /** Serve the review page. */
  serve?: boolean;
  port?: string;
  /** Open the page in a browser when one can be (default: yes). */
  open?: boolean;
  /** Also list the answers scored already, with their scores. */
  all?: boolean;
}

/** Until this resolves (a signal, in the CLI) the page is served; tests stop it by a signal too. */
export interface ReviewRuntime {
  stopped: Promise<string>;
}

export async function reviewCommand(flags: ReviewFlags, io: Io, runtime?: ReviewRuntime): Promise<number> {
  const modes = [flags.export !== undefined, flags.import !== undefined, flags.serve === true].filter(Boolean).length;
  if (modes !== 1) throw new UsageError('review needs exactly one of --serve (the review page), --export <file> (a sheet to fill in) or --import <file> (a filled-in sheet)');
  const port = flags.port === undefined ? 0 : parsePort(flags.port);
  if (flags.port !== undefined && !flags.serve) throw new UsageError('--port goes with --serve');
  const assignment = await loadSpecOrThrow(flags.spec, io);
  // The store may hold scores entered after these reports were written: what is pending is decided by it.
  const { results } = await readAdjustedResults(flags.out, assignment);
  if (results.length === 0) throw new UsageError(`${flags.out}: no graded results for ${assignment.id}; run \`npm run grade\` first`);
  if (flags.export !== undefined) return exportSheet(flags as ReviewFlags & { export: string }, assignment, results, io);
  const run = await runInfo(flags, results[0]!.visibleOnly, io);
  if (flags.import !== undefined) return importSheet(flags.import, flags, assignment, results.map((r) => r.student), run, io);
  return serve(flags, assignment, run, port, io, runtime);
}

async function exportSheet(flags: ReviewFlags & { export: string }, assignment: Assignment, results: readonly SubmissionResult[], io: Io): Promise<number> {
  const all = flags.all ?? false;
  const sheet = exportReviewSheet({ assignment, results, outDir: flags.out, run: { version: VERSION, spec: flags.spec, visibleOnly: false, seedSalt: '' } }, { all });
  await writeFile(flags.export, sheet).catch((err: unknown) => {
    throw outputError(err, flags.export);
  });
  const pending = results.reduce((n, r) => n + r.parts.filter((p) => p.status === 'pending').length, 0);
  const scored = results.reduce((n, r) => n + r.parts.filter((p) => p.manual !== undefined).length, 0);
  const listed = all ? `${pending} answer(s) awaiting review and ${scored} scored already` : `${pending} answer(s) awaiting review`;
  io.stdout(`${flags.export}: ${listed}, from ${results.length} submission(s). Fill in the scores, then run \`npm run review -- --import ${flags.export}\` (or grade with \`--manual ${flags.export}\`).\n`);
  return EXIT.ok;
}

/** A filled-in sheet into the store, then the reports rewritten: what `grade --manual` does, without grading again. */
async function importSheet(file: string, flags: ReviewFlags, assignment: Assignment, classIds: readonly string[], run: RunInfo, io: Io): Promise<number> {
  const { scores, errors } = loadManualSheet(file, assignment, classIds);
  if (errors.length > 0) {
    for (const e of errors) io.stderr(`${formatSheetError(e)}\n`);
    throw new UsageError(`--import ${file}: ${errors.length} error(s); nothing was stored`);
  }
  const outcome = await rerenderReports({ outDir: flags.out, assignment, specDir: flags.spec, run, input: { sheet: { source: file, scores } } });
  io.stdout(renderStoreChanges(outcome.changes, taStorePath(flags.out)));
  io.stdout(`Reports of ${outcome.students} student(s) in ${flags.out} rewritten from the TA store.\n`);
  return EXIT.ok;
}

async function serve(flags: ReviewFlags, assignment: Assignment, run: RunInfo, port: number, io: Io, runtime: ReviewRuntime | undefined): Promise<number> {
  const { startReviewServer } = await import('../review/review-server.ts');
  let server;
  try {
    server = await startReviewServer({ outDir: flags.out, assignment, specDir: flags.spec, run, port, onRenderError: (m) => io.stderr(`error: the reports could not be rewritten: ${m}\n`) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`--port ${port}: the port is in use; choose another, or leave --port out for a free one`);
    if (code === 'EACCES') throw new UsageError(`--port ${port}: not allowed to listen there; choose a port above 1023`);
    throw err;
  }
  // The address comes first, alone on its line: scripts (and people) take the first http:// line.
  io.stdout(`${server.url}\n`);
  io.stdout(`Review page for ${assignment.id}, scoring into ${taStorePath(flags.out)}; reports in ${flags.out} are rewritten after each score. Only this address (with its token) opens it. Stop with Ctrl+C.\n`);
  if (flags.open !== false) openBrowser(server.url, () => io.stderr('note: no browser could be opened; open the address above yourself\n'));
  const why = await (runtime?.stopped ?? untilSignal());
  io.stdout(`${why}: stopping the review page${server.renderState().rendering ? ' once the reports are rewritten' : ''}.\n`);
  await server.close();
  const error = server.renderState().error;
  if (error) throw new UsageError(`the reports in ${flags.out} could not be rewritten (${error}); the scores are in the TA store: run \`npm run grade -- --resume\` to rewrite them`);
  return EXIT.ok;
}

/** The run's settings, from the reports folder; a folder without them is reported as this version's. */
async function runInfo(flags: ReviewFlags, visibleOnly: boolean, io: Io): Promise<RunInfo> {
  const run = await readRunInfo(flags.out);
  if (run) return run;
  io.stderr(`warning: ${path.join(flags.out, 'summary.json')} is missing or unreadable; rewritten reports say they were graded by this version with spec ${flags.spec}\n`);
  return { version: VERSION, spec: path.relative(process.cwd(), path.resolve(flags.spec)) || '.', visibleOnly, seedSalt: '' };
}

function parsePort(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(n) || n > 65535) throw new UsageError(`--port expects a port number from 0 to 65535 (0: any free port), found "${text}"`);
  return n;
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
