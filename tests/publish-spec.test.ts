import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadAssignment } from '../graders/pack/load.ts';
import type { PartSpec } from '../graders/pack/types.ts';
import type { SubmissionResult } from '../graders/results/result.ts';
import { copyOf, ROOT, runCli, tempDir } from './support/cli.ts';

/** Every string inside a parsed YAML value. */
function leafStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(leafStrings);
  return [];
}

describe('publish-spec', () => {
  let out: string;
  beforeAll(async () => {
    out = await tempDir('public-spec');
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('should write a valid public pack without hidden runs, generators, answers or mistake matchers', async () => {
    const pub = path.join(out, 'pack');
    const run = await runCli(['publish-spec', '--out', pub]);
    expect(run.code, run.stderr).toBe(0);
    const q1 = await readFile(path.join(pub, 'q1.yaml'), 'utf8');
    const q2 = await readFile(path.join(pub, 'q2.yaml'), 'utf8');
    expect(await readFile(path.join(pub, 'assignment.yaml'), 'utf8')).toMatch(/^public: true$/m);
    expect(q1).not.toMatch(/^\s+answer:/m);
    expect(q1).not.toMatch(/formula: 25F/);
    expect(q2).not.toMatch(/generators:|vae\.klToStdNormal\.noHalf|runs: 100/);
    const skeleton = await readFile(path.join(pub, 'skeleton/answers.yaml'), 'utf8');
    expect(skeleton).toMatch(/^q1\.1:\n(.*\n)*\s+params_5x5: null$/m);
    const solution = await readFile(path.join(pub, 'skeleton/solution.ts'), 'utf8');
    expect(solution).toContain('export function klToStdNormal(mu: number[], logVar: number[]): number {');
    expect(solution).toContain('TODO');
  });

  it('should write the student template as committed (regenerate it as docs/student-ci.md says)', async () => {
    const repo = path.join(out, 'student-repo');
    const run = await runCli(['publish-spec', '--student-repo', repo]);
    expect(run.code, run.stderr).toBe(0);
    const template = path.join(ROOT, 'templates/student-repo');
    const files = (await readdir(template, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(template, path.join(e.parentPath, e.name))).sort();
    expect((await readdir(repo, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(repo, path.join(e.parentPath, e.name))).sort()).toEqual(files);
    for (const file of files) expect(await readFile(path.join(repo, file), 'utf8'), file).toBe(await readFile(path.join(template, file), 'utf8'));
  });

  it('should ship no pack code, solver name or answer in the student template', async () => {
    const template = path.join(ROOT, 'templates/student-repo');
    const files = (await readdir(template, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
    // No JavaScript beside the skeletons, and no assignment naming a module.
    expect(files.filter((f) => /\.(c|m)?js$/.test(f)).map((f) => path.relative(template, f))).toEqual([]);
    expect(await readFile(path.join(template, 'specs/dl-hw/assignment.yaml'), 'utf8')).not.toMatch(/^reference:/m);
    const text = (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
    // What grades: the pack's solver names, its function bodies, its reference formulas and expected options.
    const { assignment } = await loadAssignment(path.join(ROOT, 'specs/dl-hw'));
    const pack = (await import(path.join(ROOT, 'reference/dl-hw/index.ts'))).default as { solvers: Record<string, (...a: unknown[]) => unknown> };
    for (const name of Object.keys(pack.solvers)) expect(text, name).not.toContain(name);
    for (const fn of Object.values(pack.solvers)) {
      const body = fn.toString();
      if (body.length > 40) expect(text).not.toContain(body);
    }
    for (const part of assignment!.questions.flatMap((q) => q.parts)) {
      if (part.kind === 'formula') expect(text, part.id).not.toContain(`answer: ${part.answer}`);
      if (part.kind === 'choice') expect(text, part.id).not.toMatch(new RegExp(`expected: ${part.expected}`));
    }
    const specs = (await Promise.all(files.filter((f) => f.endsWith('.yaml') && f.includes(`${path.sep}specs${path.sep}`)).map((f) => readFile(f, 'utf8')))).join('\n');
    // A part's own fields (four spaces in); a visible vector's expected output is what the student's run checks.
    expect(specs).not.toMatch(/^ {4}(solver|expected|mistakes|generators|answer):/m);
  });

  it('should want exactly one of --out and --student-repo', async () => {
    const run = await runCli(['publish-spec']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/exactly one of --out DIR .* and --student-repo DIR/);
  });

  it('should reveal, part by part, no expected answer and no text of a known mistake of the full pack', async () => {
    const pub = path.join(out, 'pack');
    const full = (await loadAssignment(path.join(ROOT, 'specs/dl-hw'))).assignment!;
    const publicText = (await Promise.all((await readdir(pub)).filter((f) => f.endsWith('.yaml')).map((f) => readFile(path.join(pub, f), 'utf8')))).join('\n');
    const publicParts = new Map<string, Record<string, unknown>>();
    for (const f of (await readdir(pub)).filter((x) => /^q.*\.yaml$/.test(x))) {
      for (const p of (parse(await readFile(path.join(pub, f), 'utf8')) as { parts: Record<string, unknown>[] }).parts) publicParts.set(String(p.id), p);
    }
    const squash = (t: string) => t.replace(/\s+/g, '');
    const secrets = (part: PartSpec): string[] => {
      const texts: string[] = part.kind === 'text' ? [] : part.mistakes.map((m: { feedback: string }) => m.feedback);
      if (part.kind === 'formula') texts.push(part.answer, ...part.mistakes.map((m) => m.formula));
      if (part.kind === 'code' || part.kind === 'gradient') texts.push(...part.mistakes.map((m) => m.solver));
      if (part.kind === 'weights') texts.push(...part.mistakes.map((m) => m.diagnostic));
      return texts.filter((t) => t.trim() !== '');
    };
    let checked = 0;
    for (const part of full.questions.flatMap((q) => q.parts)) {
      const shown = publicParts.get(part.id);
      if (part.visibility === 'hidden') {
        expect(shown, part.id).toBeUndefined();
        continue;
      }
      expect(shown, part.id).toBeDefined();
      for (const key of ['expected', 'answer', 'mistakes', 'generators', 'dims']) expect(Object.keys(shown!), `${part.id} keeps ${key}`).not.toContain(key);
      // Long texts must appear nowhere; a short formula such as "4" only not in the part's own fields.
      const { prompt: _prompt, id: _id, ...fields } = shown!;
      for (const secret of secrets(part)) {
        checked += 1;
        if (squash(secret).length >= 6) expect(squash(publicText), `${part.id}: ${secret}`).not.toContain(squash(secret));
        else expect(leafStrings(fields).map(squash), `${part.id}: ${secret}`).not.toContain(squash(secret));
      }
      if (part.kind === 'choice') {
        // The right option is one of the options, which stay; nowhere else does it appear.
        const { options: _options, ...rest } = shown!;
        expect(JSON.stringify(rest).toLowerCase(), part.id).not.toContain(JSON.stringify(part.expected).toLowerCase());
      }
      if (part.kind === 'number') {
        const numbers = Object.entries(shown!).filter(([k, v]) => typeof v === 'number' && k !== 'points' && k !== 'tolerance');
        expect(numbers, part.id).toEqual([]);
      }
      if (part.kind === 'text') expect(shown!.rubric, part.id).toBe('Scored by a TA after the deadline.');
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('should keep prompts, kinds, points, options, visible test vectors and tolerances, and list each choice\'s options in the skeleton', async () => {
    const pub = path.join(out, 'pack');
    const q1 = parse(await readFile(path.join(pub, 'q1.yaml'), 'utf8')) as { parts: Record<string, unknown>[] };
    const exact = q1.parts.find((p) => p.id === 'q1.3.exact_when')!;
    expect(exact).toMatchObject({ kind: 'choice', points: 1, options: ['rank-1', 'symmetric', 'orthogonal', 'full-rank', 'always'] });
    expect(q1.parts.find((p) => p.id === 'q1.1.saving_limit_percent')).toMatchObject({ kind: 'number', tolerance: 0.5, unit: 'percent' });
    const q2 = parse(await readFile(path.join(pub, 'q2.yaml'), 'utf8')) as { parts: Record<string, unknown>[] };
    const kl = q2.parts.find((p) => p.id === 'q2.1.kl_to_std_normal')!;
    expect(kl).toMatchObject({ runs: 0, tolerance: { rel: 1e-6, abs: 1e-9 } });
    // A visible vector carries the reference's output, precomputed: the public copy runs no pack code.
    expect((kl.vectors as unknown[])[0]).toEqual({ name: 'answer-key q2.1', args: [[0.5, -1, 0], [-0.2, 0.4, 0]], expected: expect.any(Number) });
    const skeleton = await readFile(path.join(pub, 'skeleton/answers.yaml'), 'utf8');
    expect(skeleton).toContain('choice, one of: rank-1 | symmetric | orthogonal | full-rank | always)');
  });

  it('should grade a submission like the full spec, but the answers-file parts, which it cannot grade, pending', async () => {
    const pub = path.join(out, 'pack');
    const grade = async (spec: string, dir: string) => {
      const run = await runCli(['grade', '--submission', path.join(ROOT, 'submissions/dl-hw/alex-kim'), '--spec', spec, '--visible-only', '--out', dir]);
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(await readFile(path.join(dir, 'alex-kim/dlgrade.json'), 'utf8')) as SubmissionResult;
    };
    const full = await grade('specs/dl-hw', path.join(out, 'full'));
    const student = await grade(pub, path.join(out, 'public'));
    // Known mistakes are not in the public copy: a part that matched one is just wrong there.
    const view = (r: SubmissionResult, isPublic: boolean) =>
      r.parts.map((p) => {
        if (isPublic) return { id: p.partId, status: p.status, score: p.score };
        // Without the answer key, an answer that can be read waits for the full pack.
        if (p.kind !== 'code' && p.kind !== 'gradient' && p.status !== 'missing' && p.status !== 'invalid') return { id: p.partId, status: 'pending', score: 0 };
        if (p.mistake) return { id: p.partId, status: 'failed', score: 0 };
        return { id: p.partId, status: p.status, score: p.score };
      });
    expect(view(student, true)).toEqual(view(full, false));
    expect(student.parts.find((p) => p.partId === 'q1.3.exact_when')?.feedback).toMatch(/graded after the deadline/);
  });

  it('should still require the expected option of a choice in a course pack', async () => {
    const pack = await copyOf('specs/dl-hw', 'no-expected');
    try {
      const q1 = path.join(pack, 'q1.yaml');
      await writeFile(q1, (await readFile(q1, 'utf8')).replace('    expected: rank-1\n', ''));
      const run = await runCli(['validate', pack]);
      expect(run.code).toBe(2);
      expect(run.stdout + run.stderr).toMatch(/q1\.yaml:\d+:\d+ SCHEMA_REQUIRED part q1\.3\.exact_when: missing required property "expected"/);
    } finally {
      await rm(pack, { recursive: true, force: true });
    }
  });

  it('should be what the student template holds', async () => {
    const pub = path.join(out, 'pack');
    for (const f of (await readdir(pub)).filter((x) => x.endsWith('.yaml'))) {
      const template = await readFile(path.join(ROOT, 'templates/student-repo/specs/dl-hw', f), 'utf8');
      const fresh = await readFile(path.join(pub, f), 'utf8');
      // Only the editor's schema line differs: the template's points into the installed package.
      const body = (t: string) => t.replace(/^# yaml-language-server:.*\n/, '');
      expect(body(template), f).toBe(body(fresh));
    }
  });
});
