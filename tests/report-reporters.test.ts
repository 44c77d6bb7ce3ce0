/**
 * `--reporters` on the real CLI: built-ins by name, a course's own reporter by module path, the
 * JSON results always written, the terminal summary printed only when chosen, bad choices refused
 * before grading (exit 2) and a reporter that throws failing the run (exit 3).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './support/cli.ts';

const fixture = (name: string) => path.join(ROOT, 'tests', 'fixtures', 'reporters', name);
const grade = (out: string, reporters: string) => runCli(['grade', '--student', 'alex-kim', '--jobs', '1', '--out', out, '--reporters', reporters]);

describe('grade --reporters', () => {
  it('runs the named built-ins and a module by path, after the JSON results, and nothing else', async () => {
    const out = await tempDir('reporters');
    const run = await grade(out, `csv,${fixture('part-count.mjs')}`);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(path.join(out, 'alex-kim', 'dlgrade.json'))).toBe(true);
    expect(existsSync(path.join(out, 'summary.json'))).toBe(true);
    expect(readFileSync(path.join(out, 'grades.csv'), 'utf8')).toMatch(/^student,/);
    expect(readFileSync(path.join(out, 'part-count.txt'), 'utf8')).toMatch(/^alex-kim \d+\/\d+\n$/);
    for (const absent of ['index.html', 'junit.xml', path.join('alex-kim', 'feedback.html'), path.join('alex-kim', 'results.json')]) {
      expect(existsSync(path.join(out, absent)), absent).toBe(false);
    }
    // The terminal summary is a reporter like the others: not chosen, not printed.
    expect(run.stdout).toContain('part-count: 1 student(s)');
    expect(run.stdout).not.toContain('Reports written to');
  });

  it('prints the terminal summary when it is chosen', async () => {
    const out = await tempDir('reporters-terminal');
    const run = await grade(out, 'terminal');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Reports written to ${out}`);
    expect(existsSync(path.join(out, 'alex-kim', 'dlgrade.json'))).toBe(true);
    expect(existsSync(path.join(out, 'grades.csv'))).toBe(false);
  });

  it.each([
    ['an unknown name', 'csv,nope', /no reporter named "nope" \(built-in: json, gradescope, csv, feedback, class-summary, junit, github-summary, review-sheet, terminal/],
    ['a missing module', './no/such/reporter.mjs', /--reporters \.\/no\/such\/reporter\.mjs: no such file/],
    ['a module that is not a reporter', fixture('not-a-reporter.mjs'), /the default export is not a reporter/],
    ['an empty list', ',', /expects a comma-separated list/],
  ])('refuses %s before grading anything (exit 2)', async (_what, reporters, message) => {
    const out = await tempDir('reporters-bad');
    const run = await grade(out, reporters);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(existsSync(path.join(out, 'alex-kim'))).toBe(false);
  });

  it('fails the run as a harness fault when a reporter throws (exit 3)', async () => {
    const out = await tempDir('reporters-throws');
    const run = await grade(out, fixture('throws.mjs'));
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('this reporter is broken');
  });
});
