import { execFileSync } from 'node:child_process';
import { link, mkdtemp, mkdir, symlink, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assignment } from '../pack/types.ts';
import { MAX_ANSWERS_BYTES, MAX_WARNINGS, parseAnswers, readAnswers } from './answers.ts';

const assignment: Assignment = {
  id: 'tiny',
  title: 'Tiny',
  total: 2,
  files: { answers: 'answers.yaml', solution: ['solution.ts'] },
  dir: '/nonexistent',
  questions: [
    {
      id: 'q1',
      title: 'Q1',
      file: 'q1.yaml',
      parts: [
        { id: 'q1.1.a', kind: 'number', points: 1, prompt: 'a', visibility: 'visible', solver: 'x', tolerance: 0, mistakes: [] },
        { id: 'q1.1.b', kind: 'text', points: 1, prompt: 'b', visibility: 'visible', rubric: 'r' },
      ],
    },
  ],
};

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dlgrade-answers-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function student(name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) await writeFile(path.join(dir, f), text);
  return dir;
}

describe('parseAnswers', () => {
  it('reads nested and flat part keys', () => {
    const nested = parseAnswers('q1.1:\n  a: 28\n  b: some text\n', 'answers.yaml', assignment);
    expect(nested).toMatchObject({ status: 'ok' });
    if (nested.status !== 'ok') return;
    expect(nested.answers.get('q1.1.a')).toBe(28);
    expect(nested.answers.get('q1.1.b')).toBe('some text');
    const flat = parseAnswers('"q1.1.a": "28%"\n', 'answers.yaml', assignment);
    expect(flat.status === 'ok' && flat.answers.get('q1.1.a')).toBe('28%');
  });

  it('reports malformed YAML with its line and column', () => {
    const r = parseAnswers('q1.1:\n  a: [1, 2\n  b: x\n', 'answers.yaml', assignment);
    expect(r.status).toBe('unreadable');
    expect(r.status !== 'ok' && r.message).toMatch(/^answers\.yaml:\d+:\d+: /);
  });

  it('refuses an alias bomb without expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      bomb.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const r = parseAnswers(`${bomb.join('\n')}\n`, 'answers.yaml', assignment);
    expect(r.status).toBe('unreadable');
    expect(r.status !== 'ok' && r.message).toMatch(/alias/i);
  });

  it('refuses custom tags', () => {
    const r = parseAnswers('q1.1:\n  a: !!js/function "return 1"\n', 'answers.yaml', assignment);
    expect(r.status).toBe('unreadable');
    expect(r.status !== 'ok' && r.message).toMatch(/answers\.yaml:2:\d+: .*tag/i);
  });

  it('rejects a top level that is not a map, and duplicate keys', () => {
    expect(parseAnswers('- 1\n- 2\n', 'answers.yaml', assignment)).toMatchObject({ status: 'unreadable', message: expect.stringMatching(/expected a map of questions/) });
    expect(parseAnswers('q1.1:\n  a: 1\n  a: 2\n', 'answers.yaml', assignment)).toMatchObject({ status: 'unreadable', message: expect.stringMatching(/answers\.yaml:3:3: .*unique/i) });
  });

  it('warns about unknown questions and parts with their line', () => {
    const r = parseAnswers('q1.1:\n  a: 1\n  zz: 2\nq9: 3\n', 'answers.yaml', assignment);
    expect(r.status === 'ok' && r.warnings).toEqual(['answers.yaml:3:3: unknown part "q1.1.zz" ignored', 'answers.yaml:4:1: unknown question "q9" ignored']);
  });
});

