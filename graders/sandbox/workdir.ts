import { rmSync } from 'node:fs';
import { chmod, chown, copyFile, lstat, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

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

const MAX_FILES = 200;

// Copies still on disk; removed at exit too, so a grader that dies mid-run leaves none behind.
const live = new Set<string>();
process.on('exit', () => {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
});
const MAX_TOTAL_BYTES = 20 * 1024 * 1024;

/**
 * Copies the submission's regular files (symlinks, hard links and special files are refused) into
 * a new directory, with the runner and the compiled bundle beside it. When `gid` is given (root),
 * everything is owned by root and readable by that group only, so the child's uid can read but
 * never write, chmod or delete anything there.
 */
export async function makeWorkdir(submissionDir: string, runnerSource: string, bundle: string, gid?: number): Promise<Workdir> {
  const root = await mkdtemp(path.join(tmpdir(), 'dlgrade-sbx-'));
  live.add(root);
  const submission = path.join(root, 'submission');
  const refused: string[] = [];
  const created: string[] = [root];
  const files: string[] = [];
  try {
    await mkdir(submission);
    created.push(submission);
    let count = 0;
    let bytes = 0;
    const walk = async (from: string, to: string, rel: string): Promise<void> => {
      for (const entry of await readdir(from)) {
        const src = path.join(from, entry);
        const dst = path.join(to, entry);
        const name = rel ? `${rel}/${entry}` : entry;
        const info = await lstat(src);
        if (info.isSymbolicLink()) refused.push(`${name}: symbolic link, not copied`);
        else if (info.isDirectory()) {
          if (entry === 'node_modules' || entry === '.git') continue;
          await mkdir(dst);
          created.push(dst);
          await walk(src, dst, name);
        } else if (!info.isFile()) refused.push(`${name}: not a regular file, not copied`);
        else if (info.nlink > 1) refused.push(`${name}: hard link, not copied`);
        else if (++count > MAX_FILES || (bytes += info.size) > MAX_TOTAL_BYTES) refused.push(`${name}: over the limit of ${MAX_FILES} files / ${MAX_TOTAL_BYTES} bytes, not copied`);
        else {
          await copyFile(src, dst);
          files.push(dst);
        }
      }
    };
    await walk(submissionDir, submission, '');
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
