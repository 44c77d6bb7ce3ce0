import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

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
 * Digest of the regular files under a folder (relative path and content, in sorted order).
 * Symlinks and other special files are skipped, as the sandbox never copies them either; an
 * unreadable or absent folder digests as empty so grading, not fingerprinting, reports it.
 */
export async function treeDigest(root: string): Promise<string> {
  const hash = createHash('sha256');
  for (const rel of await regularFiles(root, '')) {
    const content = await readFile(path.join(root, rel)).catch(() => undefined);
    if (!content) continue;
    hash.update(`${rel}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest('hex');
}

async function regularFiles(root: string, rel: string): Promise<string[]> {
  const entries = await readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await regularFiles(root, child)));
    else if (entry.isFile()) {
      // readdir's type comes from the directory entry; lstat confirms it is not a link swapped in.
      const info = await lstat(path.join(root, child)).catch(() => undefined);
      if (info?.isFile()) out.push(child);
    }
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
