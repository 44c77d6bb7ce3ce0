import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.ts';

/**
 * Temporary files of atomic writes: `.<name>.<pid>.<random>.tmp`, beside the file. The leading dot
 * keeps them apart from every student folder (a student id starts with a letter or digit), so a
 * clean-up of leftovers can never touch a student's reports.
 */
export const TEMPORARY_FILE = /^\..+\.\d+\.[a-z0-9]+\.tmp$/;

/** Errors of the output folder itself: the TA must fix the disk or the folder, not dlgrade. */
const OUTPUT_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a file stands where a folder is needed',
};

/** A report or store that cannot be written because of the output folder (full, read-only, ...). */
export class OutputError extends UsageError {
  override name = 'OutputError';
}

/**
 * Writes via a temporary file and a rename, so a reader (or a resumed run) never sees half a file.
 * The calls are synchronous: a report is a few hundred KB into the page cache, and the promise
 * API's round trips through the thread pool cost more CPU than the writes (about 0.15 ms a file,
 * of a student's six). Async still, so a caller need not know.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2) || '0'}.tmp`);
  try {
    // The folder exists for all but the first file written into it: make it only when the write
    // says it is missing, instead of a recursive mkdir (a walk of the path) before every file.
    try {
      writeFileSync(tmp, content);
    } catch (err) {
      if ((err as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT') throw err;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(tmp, content);
    }
    renameSync(tmp, file);
  } catch (err) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // The write's own error is the one to report.
    }
    throw outputError(err, file);
  }
}

/** The error as an OutputError when it is one of the output folder's; unchanged otherwise. */
export function outputError(err: unknown, file: string): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const why = code ? OUTPUT_ERRORS[code] : undefined;
  return why ? new OutputError(`cannot write ${file}: ${why} (${code})`) : err;
}
