import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { listSubmissionFiles } from '../submission/submission-files.ts';

/** Everything a student's result depends on besides the harness code itself. */
export interface FingerprintInputs {
  studentId: string;
  /** Digest of the submission folder (see `treeDigest`). */
  submission: string;
  /** Digest of the spec folder. */
  spec: string;
  seedSalt: string;
  visibleOnly: boolean;
  /** dlgrade version: a new release may grade differently. */
  version: string;
}

/**
 * The staleness key of one result: `--resume` reuses a stored result only when this matches, so
 * a changed submission, spec, salt, mode or release is regraded.
 */
export function resultFingerprint(inputs: FingerprintInputs): string {
  const hash = createHash('sha256');
  for (const key of ['studentId', 'submission', 'spec', 'seedSalt', 'visibleOnly', 'version'] as const) {
    hash.update(`${key}\0${String(inputs[key])}\0`);
  }
  return `sha256:${hash.digest('hex')}`;
}

/**
 * Digest of a folder as grading takes it (see listSubmissionFiles): the path and content of every
 * file the sandbox would copy, streamed, so at most the copy's byte limit is read whatever the
 * folder holds; and for every entry refused, its name, reason, size and modification time (a
 * symlink: its target text), so a change to it still makes the result stale without its content
 * being read. An unreadable or absent folder digests as empty so grading, not fingerprinting,
 * reports it.
 */
export async function treeDigest(root: string): Promise<string> {
  const hash = createHash('sha256');
  const listing = await listSubmissionFiles(root);
  for (const file of listing.files) {
    hash.update(`file\0${file.rel}\0${file.size}\0`);
    await hashFile(hash, file.abs, file.size);
  }
  for (const r of listing.refused) {
    const stamp = r.target !== undefined ? r.target : `${r.info?.size ?? ''}\0${r.info?.mtimeMs ?? ''}`;
    hash.update(`refused\0${r.name}\0${r.why}\0${stamp}\0`);
  }
  return hash.digest('hex');
}

/** Streams at most `size` bytes of a file into the hash (a file that grew is not read further). */
async function hashFile(hash: Hash, file: string, size: number): Promise<void> {
  if (size === 0) return;
  try {
    for await (const chunk of createReadStream(file, { start: 0, end: size - 1, highWaterMark: 64 * 1024 })) hash.update(chunk as Buffer);
  } catch (err) {
    hash.update(`unreadable\0${(err as { code?: string }).code ?? 'error'}\0`);
  }
}
