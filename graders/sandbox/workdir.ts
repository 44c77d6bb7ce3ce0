import { constants as fsConstants, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { chmod, chown, copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listSubmissionFiles } from '../submission/submission-files.ts';

/** A fresh directory holding only what one sandbox child may read. */
export interface Workdir {
  root: string;
  /** The copy of the submission's regular files (the child's working directory). */
  submission: string;
  runner: string;
  bundle: string;
  /** Files of the submission that were not copied, and why. */
  refused: string[];
  remove(): Promise<void>;
}

// Copies still on disk; removed at exit too (an uncaught fault included), so a grader that dies
// mid-run leaves no student code behind.
const live = new Set<string>();
function removeLive(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
}
process.on('exit', removeLive);

// A signal ends a process without 'exit'. When nothing else in this process handles it, the
// copies are removed and the signal raised again, so the process ends as the signal says (exit
// status 128 + n, no stack trace). When something else does, it decides, and 'exit' cleans up.
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let watching = false;
function watchSignals(): void {
  if (watching) return;
  watching = true;
  for (const signal of SIGNALS) {
    const onSignal = (): void => {
      if (process.listenerCount(signal) > 1) return;
      removeLive();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/**
 * A temporary folder a child of another uid can reach: TMPDIR when every folder on its path lets
 * others through (a private TMPDIR, 0700, does not), else /tmp.
 */
function reachableTmp(): string {
  for (const candidate of [tmpdir(), '/tmp']) {
    let at = path.resolve(candidate);
    let ok = true;
    for (;;) {
      const info = statSync(at, { throwIfNoEntry: false });
      if (!info?.isDirectory() || (info.mode & 0o001) === 0) {
        ok = false;
        break;
      }
      const up = path.dirname(at);
      if (up === at) break;
      at = up;
    }
    if (ok) return candidate;
  }
  throw new Error(`no temporary folder that a sandbox child can reach: ${tmpdir()} and /tmp are closed to other users`);
}

/**
 * Copies the submission's regular files (see listSubmissionFiles: symlinks, hard links, special
 * files, names that are not UTF-8 and paths too long are refused) into
 * a new directory, with the runner and the compiled bundle beside it. When `gid` is given (root),
 * everything is owned by root and readable by that group only, so the child's uid can read but
 * never write, chmod or delete anything there.
 */
export async function makeWorkdir(submissionDir: string, runnerSource: string, bundle: string, gid?: number): Promise<Workdir> {
  watchSignals();
  // Named and registered before it exists: a process that exits while the folder is being made
  // still knows to remove it.
  const root = path.join(gid === undefined ? tmpdir() : reachableTmp(), `dlgrade-sbx-${randomBytes(8).toString('hex')}`);
  live.add(root);
  await mkdir(root, { mode: 0o700 });
  const submission = path.join(root, 'submission');
  const refused: string[] = [];
  const created: string[] = [root];
  const files: string[] = [];
  try {
    await mkdir(submission);
    created.push(submission);
    // The same listing the fingerprint hashes: what is refused here is refused there too.
    const listing = await listSubmissionFiles(submissionDir);
    refused.push(...listing.refused.map((r) => `${r.name}: ${r.why}`));
    for (const file of listing.files) {
      const parts = file.rel.split('/');
      let at = submission;
      for (const dirName of parts.slice(0, -1)) {
        at = path.join(at, dirName);
        if (!created.includes(at)) {
          await mkdir(at);
          created.push(at);
        }
      }
      const dst = path.join(submission, ...parts);
      try {
        await copyFile(file.abs, dst, fsConstants.COPYFILE_EXCL);
        files.push(dst);
      } catch (err) {
        refused.push(`${file.rel}: could not be copied (${(err as { code?: string }).code ?? 'error'}), not copied`);
      }
    }
    const runner = path.join(root, 'runner.cjs');
    const bundlePath = path.join(root, 'solution.bundle.cjs');
    await writeFile(runner, runnerSource);
    await writeFile(bundlePath, bundle);
    files.push(runner, bundlePath);
    if (gid !== undefined) {
      for (const d of created) {
        await chown(d, 0, gid);
        await chmod(d, 0o750);
      }
      for (const f of files) {
        await chown(f, 0, gid);
        await chmod(f, 0o440);
      }
    }
    const remove = async () => {
      await rm(root, { recursive: true, force: true });
      live.delete(root);
    };
    return { root, submission, runner, bundle: bundlePath, refused, remove };
  } catch (err) {
    await rm(root, { recursive: true, force: true });
    live.delete(root);
    throw err;
  }
}
