import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
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

  it('digests file paths and contents, in any creation order, ignoring symlinks', async () => {
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
    expect(await treeDigest(b)).toBe(await treeDigest(a));
    await writeFile(path.join(b, 'answers.yaml'), 'x: 2\n');
    expect(await treeDigest(b)).not.toBe(await treeDigest(a));
    await writeFile(path.join(b, 'answers.yaml'), 'x: 1\n');
    await writeFile(path.join(b, 'sub', 'notes.md'), '');
    expect(await treeDigest(b)).not.toBe(await treeDigest(a));
  });
});
