import { mkdir, mkdtemp, open, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultFingerprint, treeDigest, type FingerprintInputs } from './fingerprint.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dlgrade-fp-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const base: FingerprintInputs = { studentId: 'ada', submission: 'a', spec: 'b', seedSalt: '', visibleOnly: false, version: '0.1.0' };

describe('result fingerprint', () => {
  it('changes when any one input changes', () => {
    fc.assert(
      fc.property(fc.constantFrom<keyof FingerprintInputs>('studentId', 'submission', 'spec', 'seedSalt', 'visibleOnly', 'version'), fc.string({ minLength: 1 }), (key, text) => {
        const changed = { ...base, [key]: key === 'visibleOnly' ? true : `${String(base[key])}${text}` };
        expect(resultFingerprint(changed)).not.toBe(resultFingerprint(base));
      }),
    );
  });

  it('digests file paths and contents, in any creation order; a symlink by its target text', async () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    await mkdir(path.join(a, 'sub'), { recursive: true });
    await mkdir(path.join(b, 'sub'), { recursive: true });
    await writeFile(path.join(a, 'answers.yaml'), 'x: 1\n');
    await writeFile(path.join(a, 'sub', 'solution.ts'), 'export {}\n');
    await writeFile(path.join(b, 'sub', 'solution.ts'), 'export {}\n');
    await writeFile(path.join(b, 'answers.yaml'), 'x: 1\n');
    expect(await treeDigest(a)).toBe(await treeDigest(b));
    await symlink('/etc/hostname', path.join(b, 'link'));
    expect(await treeDigest(b)).not.toBe(await treeDigest(a));
    await symlink('/etc/hostname', path.join(a, 'link'));
    expect(await treeDigest(b)).toBe(await treeDigest(a));
    await writeFile(path.join(b, 'answers.yaml'), 'x: 2\n');
    expect(await treeDigest(b)).not.toBe(await treeDigest(a));
    await writeFile(path.join(b, 'answers.yaml'), 'x: 1\n');
    await writeFile(path.join(b, 'sub', 'notes.md'), '');
    expect(await treeDigest(b)).not.toBe(await treeDigest(a));
  });
});

describe('fingerprint reads', () => {
  it('at most the bytes the sandbox copy takes: a 1.5 GB file is recorded by size and time, unread', async () => {
    const big = path.join(dir, 'big');
    await mkdir(big);
    await writeFile(path.join(big, 'answers.yaml'), 'x: 1\n');
    // Sparse: 1.5 GB on paper, nothing on disk.
    const handle = await open(path.join(big, 'weights.bin'), 'w');
    await handle.truncate(1.5 * 1024 ** 3);
    await handle.close();
    const rss0 = process.memoryUsage.rss();
    const t0 = performance.now();
    const first = await treeDigest(big);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(process.memoryUsage.rss() - rss0).toBeLessThan(100 * 1024 ** 2);
    await truncate(path.join(big, 'weights.bin'), 1.5 * 1024 ** 3 + 1);
    expect(await treeDigest(big)).not.toBe(first);
  });
});
