import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeEverySource } from '../scripts/bench/synthetic.ts';
import { ROOT, runCli, tempDir } from './support/cli.ts';

// The bench's synthetic class, every source once (four honest copies of the reference, each mistaken
// submission, each hostile fixture), graded before the work on grading speed
// (tests/fixtures/synthetic-class-results/<student>.json): making grading cheaper must not move a
// score, a status, a seed, a counterexample or a word of feedback of any of them. As in
// dl-hw-regression.test.ts, `fingerprint`, `isolation` and `durationMs` are normalised. So is the
// reason a hostile submission's code part could not be graded: which limit stops a console flood
// or a memory bomb first (the call's time, the memory cap) depends on the machine's load, so for
// those parts only the status, the score and the rest of the part are compared.
// The stored files are regenerated only by grading this class with the engine as it stood before
// a change that must not move a result.
const STORED = path.join(ROOT, 'tests/fixtures/synthetic-class-results');
const HONEST_COPIES = 4;
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

function normalised(text: string, hostile: boolean): unknown {
  const r = JSON.parse(text) as Record<string, unknown> & { parts: Record<string, unknown>[] };
  const timed = <T extends Record<string, unknown>>(o: T) => ('durationMs' in o ? { ...o, durationMs: '<ms>' } : o);
  const raced = (p: Record<string, unknown>) => (hostile && p.status === 'error' ? { ...p, feedback: '<limit>', reason: '<limit>', checks: '<limit>' } : p);
  return { ...timed(r), fingerprint: '<fingerprint>', isolation: '<isolation>', parts: r.parts.map((p) => raced(timed(p))) };
}

describe.each([
  { mode: 'a pool of grader processes', jobs: '2' },
  { mode: 'in the grading process', jobs: '1' },
])('the synthetic class graded $mode', ({ jobs }) => {
  it('gives exactly the stored results', async () => {
    const subs = await tempDir('synthetic-class');
    const out = await tempDir('synthetic-class-out');
    dirs.push(subs, out);
    const course = await writeEverySource(ROOT, subs, HONEST_COPIES);
    const sources = JSON.parse(await readFile(path.join(STORED, 'sources.json'), 'utf8')) as Record<string, string>;
    expect(Object.fromEntries(course.map((s) => [s.id, s.source]))).toEqual(sources);
    const run = await runCli(['grade', '--submissions', subs, '--out', out, '--jobs', jobs]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const stored = (await readdir(STORED)).filter((f) => /^s\d+\.json$/.test(f));
    expect(stored).toHaveLength(course.length);
    for (const sub of course) {
      const hostile = sub.kind === 'hostile';
      const now = normalised(await readFile(path.join(out, sub.id, 'dlgrade.json'), 'utf8'), hostile);
      const before = normalised(await readFile(path.join(STORED, `${sub.id}.json`), 'utf8'), hostile);
      expect(now, `${sub.id} (${sub.source})`).toEqual(before);
    }
  }, 300_000);
});
