import { spawn } from 'node:child_process';
import { cp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './support/cli.ts';
import { readTreeWithoutTimings as readTree } from './support/tree.ts';

// A small course: the shipped samples plus copies under other ids (other seeds, other inputs).
const COPIES: Record<string, string> = {
  'ref-2': 'reference',
  'ref-3': 'reference',
  'alex-2': 'alex-kim',
  'bea-2': 'bea-novak',
  'chen-2': 'chen-li',
  'scan-2': 'sample-scan',
};
let scratch: string;
let subs: string;
let baseline: Record<string, string>;

async function grade(out: string, ...extra: string[]) {
  const run = await runCli(['grade', '--submissions', subs, '--out', out, ...extra]);
  expect(run.stderr).not.toMatch(/internal/);
  expect(run.code).toBe(0);
  return run;
}

beforeAll(async () => {
  scratch = await tempDir('scale');
  subs = path.join(scratch, 'submissions');
  await cp(path.join(ROOT, 'submissions/dl-hw'), subs, { recursive: true });
  for (const [id, from] of Object.entries(COPIES)) await cp(path.join(subs, from), path.join(subs, id), { recursive: true });
  await grade(path.join(scratch, 'jobs1'), '--jobs', '1');
  baseline = await readTree(path.join(scratch, 'jobs1'));
}, 300_000);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('grading a course', () => {
  it('writes byte-identical reports with --jobs 1 and --jobs 3', async () => {
    expect(Object.keys(baseline).filter((f) => f.endsWith('/dlgrade.json'))).toHaveLength(11);
    await grade(path.join(scratch, 'jobs3'), '--jobs', '3');
    expect(await readTree(path.join(scratch, 'jobs3'))).toEqual(baseline);
  }, 300_000);

  it('resumes after SIGKILL mid-batch to reports identical to an uninterrupted run', async () => {
    const out = path.join(scratch, 'killed');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'graders/cli/bin.ts'), 'grade', '--spec', 'specs/dl-hw', '--submissions', subs, '--out', out, '--jobs', '2'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Kill as soon as the first results are on disk, long before the last one.
    for (;;) {
      const done = await countResults(out);
      if (done >= 2) break;
      if (child.exitCode !== null) throw new Error('the run finished before it could be killed');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await exited;
    const before = await countResults(out);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(11);
    await expect(stat(path.join(out, 'summary.json'))).rejects.toThrow();

    const resumed = await grade(out, '--jobs', '2', '--resume');
    const kept = resumed.stdout.split('\n').filter((l) => l.endsWith('(kept)')).length;
    expect(kept).toBe(before);
    expect(resumed.stdout).toMatch(/kept from the earlier run/);
    expect(await readTree(out)).toEqual(baseline);
  }, 300_000);

  it('regrades on --resume only what changed: a submission file, the seed salt', async () => {
    const out = path.join(scratch, 'stale');
    await cp(path.join(scratch, 'jobs1'), out, { recursive: true });
    const changed = path.join(subs, 'bea-2', 'answers.yaml');
    const original = await import('node:fs/promises').then((fs) => fs.readFile(changed, 'utf8'));
    try {
      await writeFile(changed, `${original}\n# edited\n`);
      const run = await grade(out, '--jobs', '2', '--resume');
      const regraded = run.stdout.split('\n').filter((l) => /^\[\s*\d+\/11\]/.test(l) && !l.endsWith('(kept)'));
      expect(regraded.map((l) => l.replace(/^\[[^\]]*\] /, '').split(':')[0])).toEqual(['bea-2']);
    } finally {
      await writeFile(changed, original);
    }
    const salted = await grade(out, '--jobs', '2', '--resume', '--seed-salt', 'spring');
    expect(salted.stdout).not.toMatch(/\(kept\)/);
  }, 300_000);

  it('splits into shards by student id that merge into the reports of one run', async () => {
    const shards = [1, 2, 3].map((i) => path.join(scratch, `shard-${i}`));
    const ids = new Set<string>();
    for (const [i, dir] of shards.entries()) {
      await grade(dir, '--jobs', '2', '--shard', `${i + 1}/3`);
      for (const id of await graded(dir)) {
        expect(ids.has(id), `${id} in two shards`).toBe(false);
        ids.add(id);
      }
    }
    expect(ids.size).toBe(11);
    const merged = path.join(scratch, 'merged');
    const run = await runCli(['merge', '--out', merged, ...shards]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await readTree(merged)).toEqual(baseline);
  }, 300_000);

  it('refuses a malformed --shard and overlapping shard folders', async () => {
    const bad = await runCli(['grade', '--submissions', subs, '--out', path.join(scratch, 'bad'), '--shard', '3/2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--shard expects i\/n/);
    const twice = await runCli(['merge', '--out', path.join(scratch, 'twice'), path.join(scratch, 'jobs1'), path.join(scratch, 'jobs3')]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/in both/);
  }, 300_000);
});

async function countResults(out: string): Promise<number> {
  return (await graded(out)).length;
}

async function graded(out: string): Promise<string[]> {
  const entries = await readdir(out, { withFileTypes: true }).catch(() => []);
  const ids: string[] = [];
  for (const e of entries) {
    if (e.isDirectory() && (await stat(path.join(out, e.name, 'dlgrade.json')).catch(() => undefined))) ids.push(e.name);
  }
  return ids;
}
