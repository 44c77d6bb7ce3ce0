import { spawnSync } from 'node:child_process';
import { cp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './support/cli.ts';

let scratch: string;
let subs: string;

beforeAll(async () => {
  scratch = await tempDir('ids-out');
  subs = path.join(scratch, 'submissions');
  await mkdir(subs);
  // Folders named like class reports (in any case), like the TA store, and like a temporary file.
  for (const id of ['reference', 'index.html', 'Grades.CSV', 'ta-entries.json', 'Assets', 'x.123.ab.tmp']) {
    await cp(path.join(ROOT, 'submissions', 'dl-hw', 'reference'), path.join(subs, id), { recursive: true });
  }
}, 60_000);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('student folders named like the files of a reports folder', () => {
  it('are refused up front, each alone, and cost the others nothing', async () => {
    const out = path.join(scratch, 'reports');
    const run = await runCli(['grade', '--submissions', subs, '--out', out, '--jobs', '2']);
    expect(run.code, run.stderr).toBe(0);
    for (const id of ['index.html', 'Grades.CSV', 'ta-entries.json', 'Assets']) {
      expect(run.stderr).toContain(`warning: student id "${id}" is the name of a class report in --out; rename the folder`);
    }
    expect(run.stdout).toMatch(/reference\s+73\/73/);
    expect(run.stdout).toMatch(/x\.123\.ab\.tmp\s+73\/73/);
    expect((await stat(path.join(out, 'index.html'))).isFile()).toBe(true);
    expect((await stat(path.join(out, 'grades.csv'))).isFile()).toBe(true);
    expect((await readdir(out)).sort()).toEqual(['assets', 'grades.csv', 'index.html', 'junit.xml', 'reference', 'review.yaml', 'summary.json', 'x.123.ab.tmp']);
  }, 120_000);

  it('named like a temporary file survive every --resume, which removes only real leftovers', async () => {
    const out = path.join(scratch, 'reports');
    const leftovers = [path.join(out, '.grades.csv.4242.k3j2.tmp'), path.join(out, 'reference', '.dlgrade.json.4242.zz9.tmp')];
    for (const f of leftovers) await writeFile(f, 'half a file');
    for (let i = 0; i < 2; i++) {
      const run = await runCli(['grade', '--submissions', subs, '--out', out, '--resume']);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout.split('\n').filter((l) => l.endsWith('(kept)'))).toHaveLength(2);
    }
    for (const f of leftovers) await expect(stat(f)).rejects.toThrow();
    expect((await stat(path.join(out, 'x.123.ab.tmp', 'dlgrade.json'))).isFile()).toBe(true);
  }, 120_000);

  it('refuse a --submission run under such an id', async () => {
    const run = await runCli(['grade', '--submission', path.join(subs, 'reference'), '--id', 'junit.xml', '--out', path.join(scratch, 'single')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/student id "junit\.xml" is the name of a class report in --out; rename the folder .*, or pass --id/);
  }, 60_000);
});

/** True when this machine lets an unprivileged process mount a tmpfs of its own (user + mount namespace). */
const canMount = spawnSync('unshare', ['--mount', '--map-root-user', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d"; rmdir "$d"']).status === 0;

/** Runs the real CLI with `--out` on a tmpfs mounted with `options`, after `prepare` ran in it. */
function gradeOnMount(options: string, prepare: string): { code: number | null; stdout: string; stderr: string } {
  const mnt = path.join(scratch, `mnt-${options.replace(/\W/g, '')}`);
  const cli = [process.execPath, '--import', 'tsx', path.join(ROOT, 'graders/cli/bin.ts'), 'grade', '--spec', 'specs/dl-hw', '--submissions', subs, '--out', `${mnt}/reports`].map((a) => `'${a}'`).join(' ');
  const script = `mkdir -p '${mnt}' && mount -t tmpfs -o ${options} tmpfs '${mnt}' && ${prepare.replaceAll('MNT', `'${mnt}'`)} ; ${cli}`;
  const r = spawnSync('unshare', ['--mount', '--map-root-user', 'bash', '-c', script], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('an --out folder that cannot be written', () => {
  it('is a clear message before grading, exit 2, when it is a file', async () => {
    const file = path.join(scratch, 'not-a-folder');
    await writeFile(file, '');
    const run = await runCli(['grade', '--submissions', subs, '--out', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\nerror: --out .*not-a-folder cannot be written \(.*\); free some space, fix its permissions or choose another --out\. Nothing was graded\.\n$/);
    expect(run.stdout).not.toMatch(/\[1\/5\]/);
  }, 60_000);

  it.skipIf(!canMount)('is a clear message before grading, exit 2, when its disk is full', () => {
    const run = gradeOnMount('size=256k', 'mkdir MNT/reports && (dd if=/dev/zero of=MNT/fill bs=4k 2>/dev/null || true)');
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/cannot be written \(cannot write .*: no space left on the device \(ENOSPC\)\)/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).not.toMatch(/\[1\/5\]/);
  }, 60_000);

  it.skipIf(!canMount)('is a clear message before grading, exit 2, when it is read-only', () => {
    const run = gradeOnMount('ro', 'true');
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/cannot be written \(cannot write .*: the file system is read-only \(EROFS\)\)/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
