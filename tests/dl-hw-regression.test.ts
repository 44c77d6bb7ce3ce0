import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './support/cli.ts';

// The dl-hw samples' results as they stood before the pack's code moved out of the engine
// (tests/fixtures/dl-hw-results/<student>.json): moving code must not move a score, a status,
// a seed or a word of feedback. Three fields are normalised because they do not describe the
// grading: `fingerprint` (the staleness key hashes the pack's files, and those files moved),
// `isolation` (the sandbox level this machine reaches) and `durationMs` (measured times, of the
// submission and of each part).
// The stored files are regenerated only by grading the samples with the engine as it stood before
// a change that must not move a result, or after a change that adds to results without moving a
// score, a status or a word of feedback (the plot data of a formula part's counterexample, which a
// matched known mistake now carries too).
const STORED = path.join(ROOT, 'tests/fixtures/dl-hw-results');
const outs: string[] = [];
afterAll(async () => {
  await Promise.all(outs.map((d) => rm(d, { recursive: true, force: true })));
});

function normalised(text: string): unknown {
  const r = JSON.parse(text) as Record<string, unknown> & { parts: Record<string, unknown>[] };
  const timed = <T extends Record<string, unknown>>(o: T) => ('durationMs' in o ? { ...o, durationMs: '<ms>' } : o);
  return { ...timed(r), fingerprint: '<fingerprint>', isolation: '<isolation>', parts: r.parts.map(timed) };
}

async function storedStudents(): Promise<string[]> {
  return (await readdir(STORED)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
}

describe.each([
  { mode: 'a pool of grader processes', jobs: '2' },
  { mode: 'in the grading process', jobs: '1' },
])('the dl-hw samples graded $mode', ({ jobs }) => {
  it('give exactly the stored results', async () => {
    const out = await tempDir('dl-hw-regression');
    outs.push(out);
    const run = await runCli(['grade', '--out', out, '--jobs', jobs]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const students = await storedStudents();
    expect(students).toEqual(['alex-kim', 'bea-novak', 'chen-li', 'reference', 'sample-scan']);
    for (const student of students) {
      const now = normalised(await readFile(path.join(out, student, 'dlgrade.json'), 'utf8'));
      const before = normalised(await readFile(path.join(STORED, `${student}.json`), 'utf8'));
      expect(now, student).toEqual(before);
    }
  }, 300_000);
});
