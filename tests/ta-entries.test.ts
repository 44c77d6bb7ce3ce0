import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import type { SubmissionResult } from '../graders/results/result.ts';
import { ROOT, runCli, tempDir } from './support/cli.ts';

// A TA's life with one class: a sheet, submission times, a second sheet, regrades of one
// student, a resubmission. Nothing entered may be lost by any command, in any order.
let scratch: string;
let subs: string;
let out: string;
const ALEX_COMMENT = 'Cheaper, yes; the same receptive field is not a benefit over the 5x5.';
const ALEX_LATE_TOTAL = 56.25;

const grade = async (...extra: string[]) => {
  const run = await runCli(['grade', '--submissions', subs, '--out', out, '--jobs', '2', ...extra]);
  expect(run.code, run.stderr).toBe(0);
  return run;
};
const result = async (student: string) => JSON.parse(await readFile(path.join(out, student, 'dlgrade.json'), 'utf8')) as SubmissionResult;
const part = (r: SubmissionResult, id: string) => r.parts.find((p) => p.partId === id)!;

/** Every report that carries a student's hand score and total says what it should. */
async function expectEveryReport(student: string, partId: string, score: number, comment: string | undefined, total: number) {
  const r = await result(student);
  expect(part(r, partId)).toMatchObject({ score, manual: comment ? { comment } : {} });
  expect(r.total).toBe(total);
  const csv = (await readFile(path.join(out, 'grades.csv'), 'utf8')).trim().split('\n').map((l) => l.split(','));
  const column = csv[0]!.indexOf(partId);
  const row = csv.find((cells) => cells[0] === student)!;
  expect([row[column], row.at(-1)]).toEqual([String(score), String(total)]);
  const feedback = await readFile(path.join(out, student, 'feedback.md'), 'utf8');
  if (comment) expect(feedback).toContain(comment.replace(/[.;]/g, '').split(' ')[0]);
  expect(feedback).toMatch(new RegExp(`Scored by hand`));
  const gradescope = JSON.parse(await readFile(path.join(out, student, 'results.json'), 'utf8')) as { score: number; tests: { name: string; score: number }[] };
  expect(gradescope.score).toBe(total);
  expect(gradescope.tests.find((t) => t.name.startsWith(partId))?.score).toBe(score);
  const index = await readFile(path.join(out, 'index.html'), 'utf8');
  expect(index).toMatch(new RegExp(`${student}[\\s\\S]{0,400}${String(total).replace('.', '\\.')}`));
}

