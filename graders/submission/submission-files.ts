import type { Dir, Stats } from 'node:fs';
import { lstat, opendir, readlink } from 'node:fs/promises';

/**
 * What of a submission folder the grader takes: the sandbox copies exactly these files and the
 * fingerprint hashes exactly these bytes, so no file is read that grading would not read.
 */
export const SUBMISSION_FILE_LIMITS = {
  /** Regular files taken. */
  maxFiles: 200,
  /** Bytes of all files taken together. */
  maxTotalBytes: 20 * 1024 * 1024,
  /** Entries looked at in all (a folder of a million files is not listed to the end). */
  maxEntries: 2000,
  /** Folder levels below the submission folder. */
  maxDepth: 16,
  /** Bytes of a path relative to the submission folder (PATH_MAX is 4096 for the whole path). */
  maxPathBytes: 1024,
};

/** Folders that are never part of an answer. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export interface TakenFile {
  /** Relative path, `/`-separated, valid UTF-8. */
  rel: string;
  /** Absolute path. */
  abs: string;
  size: number;
}

export interface RefusedEntry {
  /** Relative path as people read it (bytes that are not UTF-8 shown as `\xNN`). */
  name: string;
  /** Why it was not taken, e.g. `hard link, not copied`. */
  why: string;
  /** Its lstat, when there was one: the fingerprint records size and time instead of content. */
  info?: Stats;
  /** A symlink's target text. */
  target?: string;
}

export interface SubmissionFiles {
  /** In path order. */
  files: TakenFile[];
  /** In the order found. */
  refused: RefusedEntry[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A file name as bytes, decoded when it is valid UTF-8 (Windows zips often are not). */
export function decodeName(name: Buffer): string | undefined {
  try {
    const text = utf8.decode(name);
    return text.includes('/') || text.includes('\0') ? undefined : text;
  } catch {
    return undefined;
  }
}

/** A name people can read, whatever its bytes: invalid UTF-8 and control bytes as `\xNN`. */
export function printableName(name: Buffer): string {
  let out = '';
  let i = 0;
  while (i < name.length) {
    const b = name[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    const piece = len ? decodeName(name.subarray(i, i + len)) : undefined;
    if (piece !== undefined && piece.length > 0 && !/[\u0000-\u001f\u007f-\u009f]/.test(piece)) {
      out += piece;
      i += len;
    } else {
      out += `\\x${b.toString(16).padStart(2, '0')}`;
      i += 1;
    }
  }
  return out;
}

/**
 * Lists what the grader takes of a submission folder: regular files with a single link, under
 * names that are valid UTF-8, within the limits above, in sorted path order. Everything else is
 * refused with the reason, never an exception: symlinks, hard links (the same file may sit in
 * another folder), FIFOs, sockets and devices, names that are not UTF-8, paths too long or too
 * deep, entries that cannot be read, and files past the count or size limits.
 */
export async function listSubmissionFiles(root: string, limits = SUBMISSION_FILE_LIMITS): Promise<SubmissionFiles> {
  const files: TakenFile[] = [];
  const refused: RefusedEntry[] = [];
  let entries = 0;
  let bytes = 0;
  let cutShort = false;
  const walk = async (absDir: string, relDir: string, depth: number): Promise<void> => {
    let dir: Dir;
    try {
      dir = await opendir(absDir, { encoding: 'buffer' as BufferEncoding });
    } catch (err) {
      refused.push({ name: relDir || '.', why: `folder cannot be read (${errCode(err)}), not copied` });
      return;
    }
    const names: Buffer[] = [];
    try {
      for await (const entry of dir) {
        if (++entries > limits.maxEntries) {
          cutShort = true;
          break;
        }
        names.push(entry.name as unknown as Buffer);
      }
    } catch (err) {
      refused.push({ name: relDir || '.', why: `folder cannot be read to the end (${errCode(err)})` });
    } finally {
      await dir.close().catch(() => undefined);
    }
    names.sort(Buffer.compare);
    for (const raw of names) {
      const text = decodeName(raw);
      const shown = relDir ? `${relDir}/${printableName(raw)}` : printableName(raw);
      if (text === undefined) {
        refused.push({ name: shown, why: 'file name is not valid UTF-8 (rename it), not copied' });
        continue;
      }
      const rel = relDir ? `${relDir}/${text}` : text;
      if (Buffer.byteLength(rel) > limits.maxPathBytes) {
        refused.push({ name: `${rel.slice(0, 80)}…`, why: `path longer than ${limits.maxPathBytes} bytes, not copied` });
        continue;
      }
      const abs = `${absDir}/${text}`;
      let info: Stats;
      try {
        info = await lstat(abs);
      } catch (err) {
        refused.push({ name: rel, why: `cannot be read (${errCode(err)}), not copied` });
        continue;
      }
      if (info.isSymbolicLink()) {
        const target = await readlink(abs).catch(() => '');
        refused.push({ name: rel, why: 'symbolic link, not copied', info, target });
      } else if (info.isDirectory()) {
        if (SKIPPED_DIRS.has(text)) continue;
        if (depth + 1 > limits.maxDepth) refused.push({ name: rel, why: `folder nested more than ${limits.maxDepth} levels deep, not copied`, info });
        else await walk(abs, rel, depth + 1);
      } else if (!info.isFile()) {
        refused.push({ name: rel, why: `${specialKind(info)}, not a regular file, not copied`, info });
      } else if (info.nlink > 1) {
        refused.push({ name: rel, why: 'hard link (the same file may belong to another folder), not copied', info });
      } else if (files.length >= limits.maxFiles || bytes + info.size > limits.maxTotalBytes) {
        refused.push({ name: rel, why: `over the limit of ${limits.maxFiles} files / ${limits.maxTotalBytes} bytes, not copied`, info });
      } else {
        bytes += info.size;
        files.push({ rel, abs, size: info.size });
      }
    }
  };
  await walk(root, '', 0);
  if (cutShort) refused.push({ name: '.', why: `more than ${limits.maxEntries} entries; the rest were not looked at` });
  return { files, refused };
}

function specialKind(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'a special file';
}

function errCode(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : 'error';
}
