import { execFileSync } from 'node:child_process';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir, type CliRun } from './support/cli.ts';
import { readTree } from './support/tree.ts';

// A class whose answers carry every kind of control character a student could type into YAML
// (ESC sequences, BEL, NUL, backspaces, C1 CSI, CR, a bidi override) and a solution whose code
// crashes the child, so junit.xml has failures, errors and skipped parts.
const HOSTILE_FORMULA = '"25F\\e[31m + \\a\\0\\x9b2J"';
const HOSTILE_TEXT = '"=cmd|\' /C calc\'!A0 \\e]0;owned\\a\\b\\b cheaper\\r\\nsame field\\u202e"';

let scratch: string;
let out: string;
let run: CliRun;

/** Code points no output may hold: C0 but tab and newline, DEL, C1, bidi controls, lone surrogates. */
function unsafeCharacters(text: string): string[] {
  return [...text].filter((c) => /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(c) || /^[\uD800-\uDFFF]$/.test(c)).map((c) => `U+${c.codePointAt(0)!.toString(16)}`);
}

beforeAll(async () => {
  scratch = await tempDir('outputs');
  const subs = path.join(scratch, 'submissions');
  out = path.join(scratch, 'reports');
  await cp(path.join(ROOT, 'submissions/dl-hw'), subs, { recursive: true });
  const answers = path.join(subs, 'alex-kim', 'answers.yaml');
  const text = await readFile(answers, 'utf8');
  await writeFile(answers, text.replace('  params_5x5: 25F+1', `  params_5x5: ${HOSTILE_FORMULA}`).replace('  benefit: It is cheaper and has the same receptive field.', `  benefit: ${HOSTILE_TEXT}`));
  await cp(path.join(ROOT, 'tests/fixtures/hostile/process-exit/solution.ts'), path.join(subs, 'bea-novak', 'solution.ts'));
  await writeFile(path.join(scratch, 'times.csv'), 'student,submitted_at\nchen-li,2026-12-12T10:00:00Z\n');
  run = await runCli(['grade', '--submissions', subs, '--out', out, '--times', path.join(scratch, 'times.csv')]);
  expect(run.code, run.stderr).toBe(0);
}, 300_000);
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('outputs of a class with control characters in its answers', () => {
  it('hold no control character in any report, nor in what the terminal was sent', async () => {
    const tree = await readTree(out);
    expect(Object.keys(tree).length).toBeGreaterThan(20);
    for (const [file, text] of Object.entries(tree)) expect(unsafeCharacters(text), file).toEqual([]);
    expect(unsafeCharacters(run.stdout + run.stderr)).toEqual([]);
    // Cleaned means shown, not dropped: the escape is visible as its control picture.
    expect(tree['alex-kim/feedback.md']).toContain('25F␛[31m + ␇␀');
  });

  it('write a junit.xml that validates against the Jenkins xUnit schema, with times, and crashed code as <error>', async () => {
    const file = path.join(out, 'junit.xml');
    const xsd = path.join(ROOT, 'tests/fixtures/external-schemas/jenkins-junit-10.xsd');
    const verdict = execFileSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(verdict).toBe('');
    const xml = await readFile(file, 'utf8');
    expect(xml).toMatch(/<testsuites [^>]*time="\d+\.\d{3}"/);
    expect(xml).toMatch(/<testcase name="q1\.1\.params_5x5" classname="alex-kim" time="\d+\.\d{3}"/);
    const bea = xml.slice(xml.indexOf('<testsuite name="bea-novak"'), xml.indexOf('</testsuite>', xml.indexOf('<testsuite name="bea-novak"')));
    expect(bea).toMatch(/<error message="error[^"]*" type="error">/);
    expect(bea).not.toMatch(/<failure [^>]*type="error"/);
    expect(Number(/errors="(\d+)"/.exec(bea)![1])).toBeGreaterThan(0);
  });

  it('write Gradescope results.json that validates, shows pending parts as awaiting review, and sums to the score', async () => {
    const schema = JSON.parse(await readFile(path.join(ROOT, 'tests/fixtures/external-schemas/gradescope-results.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const students = (await readdir(out, { withFileTypes: true })).filter((e) => e.isDirectory() && e.name !== 'assets').map((e) => e.name);
    expect(students).toHaveLength(5);
    for (const student of students) {
      const results = JSON.parse(await readFile(path.join(out, student, 'results.json'), 'utf8')) as { score: number; tests: { name: string; score: number; status?: string; output: string }[] };
      expect(validate(results), `${student}: ${JSON.stringify(validate.errors)}`).toBe(true);
      const sum = results.tests.reduce((s, t) => s + t.score, 0);
      expect(Math.abs(sum - results.score), student).toBeLessThan(1e-6);
      for (const t of results.tests.filter((x) => x.name.includes('awaiting review'))) {
        expect(t.status, `${student} ${t.name}`).toBeUndefined();
        expect(t.output).toMatch(/^\[awaiting review\]/);
      }
    }
    const chen = JSON.parse(await readFile(path.join(out, 'chen-li', 'results.json'), 'utf8')) as { score: number; tests: { name: string; score: number }[] };
    const penalty = chen.tests.find((t) => t.name === 'Late penalty');
    expect(penalty?.score).toBeLessThan(0);
    const reference = JSON.parse(await readFile(path.join(out, 'reference', 'results.json'), 'utf8')) as { tests: { name: string }[] };
    expect(reference.tests.filter((t) => t.name.includes('awaiting review')).length).toBeGreaterThan(0);
  });
});
