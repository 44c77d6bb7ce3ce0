import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fifo, hardLink, latin1Name, overLongChain } from '../../tests/support/hostile-files.ts';
import { decodeName, listSubmissionFiles, printableName } from './submission-files.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'dlgrade-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('listSubmissionFiles', () => {
  it('takes regular files and refuses, with a reason, everything else; it never throws', async () => {
    const dir = path.join(root, 'mixed');
    const outside = path.join(root, 'outside.yaml');
    mkdirSync(path.join(dir, 'sub'), { recursive: true });
    writeFileSync(path.join(dir, 'answers.yaml'), 'x: 1\n');
    writeFileSync(path.join(dir, 'sub', 'helper.ts'), 'export {}\n');
    writeFileSync(outside, 'y: 2\n');
    hardLink(outside, path.join(dir, 'hard.yaml'));
    symlinkSync('answers.yaml', path.join(dir, 'soft.yaml'));
    fifo(path.join(dir, 'pipe'));
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'sock'), resolve));
    latin1Name(dir);
    try {
      const { files, refused } = await listSubmissionFiles(dir);
      expect(files.map((f) => f.rel)).toEqual(['answers.yaml', 'sub/helper.ts']);
      const why = Object.fromEntries(refused.map((r) => [r.name, r.why]));
      expect(why).toEqual({
        'caf\\xe9.ts': 'file name is not valid UTF-8 (rename it), not copied',
        'hard.yaml': 'hard link (the same file may belong to another folder), not copied',
        pipe: 'a named pipe (FIFO), not a regular file, not copied',
        sock: 'a socket, not a regular file, not copied',
        'soft.yaml': 'symbolic link, not copied',
      });
    } finally {
      server.close();
    }
  });

  it('refuses paths too long or too deep instead of failing on them', async () => {
    const dir = path.join(root, 'deep');
    mkdirSync(dir);
    // Past PATH_MAX (4096) in all, built from two chains each short enough to name.
    const chain = overLongChain(dir);
    try {
      writeFileSync(path.join(dir, 'answers.yaml'), 'x: 1\n');
      const { files, refused } = await listSubmissionFiles(dir);
      expect(files.map((f) => f.rel)).toEqual(['answers.yaml']);
      expect(refused.map((r) => r.why).join('\n')).toMatch(/path longer than 1024 bytes, not copied/);
    } finally {
      chain.undo();
    }
  });

  it('stops listing a folder of too many entries and says so', async () => {
    const dir = path.join(root, 'many');
    mkdirSync(dir);
    for (let i = 0; i < 30; i++) writeFileSync(path.join(dir, `f${i}.txt`), '');
    const { files, refused } = await listSubmissionFiles(dir, { maxFiles: 5, maxTotalBytes: 1000, maxEntries: 20, maxDepth: 4, maxPathBytes: 100 });
    expect(files).toHaveLength(5);
    expect(refused.at(-1)?.why).toBe('more than 20 entries; the rest were not looked at');
  });
});

describe('file names', () => {
  it('decodes valid UTF-8 and shows any bytes readably and reversibly distinct', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 20 }), (bytes) => {
        const b = Buffer.from(bytes);
        const text = decodeName(b);
        if (text !== undefined) expect(Buffer.from(text)).toEqual(b);
        expect(printableName(b)).not.toMatch(/[\u0000-\u001f\ufffd]/);
      }),
    );
  });
});