describe('readAnswers', () => {
  it('says the file is absent in an empty folder', async () => {
    const dir = await student('empty', {});
    expect(await readAnswers(dir, assignment)).toEqual({ status: 'absent', message: 'answers.yaml not found in the submission' });
  });

  it('refuses a file over the size cap before parsing it', async () => {
    const dir = await student('huge', { 'answers.yaml': `q1.1:\n  b: "${'x'.repeat(MAX_ANSWERS_BYTES)}"\n` });
    const r = await readAnswers(dir, assignment);
    expect(r).toMatchObject({ status: 'unreadable', message: expect.stringMatching(/limit is 262144/) });
  });

  it('refuses a symlink that leads outside the student folder', async () => {
    const other = await student('other', { 'answers.yaml': 'q1.1:\n  a: 1\n' });
    const dir = await student('linker', {});
    await symlink(path.join(other, 'answers.yaml'), path.join(dir, 'answers.yaml'));
    expect(await readAnswers(dir, assignment)).toMatchObject({ status: 'unreadable', message: expect.stringMatching(/symlink to a file outside the submission folder/) });
  });

  it('follows a symlink that stays inside the folder', async () => {
    const dir = await student('inner', { 'real.yaml': 'q1.1:\n  a: 5\n' });
    await symlink('real.yaml', path.join(dir, 'answers.yaml'));
    const r = await readAnswers(dir, assignment);
    expect(r.status === 'ok' && r.answers.get('q1.1.a')).toBe(5);
  });

  it('refuses a hard link: a file outside the folder would be read as this student\'s answers', async () => {
    const other = await student('hard-other', { 'answers.yaml': 'q1.1:\n  a: 1\n' });
    const dir = await student('hard-linker', {});
    await link(path.join(other, 'answers.yaml'), path.join(dir, 'answers.yaml'));
    expect(await readAnswers(dir, assignment)).toMatchObject({ status: 'unreadable', message: expect.stringMatching(/hard link/) });
  });

  it('refuses a FIFO named like the answers file, without blocking on it', async () => {
    const dir = await student('fifo', {});
    execFileSync('mkfifo', [path.join(dir, 'answers.yaml')]);
    expect(await readAnswers(dir, assignment)).toMatchObject({ status: 'unreadable', message: 'answers.yaml is not a regular file' });
  });

  it('refuses a directory named like the answers file', async () => {
    const dir = await student('dir', {});
    await mkdir(path.join(dir, 'answers.yaml'));
    expect(await readAnswers(dir, assignment)).toMatchObject({ status: 'unreadable', message: 'answers.yaml is not a regular file' });
  });
});

describe('an answers file of thousands of unknown keys', () => {
  // Just under the size cap: 12,000 keys, half unknown questions, half unknown parts of a known one.
  const floodOf = (n: number) => ['q1.1:', '  a: 1', ...Array.from({ length: n / 2 }, (_, i) => `  unknown_${i}: 1`), ...Array.from({ length: n / 2 }, (_, i) => `zz_${i}: 1`)].join('\n');
  const flood = floodOf(12_000);
  const cpuMs = (text: string) => {
    const before = process.cpuUsage();
    parseAnswers(text, 'answers.yaml', assignment);
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };

  it('is read in linear time, with the warnings capped', () => {
    expect(Buffer.byteLength(flood)).toBeLessThan(MAX_ANSWERS_BYTES);
    const read = parseAnswers(flood, 'answers.yaml', assignment);
    expect(read).toMatchObject({ status: 'ok', answers: new Map([['q1.1.a', 1]]) });
    const warnings = read.status === 'ok' ? read.warnings : [];
    expect(warnings).toHaveLength(MAX_WARNINGS + 1);
    expect(warnings[0]).toBe('answers.yaml:3:3: unknown part "q1.1.unknown_0" ignored');
    expect(warnings.at(-1)).toBe(`… and ${12_000 - MAX_WARNINGS} more unknown or misplaced keys ignored`);
    // Eight times the keys: 7-11 times the CPU on a loaded 2-core machine (parsing is slightly
    // worse than linear there), 19-25 times with yaml's own quadratic duplicate-key check. The two
    // sizes are measured in turns so that load changes affect both alike.
    const few = floodOf(1500);
    let small = Infinity;
    let large = Infinity;
    for (let round = 0; round < 7; round++) {
      small = Math.min(small, cpuMs(few));
      large = Math.min(large, cpuMs(flood));
    }
    expect(large / small).toBeLessThan(14);
  });

  it('still finds a duplicate key, with its line', () => {
    expect(parseAnswers(`${flood}\nzz_17: 2\n`, 'answers.yaml', assignment)).toMatchObject({ status: 'unreadable', message: 'answers.yaml:12003:1: Map keys must be unique ("zz_17" appears twice)' });
  });

  it('names values nested too deeply for the parser instead of a stack overflow', () => {
    const deep = `q1.1:\n  b: ${'['.repeat(20_000)}1${']'.repeat(20_000)}\n`;
    expect(parseAnswers(deep, 'answers.yaml', assignment)).toMatchObject({ status: 'unreadable', message: expect.stringMatching(/values are nested too deeply to be read/) });
  });
});
