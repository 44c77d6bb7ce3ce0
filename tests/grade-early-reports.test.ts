import { spawn } from 'node:child_process';
import { cp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutTimings } from './support/tree.ts';
import { ROOT, runCli, tempDir } from './support/cli.ts';

// Enough students that the first ones are done long before the last.
const COPIES = ['ref-2', 'ref-3', 'ref-4', 'alex-2', 'bea-2', 'chen-2', 'scan-2'];
const COURSE = 5 + COPIES.length;
let scratch: string;
let subs: string;
let times: string;

beforeAll(async () => {
  scratch = await tempDir('early');
  subs = path.join(scratch, 'submissions');
  await cp(path.join(ROOT, 'submissions/dl-hw'), subs, { recursive: true });
  for (const [i, id] of COPIES.entries()) await cp(path.join(subs, ['reference', 'alex-kim', 'bea-novak', 'chen-li', 'sample-scan'][i % 5]!), path.join(subs, id), { recursive: true });
  // Every student late, by a different amount, so what is written early must already carry the penalty.
  times = path.join(scratch, 'times.csv');
  const ids = (await readdir(subs)).sort();
  await writeFile(times, ['student,submitted_at', ...ids.map((id, i) => `${id},2026-12-${String(11 + (i % 3)).padStart(2, '0')}T0${i % 10}:00:00Z`)].join('\n'));
}, 120_000);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const exists = (file: string) => stat(file).then(() => true, () => false);

/** Students with each file, by name, in the reports folder right now. */
async function studentsWith(out: string, file: string): Promise<string[]> {
  const entries = await readdir(out, { withFileTypes: true }).catch(() => []);
  const ids: string[] = [];
  for (const e of entries) if (e.isDirectory() && (await exists(path.join(out, e.name, file)))) ids.push(e.name);
  return ids;
}

describe('grade writes each student\'s reports as soon as that student is graded', () => {
  it('has finished students\' feedback on disk before the class files, and a kill mid-batch keeps them as final', async () => {
    const out = path.join(scratch, 'killed');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'graders/cli/bin.ts'), 'grade', '--spec', 'specs/dl-hw', '--submissions', subs, '--out', out, '--jobs', '2', '--times', times], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let early: string[] = [];
    try {
      for (;;) {
        if (child.exitCode !== null) throw new Error('the run finished before any feedback was seen mid-batch');
        const withFeedback = await studentsWith(out, 'feedback-ta.html');
        const graded = await studentsWith(out, 'dlgrade.json');
        if (withFeedback.length > 0 && graded.length < COURSE) {
          early = withFeedback;
          break;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    expect(await exists(path.join(out, 'summary.json'))).toBe(false);
    expect(await exists(path.join(out, 'grades.csv'))).toBe(false);
    const files = ['dlgrade.json', 'results.json', 'feedback.md', 'feedback.html', 'feedback-ta.md', 'feedback-ta.html'];
    const before = new Map<string, string>();
    for (const id of early) for (const f of files) before.set(`${id}/${f}`, await readFile(path.join(out, id, f), 'utf8'));

    // What was written before the kill is what an uninterrupted run ends with.
    const full = path.join(scratch, 'full');
    const run = await runCli(['grade', '--submissions', subs, '--out', full, '--jobs', '2', '--times', times]);
    expect(run.stderr).not.toMatch(/internal/);
    expect(run.code).toBe(0);
    for (const [file, text] of before) expect(withoutTimings(text), file).toBe(withoutTimings(await readFile(path.join(full, file), 'utf8')));
    for (const id of early) expect(before.get(`${id}/feedback.md`)).toMatch(/\| Late \| submitted 2026-12-1\d/);
  }, 300_000);
});
