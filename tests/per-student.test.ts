import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAssignment } from '../graders/pack/load.ts';
import { drawVariants } from '../graders/pack/variant-binding.ts';
import type { SubmissionResult } from '../graders/results/result.ts';
import { ROOT, runCli, tempDir } from './support/cli.ts';

// Follow-through credit and a variant per student, through the real CLI on a small fixture pack.
const SPEC = path.join(ROOT, 'tests/fixtures/specs/per-student');
const SECRET = 'per-student-test-secret';
let dir: string;
let subs: string;
let variants: Record<string, Record<string, number>>;

const answers = (a: Record<string, unknown>) =>
  Object.entries(a)
    .map(([id, v]) => `${id.slice(0, id.lastIndexOf('.'))}:\n  ${id.slice(id.lastIndexOf('.') + 1)}: ${JSON.stringify(v)}\n`)
    .join('');

beforeAll(async () => {
  dir = await tempDir('per-student');
  subs = path.join(dir, 'subs');
  const { assignment } = await loadAssignment(SPEC);
  variants = Object.fromEntries(['ann', 'bob', 'cid'].map((s) => [s, drawVariants(assignment!, SECRET, s).q1!.values as Record<string, number>]));
  const v = (s: string) => variants[s]!;
  const write = async (s: string, a: Record<string, unknown>) => {
    await mkdir(path.join(subs, s), { recursive: true });
    await writeFile(path.join(subs, s, 'answers.yaml'), answers(a));
  };
  // ann: all right. bob: ann's product (another student's numbers); width wrong, later parts consistent with it.
  // cid: own numbers right; width wrong, area neither right nor consistent, half right.
  await write('ann', { 'q1.1.product': v('ann').a! * v('ann').b!, 'q1.2.line': `${v('ann').a} x + ${v('ann').b}`, 'q2.1.width': 16, 'q2.2.area': 256, 'q2.3.half': 8 });
  await write('bob', { 'q1.1.product': v('ann').a! * v('ann').b!, 'q1.2.line': `${v('bob').b} x + ${v('bob').a}`, 'q2.1.width': 15, 'q2.2.area': 225, 'q2.3.half': 7.5 });
  await write('cid', { 'q1.1.product': v('cid').a! * v('cid').b!, 'q1.2.line': `${v('cid').a}x+${v('cid').b}`, 'q2.1.width': 15, 'q2.2.area': 200, 'q2.3.half': 8 });
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const grade = (out: string, extra: string[] = [], env: Record<string, string | undefined> = { DLGRADE_SECRET: SECRET }) =>
  runCli(['grade', '--spec', SPEC, '--submissions', subs, '--out', path.join(dir, out), ...extra], { env });
const result = async (out: string, s: string) => JSON.parse(await readFile(path.join(dir, out, s, 'dlgrade.json'), 'utf8')) as SubmissionResult;
const part = async (out: string, s: string, id: string) => (await result(out, s)).parts.find((p) => p.partId === id)!;

describe('a variant per student and follow-through credit', () => {
  it('should refuse a pack with variants without a secret, saying how to set one (exit 2)', async () => {
    const run = await grade('none', [], { DLGRADE_SECRET: undefined });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/question q1 of per-student draws a variant per student.*DLGRADE_SECRET=<secret> or pass --secret-file FILE/);
  });

  it('should refuse a secret file inside the submissions folder', async () => {
    await writeFile(path.join(subs, 'course.secret'), SECRET);
    try {
      const run = await grade('inside', ['--secret-file', path.join(subs, 'course.secret')], { DLGRADE_SECRET: undefined });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--secret-file .* is inside the submissions folder/);
    } finally {
      await rm(path.join(subs, 'course.secret'));
    }
  });

  it("should refuse a secret file inside the pack's folder", async () => {
    const pack = path.join(dir, 'pack-with-secret');
    await cp(SPEC, pack, { recursive: true });
    await writeFile(path.join(pack, 'course.secret'), SECRET);
    const run = await runCli(['grade', '--spec', pack, '--submissions', subs, '--out', path.join(dir, 'in-pack'), '--secret-file', path.join(pack, 'course.secret')], { env: { DLGRADE_SECRET: undefined } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--secret-file .* is inside the pack's folder .*; keep the course secret outside it/);
  });

  it('should give two students different numbers and grade each against their own, identically with --jobs 1 and 2 and a secret file', async () => {
    expect(variants.ann).not.toEqual(variants.bob);
    const one = await grade('jobs1', ['--jobs', '1']);
    expect(one.code, one.stderr).toBe(0);
    await writeFile(path.join(dir, 'course.secret'), `${SECRET}\n`);
    const two = await grade('jobs2', ['--jobs', '2', '--secret-file', path.join(dir, 'course.secret')], { DLGRADE_SECRET: undefined });
    expect(two.code, two.stderr).toBe(0);
    expect((await result('jobs1', 'ann')).total).toBe(10);
    expect((await result('jobs1', 'ann')).variants?.q1?.values).toEqual(variants.ann);
    expect(await part('jobs1', 'bob', 'q1.1.product')).toMatchObject({ status: 'failed', expected: `accepted: ${variants.bob!.a! * variants.bob!.b!}` });
    expect(await part('jobs1', 'cid', 'q1.2.line')).toMatchObject({ status: 'passed' });
    // The swapped line is the known mistake under bob's own numbers, its feedback filled with them.
    expect(await part('jobs1', 'bob', 'q1.2.line')).toMatchObject({ mistake: 'swapped', feedback: `Slope and intercept are swapped: the slope ${variants.bob!.a} multiplies x.` });
    const md = await readFile(path.join(dir, 'jobs1', 'bob', 'feedback.md'), 'utf8');
    expect(md).toContain(`What is ${variants.bob!.a} times ${variants.bob!.b}?`);
    expect(md).toMatch(/Your numbers:\W+a = \d+, act = \w+, b = \d+/);
    expect(md).not.toContain('{{');
    const files = async (out: string) => (await readdir(path.join(dir, out), { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(path.join(dir, out), path.join(e.parentPath, e.name))).sort();
    expect(await files('jobs2')).toEqual(await files('jobs1'));
    const normalise = (t: string) => t.replace(/"(durationMs|execution_time)": [\d.]+/g, '"$1": 0').replace(/\d+(\.\d+)? ?ms\b/g, 'N ms').replace(/\d+(\.\d+)? s\b/g, 'N s').replaceAll(path.join(dir, 'jobs2'), 'OUT').replaceAll(path.join(dir, 'jobs1'), 'OUT');
    for (const f of await files('jobs1')) {
      if (!/\.(json|csv|md)$/.test(f)) continue;
      expect(normalise(await readFile(path.join(dir, 'jobs2', f), 'utf8')), f).toBe(normalise(await readFile(path.join(dir, 'jobs1', f), 'utf8')));
    }
  }, 120_000);

  it('should list, for the TA only, an answer right for another student\'s numbers', async () => {
    const csv = await readFile(path.join(dir, 'jobs1', 'cross-variant.csv'), 'utf8');
    const rows = csv.trim().split('\n');
    expect(rows[0]).toBe('student,part,answer,own_variant,own_params,right_for_variant,right_for_params,drawn_by');
    expect(rows.slice(1).filter((r) => r.startsWith('bob,q1.1.product,')).map((r) => r.split(',').at(-1))).toEqual(['ann']);
    expect(rows.slice(1).some((r) => r.startsWith('ann,') || r.startsWith('cid,'))).toBe(false);
    for (const s of ['ann', 'bob', 'cid']) {
      for (const f of await readdir(path.join(dir, 'jobs1', s))) expect(await readFile(path.join(dir, 'jobs1', s, f), 'utf8'), `${s}/${f}`).not.toContain('cross-variant');
    }
  });

  it('should give follow-through credit for an answer consistent with a wrong earlier answer, and say so', async () => {
    expect(await part('jobs1', 'bob', 'q2.1.width')).toMatchObject({ status: 'failed', score: 0 });
    const area = await part('jobs1', 'bob', 'q2.2.area');
    expect(area).toMatchObject({ status: 'partial', score: 1, followThrough: { from: ['q2.1.width'], credit: 0.5 } });
    expect(area.feedback).toMatch(/^Consistent with your answer to q2\.1\.width \(15\): .*50% of the points as follow-through credit/);
    expect(await part('jobs1', 'bob', 'q2.3.half')).toMatchObject({ status: 'passed', score: 2, followThrough: { from: ['q2.1.width'], credit: 1 } });
    // Neither right nor consistent: no credit; right anyway: graded as usual.
    expect(await part('jobs1', 'cid', 'q2.2.area')).toMatchObject({ status: 'failed', score: 0 });
    const half = await part('jobs1', 'cid', 'q2.3.half');
    expect(half).toMatchObject({ status: 'passed', score: 2 });
    expect(half.followThrough).toBeUndefined();
    expect(await part('jobs1', 'ann', 'q2.2.area')).toMatchObject({ status: 'passed', feedback: 'Correct.' });
  });

  it('should regrade identically with the same secret, and draw other numbers with another', async () => {
    const again = await grade('again', ['--jobs', '1']);
    expect(again.code, again.stderr).toBe(0);
    for (const s of ['ann', 'bob', 'cid']) expect((await result('again', s)).parts.map((p) => [p.partId, p.score, p.feedback])).toEqual((await result('jobs1', s)).parts.map((p) => [p.partId, p.score, p.feedback]));
    const other = await grade('other', ['--jobs', '1'], { DLGRADE_SECRET: 'another-secret' });
    expect(other.code, other.stderr).toBe(0);
    expect((await result('other', 'ann')).variants?.q1?.values).not.toEqual(variants.ann);
  }, 120_000);

  it('should report unknown, forward and cyclic given: and unknown template names with file:line:col', async () => {
    const bad = path.join(dir, 'bad-spec');
    await cp(SPEC, bad, { recursive: true });
    const q2 = path.join(bad, 'q2.yaml');
    let text = await readFile(q2, 'utf8');
    text = text.replace('    solver: ft.width\n', '    solver: ft.width\n    given: [q2.3.half]\n').replace('given: [q2.1.width]\n    follow_through_credit', 'given: [q2.1.widht]\n    follow_through_credit');
    await writeFile(q2, text);
    await writeFile(path.join(bad, 'pack.ts'), (await readFile(path.join(SPEC, 'pack.ts'), 'utf8')));
    const q1 = path.join(bad, 'q1.yaml');
    await writeFile(q1, (await readFile(q1, 'utf8')).replace('What is {{a}} times', 'What is {{aa}} times').replace('  - a != b\n', '  - a == b + 100\n'));
    const run = await runCli(['validate', bad]);
    expect(run.code).toBe(2);
    const out = run.stdout + run.stderr;
    expect(out).toMatch(/q2\.yaml:\d+:\d+ GIVEN_CYCLE part q2\.1\.width: given "q2\.3\.half" closes a cycle \(q2\.1\.width → q2\.3\.half → q2\.1\.width\)/);
    expect(out).toMatch(/q2\.yaml:\d+:\d+ GIVEN_FORWARD part q2\.1\.width|q2\.yaml:\d+:\d+ GIVEN_CYCLE part q2\.3\.half/);
    expect(out).toMatch(/q2\.yaml:\d+:\d+ UNKNOWN_PART part q2\.2\.area: given "q2\.1\.widht" names no part/);
    expect(out).toMatch(/q1\.yaml:\d+:\d+ TEMPLATE_UNKNOWN_PARAM \{\{aa\}\} names no parameter \(the parameters of q1 are a, b, act\)/);
    expect(out).toMatch(/q1\.yaml:\d+:\d+ PARAMS_TOO_RARE question q1: the where: constraints are met by no draw of 4000/);
  });

  it('should report a forward given: alone', async () => {
    const bad = path.join(dir, 'forward-spec');
    await cp(SPEC, bad, { recursive: true });
    const q2 = path.join(bad, 'q2.yaml');
    await writeFile(q2, (await readFile(q2, 'utf8')).replace('    solver: ft.width\n', '    solver: ft.width\n    given: [q2.3.half]\n').replace('    given: [q2.1.width]\n  - id: q2.3.half', '  - id: q2.3.half'));
    const text = await readFile(q2, 'utf8');
    await writeFile(q2, text.replace(/(  - id: q2\.3\.half[\s\S]*?)    given: \[q2\.1\.width\]\n/, '$1'));
    const run = await runCli(['validate', bad]);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/q2\.yaml:10:13 GIVEN_FORWARD part q2\.1\.width: given "q2\.3\.half" comes after it/);
  });

  it('should refuse to write one shared public copy of a pack drawn per student, pointing to --student and --roster', async () => {
    const run = await runCli(['publish-spec', '--spec', SPEC, '--out', path.join(dir, 'public')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/q1 of per-student draws a variant per student, so there is no one public copy for the class: write each student's own with --student ID .* or --roster FILE/);
  });

  it("should refuse a student's own copy without the course secret, saying how to set it (exit 2)", async () => {
    const run = await runCli(['publish-spec', '--spec', SPEC, '--out', path.join(dir, 'sheets-none'), '--student', 'ann'], { env: { DLGRADE_SECRET: undefined } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/draws a variant per student, so this needs the course secret: set DLGRADE_SECRET=<secret> or pass --secret-file FILE/);
  });

  it('should refuse a student id that is no folder name, writing nothing', async () => {
    const run = await runCli(['publish-spec', '--spec', SPEC, '--out', path.join(dir, 'sheets-bad'), '--student', '../escape'], { env: { DLGRADE_SECRET: SECRET } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--student "\.\.\/escape" is not a valid student id/);
    await expect(readdir(path.join(dir, 'sheets-bad'))).rejects.toThrow();
    await expect(readdir(path.join(dir, 'escape'))).rejects.toThrow();
  });

  it('should name the sheets of a Canvas gradebook export after its SIS Login ID, or the column --roster-id names', async () => {
    const canvas = path.join(dir, 'canvas.csv');
    await writeFile(canvas, 'Student,ID,SIS User ID,SIS Login ID,Section\n    Points Possible,,,,\n"Ann, A",101,S1,ann,L1\n"Bob, B",102,S2,bob,L1\n');
    const run = await runCli(['publish-spec', '--spec', SPEC, '--out', path.join(dir, 'sheets-canvas'), '--roster', canvas], { env: { DLGRADE_SECRET: SECRET } });
    expect(run.code, run.stderr).toBe(0);
    expect((await readdir(path.join(dir, 'sheets-canvas'))).sort()).toEqual(['ann', 'bob']);
    const byUser = await runCli(['publish-spec', '--spec', SPEC, '--out', path.join(dir, 'sheets-sis'), '--roster', canvas, '--roster-id', 'SIS User ID'], { env: { DLGRADE_SECRET: SECRET } });
    expect(byUser.code, byUser.stderr).toBe(0);
    expect((await readdir(path.join(dir, 'sheets-sis'))).sort()).toEqual(['S1', 'S2']);
  });

  it("should write each student's own sheet with their numbers, which the reference answer for those numbers grades full", async () => {
    const sheets = path.join(dir, 'sheets');
    await writeFile(path.join(dir, 'roster.csv'), 'id,name\nann,Ann A\nbob,Bob B\n');
    await writeFile(path.join(dir, 'course.secret'), `${SECRET}\n`);
    const run = await runCli(['publish-spec', '--spec', SPEC, '--out', sheets, '--roster', path.join(dir, 'roster.csv'), '--student', 'cid', '--secret-file', path.join(dir, 'course.secret')], { env: { DLGRADE_SECRET: undefined } });
    expect(run.code, run.stderr).toBe(0);
    expect((await readdir(sheets)).sort()).toEqual(['ann', 'bob', 'cid']);
    const own = path.join(dir, 'own');
    const numbers: Record<string, [number, number]> = {};
    for (const s of ['ann', 'bob', 'cid']) {
      const q1 = await readFile(path.join(sheets, s, 'q1.yaml'), 'utf8');
      const skeleton = await readFile(path.join(sheets, s, 'skeleton/answers.yaml'), 'utf8');
      // The student's numbers are in every text, the draw itself (params, where) is not.
      for (const text of [q1, skeleton]) expect(text, s).not.toContain('{{');
      expect(q1).not.toMatch(/^(params|where):/m);
      const [, a, b] = /What is (\d+) times (\d+)\?/.exec(q1)!;
      expect(q1).toContain(`The line of slope ${a} through (0, ${b})`);
      expect(skeleton).toContain(`What is ${a} times ${b}?`);
      numbers[s] = [Number(a), Number(b)];
      // The answer worked out from the sheet alone, graded by the course pack with the secret.
      await mkdir(path.join(own, s), { recursive: true });
      await writeFile(path.join(own, s, 'answers.yaml'), answers({ 'q1.1.product': Number(a) * Number(b), 'q1.2.line': `${a} x + ${b}`, 'q2.1.width': 16, 'q2.2.area': 256, 'q2.3.half': 8 }));
    }
    expect(numbers.ann).not.toEqual(numbers.bob);
    expect(numbers.ann).toEqual([variants.ann!.a, variants.ann!.b]);
    // Each sheet is a plain public pack: the student's own run needs no secret.
    const mine = await runCli(['grade', '--spec', path.join(sheets, 'bob'), '--submission', path.join(own, 'bob'), '--out', path.join(dir, 'own-run')], { env: { DLGRADE_SECRET: undefined } });
    expect(mine.code, mine.stderr).toBe(0);
    const graded = await runCli(['grade', '--spec', SPEC, '--submissions', own, '--out', path.join(dir, 'own-graded')], { env: { DLGRADE_SECRET: SECRET } });
    expect(graded.code, graded.stderr).toBe(0);
    for (const s of ['ann', 'bob', 'cid']) expect((await result('own-graded', s)).total, s).toBe(10);
  }, 120_000);

  it('should self-test the pack on three fixed variants, needing no secret', async () => {
    const run = await runCli(['selftest', SPEC]);
    expect(run.code, run.stderr).toBe(0);
    // q1's two parts and its mistake again on each of two more variants; q2 depends on none.
    expect(run.stdout).toMatch(/^Question q1 draws a variant per student\. The self-test checks the pack, not a class: it needs no course secret and grades 3 variants/m);
    expect(run.stdout).toMatch(/^q1\.2\.line\s+swapped @3\s+mistake swapped, 0 of 2\s+failed 0\/2, mistake swapped\s+ok$/m);
    expect(run.stdout).not.toMatch(/q2\.\d\.\w+\s+reference @2/);
    expect(run.stdout).toMatch(/selftest: 12 passed, 0 failed/);
  });
});
