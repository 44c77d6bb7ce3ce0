import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionResult } from '../graders/results/result.ts';
import { runCli, tempDir, type CliRun } from './support/cli.ts';

// A class of 7 on the roster, 5 of whom handed in a folder (the shipped samples).
const ROSTER = `id,name,email,sis_id,section
alex-kim,"Kim, Alex",alex@example.edu,1001,A
bea-novak,Bea Novak,bea@example.edu,1002,A
chen-li,Chen Li,chen@example.edu,1003,B
reference,Rita Reference,rita@example.edu,1004,B
sample-scan,Sam Scan,sam@example.edu,1005,B
dana-ortiz,"Ortiz, Dana",dana@example.edu,1006,A
eli-moss,"=HYPERLINK(""http://x"",""Eli"")",eli@example.edu,1007,B
`;
const CLASS = ['alex-kim', 'bea-novak', 'chen-li', 'dana-ortiz', 'eli-moss', 'reference', 'sample-scan'];
const ABSENT = ['dana-ortiz', 'eli-moss'];

let work: string;
let out: string;
let roster: string;
let run: CliRun;
const read = (f: string) => readFile(path.join(out, f), 'utf8');
const csvRows = async (f: string) => parse(await read(f)) as string[][];

beforeAll(async () => {
  work = await tempDir('roster');
  out = path.join(work, 'reports');
  roster = path.join(work, 'roster.csv');
  await writeFile(roster, ROSTER);
  run = await runCli(['grade', '--spec', 'specs/dl-hw', '--submissions', 'submissions/dl-hw', '--out', out, '--roster', roster, '--gradebook', 'canvas', '--gradebook', 'moodle', 'blackboard', 'csv']);
}, 300_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('grade --roster', () => {
  it('grades the 5 folders and names the 2 students without one', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('2 student(s) on the roster have no submission folder: dana-ortiz, eli-moss');
    expect(run.stdout).toMatch(/dana-ortiz +0\/100 .*\(not submitted\)/);
  });

  it('lists all 7 in every class report, the 2 missing at 0 and not submitted', async () => {
    const grades = await csvRows('grades.csv');
    expect(grades.slice(1).map((r) => r[0])).toEqual(CLASS);
    for (const id of ABSENT) expect(grades.find((r) => r[0] === id)).toEqual([id, 'not submitted', ...grades[0]!.slice(2, -2).map(() => '0'), '0', '0']);

    const summary = JSON.parse(await read('summary.json')) as { students: { student: string; total: number; status?: string }[] };
    expect(summary.students.map((s) => s.student)).toEqual(CLASS);
    expect(summary.students.filter((s) => s.status === 'not submitted').map((s) => [s.student, s.total])).toEqual(ABSENT.map((id) => [id, 0]));

    const index = await read('index.html');
    expect([...index.matchAll(/<a class="student" href="([^"/]+)\//g)].map((m) => m[1])).toEqual(CLASS);
    expect(index.match(/not submitted/g)?.length).toBeGreaterThanOrEqual(2);

    const junit = await read('junit.xml');
    expect([...junit.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1])).toEqual(CLASS);

    for (const [file, skip] of [['gradebook-canvas.csv', 2], ['gradebook-moodle.csv', 1], ['gradebook-blackboard.csv', 1], ['gradebook.csv', 1]] as const) {
      const rows = (await csvRows(file)).slice(skip);
      expect(rows, file).toHaveLength(7);
    }
    const canvas = await csvRows('gradebook-canvas.csv');
    expect(canvas[0]!.slice(0, 5)).toEqual(['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section']);
    expect(canvas[1]![0]).toBe('Points Possible');
    expect(canvas.find((r) => r[3] === 'dana-ortiz')!.at(-1)).toBe('0');
    // The formula-shaped name reaches the gradebook as text, never as a formula.
    expect(canvas.find((r) => r[3] === 'eli-moss')![0]).toBe(`'=HYPERLINK("http://x","Eli")`);
  });

  it('gives each missing student their files: 0, every part missing, the name on the TA page only', async () => {
    for (const id of ABSENT) {
      const result = JSON.parse(await read(`${id}/dlgrade.json`)) as SubmissionResult;
      expect(result).toMatchObject({ status: 'not submitted', total: 0, score: 0, max: 100 });
      expect(new Set(result.parts.map((p) => p.status))).toEqual(new Set(['missing']));
      const gradescope = JSON.parse(await read(`${id}/results.json`)) as { score: number; output: string };
      expect(gradescope.score).toBe(0);
      expect(gradescope.output).toMatch(/Not submitted/);
    }
    expect(await read('dana-ortiz/feedback-ta.html')).toContain('Ortiz, Dana');
    expect(await read('alex-kim/feedback-ta.md')).toContain('Kim, Alex');
    for (const id of CLASS) {
      for (const f of ['feedback.md', 'feedback.html', 'results.json']) {
        const text = await read(`${id}/${f}`);
        expect(text, `${id}/${f}`).not.toMatch(/Kim, Alex|Bea Novak|Chen Li|Rita Reference|Sam Scan|Ortiz|HYPERLINK|@example\.edu/);
      }
    }
  });

  it('stops before grading when a folder is not on the roster, listing it, unless --allow-unlisted', async () => {
    const short = path.join(work, 'short.csv');
    await writeFile(short, ROSTER.split('\n').filter((l) => !l.startsWith('chen-li') && !l.startsWith('sample-scan')).join('\n'));
    const other = path.join(work, 'other');
    const refused = await runCli(['grade', '--spec', 'specs/dl-hw', '--submissions', 'submissions/dl-hw', '--out', other, '--roster', short]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/2 submission folder\(s\) under submissions\/dl-hw are not on the roster: "chen-li" .*"sample-scan"/);
    expect(refused.stderr).toMatch(/--allow-unlisted/);
    expect(await readdir(other).catch(() => [])).toEqual([]);

    const allowed = await runCli(['grade', '--spec', 'specs/dl-hw', '--submissions', 'submissions/dl-hw', '--out', other, '--roster', short, '--allow-unlisted', '--student', 'chen-li', 'dana-ortiz']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stderr).toMatch(/chen-li is not on the roster/);
    expect((await csvRows(path.join('..', 'other', 'grades.csv'))).slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['chen-li', 'submitted'],
      ['dana-ortiz', 'not submitted'],
    ]);
  });

  it('splits the absent students over shards, so the merged reports list each of the 7 once', async () => {
    const shards = [1, 2].map((i) => path.join(work, `shard-${i}`));
    for (const [i, dir] of shards.entries()) {
      const shard = await runCli(['grade', '--spec', 'specs/dl-hw', '--submissions', 'submissions/dl-hw', '--out', dir, '--roster', roster, '--shard', `${i + 1}/2`]);
      expect(shard.code, shard.stderr).toBe(0);
    }
    const merged = path.join(work, 'merged');
    const run = await runCli(['merge', '--out', merged, ...shards, '--gradebook', 'canvas']);
    expect(run.code, run.stderr).toBe(0);
    const rows = (parse(await readFile(path.join(merged, 'grades.csv'), 'utf8')) as string[][]).slice(1);
    expect(rows.map((r) => [r[0], r[1]])).toEqual(CLASS.map((id) => [id, ABSENT.includes(id) ? 'not submitted' : 'submitted']));
    expect((parse(await readFile(path.join(merged, 'gradebook-canvas.csv'), 'utf8')) as string[][]).slice(2).map((r) => r[0])).toContain('Ortiz, Dana');
  }, 300_000);
});
