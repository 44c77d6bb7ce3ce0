import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSubmissionsDir, resolveSpecDir } from './load-spec.ts';

let dirs: string[] = [];
const cwd = process.cwd();
afterEach(async () => {
  process.chdir(cwd);
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs = [];
});

async function repoWith(packs: string[], extra: string[] = []): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dlgrade-specs-'));
  dirs.push(root);
  for (const p of packs) {
    await mkdir(path.join(root, 'specs', p), { recursive: true });
    await writeFile(path.join(root, 'specs', p, 'assignment.yaml'), `id: ${p}\n`);
  }
  for (const d of extra) await mkdir(path.join(root, d), { recursive: true });
  process.chdir(root);
}

describe('the default --spec', () => {
  it('is the only pack under specs/ (a folder with an assignment file; schema/ is none)', async () => {
    await repoWith(['intro'], ['specs/schema']);
    expect(await resolveSpecDir(undefined)).toBe(path.join('specs', 'intro'));
    expect(await resolveSpecDir('elsewhere')).toBe('elsewhere');
  });

  it('is an error listing the packs when there are several', async () => {
    await repoWith(['b-pack', 'a-pack']);
    await expect(resolveSpecDir(undefined)).rejects.toThrow('2 packs under specs/ (specs/a-pack, specs/b-pack); say which with --spec');
  });

  it('is an error saying how to make one when there is none', async () => {
    await repoWith([]);
    await expect(resolveSpecDir(undefined)).rejects.toThrow(/no pack found under specs\/.*dlgrade init/);
  });

  it('grades the pack\'s own submissions folder when it has one', async () => {
    await repoWith(['intro'], ['submissions/intro']);
    expect(defaultSubmissionsDir('intro')).toBe(path.join('submissions', 'intro'));
    expect(defaultSubmissionsDir('other')).toBe('submissions');
  });
});