beforeAll(async () => {
  scratch = await tempDir('ta-entries');
  subs = path.join(scratch, 'submissions');
  out = path.join(scratch, 'reports');
  await cp(path.join(ROOT, 'submissions/dl-hw'), subs, { recursive: true });
  await grade();
  const exported = await runCli(['review', '--out', out, '--export', path.join(scratch, 'sheet-1.yaml')]);
  expect(exported.code, exported.stderr).toBe(0);
  // The TA fills in alex-kim's answer on the exported sheet, and no other.
  const sheet = parseDocument(await readFile(path.join(scratch, 'sheet-1.yaml'), 'utf8'));
  sheet.setIn(['alex-kim', 'q1.1.benefit', 'score'], 0.5);
  sheet.setIn(['alex-kim', 'q1.1.benefit', 'comment'], ALEX_COMMENT);
  await writeFile(path.join(scratch, 'sheet-1.yaml'), sheet.toString());
  await writeFile(path.join(scratch, 'times.csv'), 'student,submitted_at\nalex-kim,2026-12-11T10:00:00Z\n');
  const merged = await grade('--manual', path.join(scratch, 'sheet-1.yaml'), '--times', path.join(scratch, 'times.csv'));
  expect(merged.stdout).toMatch(/alex-kim q1\.1\.benefit: none → 0\.5/);
  expect(merged.stdout).toMatch(/alex-kim submitted_at: none → 2026-12-11T10:00:00Z/);
}, 300_000);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('what a TA enters', () => {
  it('is in every report after the sheet and the times are merged', async () => {
    await expectEveryReport('alex-kim', 'q1.1.benefit', 0.5, ALEX_COMMENT, ALEX_LATE_TOTAL);
    expect((await result('alex-kim')).late).toMatchObject({ submittedAt: '2026-12-11T10:00:00Z', penaltyPercent: 10 });
  });

  it('survives regrading that student alone, with no sheet and no times given', async () => {
    const run = await grade('--student', 'alex-kim');
    expect(run.stdout).not.toMatch(/change\(s\)/);
    await expectEveryReport('alex-kim', 'q1.1.benefit', 0.5, ALEX_COMMENT, ALEX_LATE_TOTAL);
  }, 120_000);

  it('survives a second sheet for another student, which adds its own score and lists it', async () => {
    await writeFile(path.join(scratch, 'sheet-2.yaml'), 'reference:\n  q1.1.benefit: 1\n');
    const run = await grade('--manual', path.join(scratch, 'sheet-2.yaml'), '--student', 'reference');
    expect(run.stdout).toMatch(/1 change\(s\)\n {2}reference q1\.1\.benefit: none → 1/);
    await expectEveryReport('alex-kim', 'q1.1.benefit', 0.5, ALEX_COMMENT, ALEX_LATE_TOTAL);
    await expectEveryReport('reference', 'q1.1.benefit', 1, undefined, 74);
  }, 120_000);

  it('survives --resume and a full regrade', async () => {
    const resumed = await grade('--resume');
    expect(resumed.stdout.split('\n').filter((l) => l.endsWith('(kept)'))).toHaveLength(5);
    await expectEveryReport('alex-kim', 'q1.1.benefit', 0.5, ALEX_COMMENT, ALEX_LATE_TOTAL);
    await grade();
    await expectEveryReport('alex-kim', 'q1.1.benefit', 0.5, ALEX_COMMENT, ALEX_LATE_TOTAL);
    await expectEveryReport('reference', 'q1.1.benefit', 1, undefined, 74);
  }, 120_000);

  it('is replaced by a later score for the same part, and the run says from what to what', async () => {
    await writeFile(path.join(scratch, 'sheet-3.yaml'), 'reference:\n  q1.1.benefit: { score: 0.5, comment: Only half. }\n');
    const run = await grade('--manual', path.join(scratch, 'sheet-3.yaml'), '--student', 'reference');
    expect(run.stdout).toMatch(/reference q1\.1\.benefit: 1 → 0\.5 "Only half\."/);
    await expectEveryReport('reference', 'q1.1.benefit', 0.5, 'Only half.', 73.5);
  }, 120_000);

  it('returns a part to pending, with a note, when the student changes the answer, and back when it is restored', async () => {
    const answers = path.join(subs, 'alex-kim', 'answers.yaml');
    const original = await readFile(answers, 'utf8');
    try {
      await writeFile(answers, original.replace('It is cheaper and has the same receptive field.', 'Two ReLUs instead of one, so more non-linearity.'));
      await grade('--student', 'alex-kim');
      const changed = part(await result('alex-kim'), 'q1.1.benefit');
      expect(changed.status).toBe('pending');
      expect(changed.notes?.join(' ')).toMatch(/A TA scored an earlier answer to this part \(0\.5 \/ 1\); the answer changed since, so it awaits review again/);
      expect(await readFile(path.join(out, 'alex-kim', 'feedback.md'), 'utf8')).toMatch(/scored an earlier answer/);
      const sheet = path.join(scratch, 'pending.yaml');
      expect((await runCli(['review', '--out', out, '--export', sheet])).code).toBe(0);
      const pending = parse(await readFile(sheet, 'utf8')) as Record<string, Record<string, { answer: string }>>;
      expect(pending['alex-kim']?.['q1.1.benefit']?.answer).toBe('Two ReLUs instead of one, so more non-linearity.');
      expect(pending.reference?.['q1.1.benefit']).toBeUndefined();
    } finally {
      await writeFile(answers, original);
    }
    await grade('--student', 'alex-kim');
    await expectEveryReport('alex-kim', 'q1.1.benefit', 0.5, ALEX_COMMENT, ALEX_LATE_TOTAL);
  }, 120_000);

  it('lists only what is still pending on export, and everything with --all', async () => {
    const sheet = path.join(scratch, 'all.yaml');
    expect((await runCli(['review', '--out', out, '--export', sheet])).code).toBe(0);
    const pending = parse(await readFile(sheet, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(pending['alex-kim']).toBeUndefined();
    expect(Object.keys(pending.reference ?? {})).not.toContain('q1.1.benefit');
    const all = await runCli(['review', '--out', out, '--export', sheet, '--all']);
    expect(all.stdout).toMatch(/2 scored already/);
    const everything = parse(await readFile(sheet, 'utf8')) as Record<string, Record<string, { score: number; comment: string }>>;
    expect(everything['alex-kim']?.['q1.1.benefit']).toMatchObject({ score: 0.5, comment: ALEX_COMMENT });
    // Merging the --all sheet back changes nothing.
    const again = await grade('--manual', sheet, '--student', 'alex-kim');
    expect(again.stdout).toMatch(/nothing changed/);
  }, 120_000);

  it('refuses times of ids with no submission, naming the nearest ids, before grading anything', async () => {
    await writeFile(path.join(scratch, 'typo.csv'), 'student,submitted_at\nalex-kin,2026-12-12T10:00:00Z\nzed,2026-12-12T10:00:00Z\n');
    const run = await runCli(['grade', '--submissions', subs, '--out', out, '--times', path.join(scratch, 'typo.csv')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/line 2: no submission for "alex-kin" \(nearest: alex-kim\)/);
    expect(run.stderr).toMatch(/line 3: no submission for "zed" \(no similar id\)/);
    expect(run.stdout).not.toMatch(/\[1\/5\]/);
    expect((await result('alex-kim')).late?.submittedAt).toBe('2026-12-11T10:00:00Z');
  }, 120_000);

  it('keeps a time until a later times file changes it or removes it with `none`', async () => {
    await writeFile(path.join(scratch, 'moved.csv'), 'student,submitted_at\nalex-kim,2026-12-13T10:00:00Z\n');
    await grade('--times', path.join(scratch, 'moved.csv'), '--student', 'alex-kim');
    expect((await result('alex-kim')).late?.unitsCharged).toBe(3);
    await writeFile(path.join(scratch, 'none.csv'), 'student,submitted_at\nalex-kim,none\n');
    const run = await grade('--times', path.join(scratch, 'none.csv'), '--student', 'alex-kim');
    expect(run.stdout).toMatch(/alex-kim submitted_at: 2026-12-13T10:00:00Z → none/);
    const r = await result('alex-kim');
    expect(r.late).toBeUndefined();
    expect(r.total).toBe(62.5);
  }, 120_000);

  it('is carried by merge from the shard folders into the merged reports', async () => {
    const shards = [1, 2].map((i) => path.join(scratch, `shard-${i}`));
    for (const [i, dir] of shards.entries()) {
      // Each shard's machine got a copy of the TA's store.
      await mkdir(dir, { recursive: true });
      await cp(path.join(out, 'ta-entries.json'), path.join(dir, 'ta-entries.json'));
      const run = await runCli(['grade', '--submissions', subs, '--out', dir, '--shard', `${i + 1}/2`]);
      expect(run.code, run.stderr).toBe(0);
    }
    const merged = path.join(scratch, 'merged');
    const run = await runCli(['merge', '--out', merged, ...shards]);
    expect(run.code, run.stderr).toBe(0);
    const reference = JSON.parse(await readFile(path.join(merged, 'reference', 'dlgrade.json'), 'utf8')) as SubmissionResult;
    expect(part(reference, 'q1.1.benefit')).toMatchObject({ score: 0.5, manual: { comment: 'Only half.' } });
    expect(JSON.parse(await readFile(path.join(merged, 'ta-entries.json'), 'utf8')).scores.reference['q1.1.benefit'].score).toBe(0.5);
  }, 300_000);
});
