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
  } catch {
    return { ok: false, reason: 'absent', message: `${name} not found` };
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
  if (info.size > maxBytes) {
    return { ok: false, reason: 'refused', message: `${name} is ${info.size} bytes; the limit is ${maxBytes}` };
  }
  // Open once and read through the handle, so a file swapped after the checks is not read.
  const handle = await open(file, 'r');
  try {
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
