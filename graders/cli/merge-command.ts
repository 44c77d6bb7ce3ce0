import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runGrading, storeEntries } from '../engine/run.ts';
import type { SubmissionResult } from '../results/result.ts';
import { REPORTERS } from '../report/registry.ts';
import { gradebookReporters, parseGradebookFlags } from '../report/gradebook-exports.ts';
import { renderStoreChanges } from '../report/render/terminal-text.ts';
import type { RunInfo } from '../report/types.ts';
import { EXIT, type Io } from './errors.ts';
import { UsageError } from '../errors.ts';
import { loadSpecOrThrow } from './load-spec.ts';
import { readResults } from '../results/result-files.ts';
import { readTaStore, taStorePath } from '../results/ta-store.ts';

export interface MergeFlags {
  out: string;
  spec?: string;
  gradebook?: string[];
  gradebookColumns?: string;
  canvasAssignmentId?: string;
}

/**
 * Combines the reports folders of `grade --shard i/n` runs: reads each student's canonical
 * `dlgrade.json` and the TA entries of every shard, and reports them as one unsharded run would
 * (the same run as `grade`, with nothing left to grade). The shards must agree on the settings.
 */
export async function mergeCommand(dirs: readonly string[], flags: MergeFlags, io: Io): Promise<number> {
  const runs = await Promise.all(dirs.map((d) => readRunInfo(d)));
  const first = runs[0]!;
  runs.forEach((r, i) => {
    for (const key of ['version', 'spec', 'visibleOnly', 'seedSalt'] as const) {
      if (r[key] !== first[key]) {
        throw new UsageError(`${dirs[i]} was graded with ${key} ${JSON.stringify(r[key])}, ${dirs[0]} with ${JSON.stringify(first[key])}; regrade the shards alike`);
      }
    }
  });
  const assignment = await loadSpecOrThrow(flags.spec ?? first.spec, io);
  const gradebooks = parseGradebookFlags(flags.gradebook ?? [], flags.gradebookColumns, flags.canvasAssignmentId, assignment);
  const byStudent = new Map<string, { result: SubmissionResult; dir: string }>();
  const entries = [];
  for (const dir of dirs) {
    for (const result of await readResults(dir, assignment.id)) {
      const seen = byStudent.get(result.student);
      if (seen) throw new UsageError(`${result.student} is in both ${seen.dir} and ${dir}: shards must not overlap`);
      byStudent.set(result.student, { result, dir });
    }
    entries.push({ source: `merge of ${dir}`, entries: storeEntries(await readTaStore(taStorePath(dir), assignment.id)) });
  }
  const stored = [...byStudent.values()].map((x) => x.result);
  const outcome = await runGrading({
    assignment,
    specDir: flags.spec ?? first.spec,
    submissions: [],
    classIds: stored.map((r) => r.student),
    outDir: flags.out,
    jobs: 1,
    visibleOnly: first.visibleOnly,
    seedSalt: first.seedSalt,
    resume: false,
    version: first.version,
    run: first,
    reporters: [...REPORTERS, ...gradebookReporters(gradebooks)],
    print: io.stdout,
    keepOthers: false,
    stored,
    input: { entries },
  });
  if (outcome.changes.length > 0) io.stdout(renderStoreChanges(outcome.changes, taStorePath(flags.out)));
  io.stdout(`merged ${outcome.results.length} result(s) from ${dirs.length} shard folder(s)\n`);
  return EXIT.ok;
}

async function readRunInfo(dir: string): Promise<RunInfo> {
  const file = path.join(dir, 'summary.json');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`${file}: not found; is ${dir} the --out folder of a finished grading run?`);
  });
  let run: RunInfo | undefined;
  try {
    run = (JSON.parse(text) as { run?: RunInfo }).run;
  } catch {
    throw new UsageError(`${file}: not valid JSON; regrade that shard`);
  }
  if (!run) throw new UsageError(`${file}: no run information`);
  return run;
}
