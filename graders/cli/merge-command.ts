import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sortByStudent } from '../engine/grade-all.ts';
import type { SubmissionResult } from '../results/result.ts';
import { writeReports } from '../report/index.ts';
import type { ReportContext, RunInfo } from '../report/types.ts';
import { EXIT, type Io } from './errors.ts';
import { UsageError } from '../errors.ts';
import { loadSpecOrThrow } from './load-spec.ts';
import { readResults } from '../results/result-files.ts';

export interface MergeFlags {
  out: string;
  spec?: string;
}

/**
 * Combines the reports folders of `grade --shard i/n` runs: reads each student's canonical
 * `dlgrade.json` and renders every report again from all of them, exactly as one unsharded run
 * would (reporters depend on the results alone). The shards must agree on the run's settings.
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
  const byStudent = new Map<string, { result: SubmissionResult; dir: string }>();
  for (const dir of dirs) {
    for (const result of await readResults(dir, assignment.id)) {
      const seen = byStudent.get(result.student);
      if (seen) throw new UsageError(`${result.student} is in both ${seen.dir} and ${dir}: shards must not overlap`);
      byStudent.set(result.student, { result, dir });
    }
  }
  const results = [...byStudent.values()].map((x) => x.result);
  sortByStudent(results);
  const ctx: ReportContext = { assignment, results, outDir: flags.out, run: first, print: io.stdout };
  await writeReports(ctx);
  io.stdout(`merged ${results.length} result(s) from ${dirs.length} shard folder(s)\n`);
  return EXIT.ok;
}

async function readRunInfo(dir: string): Promise<RunInfo> {
  const file = path.join(dir, 'summary.json');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`${file}: not found; is ${dir} the --out folder of a finished grading run?`);
  });
  const run = (JSON.parse(text) as { run?: RunInfo }).run;
  if (!run) throw new UsageError(`${file}: no run information`);
  return run;
}
