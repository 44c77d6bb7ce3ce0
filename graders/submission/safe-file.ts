import { constants as fsConstants } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import path from 'node:path';

export type SafeReadResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'absent' | 'refused'; message: string };

/**
 * Reads a file that a student controls. A symlink is followed only when it stays inside the
 * student's folder (a link to another student's answers must not grade them as ours), anything
 * but a regular file is refused, and the size is capped before a byte is read.
 */
export async function readStudentFile(studentDir: string, name: string, maxBytes: number): Promise<SafeReadResult> {
  const file = path.join(studentDir, name);
  let info;
  try {
    info = await lstat(file);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'absent', message: `${name} not found` };
    return { ok: false, reason: 'refused', message: `${name} cannot be read (${code ?? 'error'})` };
  }
  if (info.isSymbolicLink()) {
    let target: string;
    let root: string;
    try {
      [target, root] = await Promise.all([realpath(file), realpath(studentDir)]);
    } catch {
      return { ok: false, reason: 'refused', message: `${name} is a symlink whose target does not exist` };
    }
    if (!isInside(root, target)) {
      return { ok: false, reason: 'refused', message: `${name} is a symlink to a file outside the submission folder; refused` };
    }
    info = await lstat(target);
  }
  if (!info.isFile()) {
    return { ok: false, reason: 'refused', message: `${name} is not a regular file` };
  }
  // A hard link is the same file as one elsewhere (another student's, say): its content is not
  // this student's to claim.
  if (info.nlink > 1) {
    return { ok: false, reason: 'refused', message: `${name} is a hard link (the same file may belong to another folder); submit a regular file` };
  }
  if (info.size > maxBytes) {
    return { ok: false, reason: 'refused', message: `${name} is ${info.size} bytes; the limit is ${maxBytes}` };
  }
  // Open once and read through the handle, so a file swapped after the checks is not read; never
  // blocking (a FIFO swapped in) and checked again on the open file itself.
  let handle;
  try {
    handle = await open(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (err) {
    return { ok: false, reason: 'refused', message: `${name} cannot be read (${(err as { code?: string }).code ?? 'error'})` };
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile() || opened.nlink > 1 || opened.ino !== info.ino || opened.dev !== info.dev) {
      return { ok: false, reason: 'refused', message: `${name} changed while it was being read; refused` };
    }
    const buf = Buffer.alloc(maxBytes + 1);
    const { bytesRead } = await handle.read(buf, 0, maxBytes + 1, 0);
    if (bytesRead > maxBytes) {
      return { ok: false, reason: 'refused', message: `${name} is larger than the limit of ${maxBytes} bytes` };
    }
    return { ok: true, text: buf.subarray(0, bytesRead).toString('utf8') };
  } finally {
    await handle.close();
  }
}

export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
