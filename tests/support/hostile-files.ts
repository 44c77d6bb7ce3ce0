import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Entries git cannot hold, made at run time in a scratch folder.

/** Creates a file whose name holds Latin-1 bytes (`café.ts` as a Windows zip writes it). */
export function latin1Name(dir: string, content = 'export {}\n'): void {
  writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0x63, 0x61, 0x66, 0xe9]), Buffer.from('.ts')]), content);
}

/** A folder whose own name is not UTF-8 (`Jos\xe9`), with a file in it. */
export function latin1Folder(parent: string): void {
  const dir = Buffer.concat([Buffer.from(`${parent}/`), Buffer.from([0x4a, 0x6f, 0x73, 0xe9])]);
  mkdirSync(dir);
  writeFileSync(Buffer.concat([dir, Buffer.from('/answers.yaml')]), 'q1.1: { receptive_field: 5 }\n');
}

export function fifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

/** `file` becomes a second name of `target`, which may lie outside the folder. */
export function hardLink(target: string, file: string): void {
  linkSync(target, file);
}

/**
 * A folder chain under `dir` whose deepest file's path is longer than PATH_MAX (4096), built from
 * two chains each short enough to name. `undo()` brings it back within reach of `rm`.
 */
export function overLongChain(dir: string): { undo(): void } {
  const level = 'd'.repeat(200);
  const chain = (base: string) => path.join(base, ...Array<string>(12).fill(level));
  mkdirSync(chain(path.join(dir, 'p1')), { recursive: true });
  mkdirSync(chain(path.join(dir, 'p2')), { recursive: true });
  writeFileSync(path.join(chain(path.join(dir, 'p2')), 'deep.ts'), 'export {}\n');
  const inner = path.join(chain(path.join(dir, 'p1')), 'p2');
  renameSync(path.join(dir, 'p2'), inner);
  return { undo: () => renameSync(inner, path.join(dir, 'p2')) };
}
