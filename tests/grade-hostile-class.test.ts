import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartResult, SubmissionResult } from '../graders/results/result.ts';
import { worldWritableDirs } from '../graders/sandbox/isolation.ts';
import { ROOT, runCli, tempDir, type CliRun } from './support/cli.ts';
import { fifo, hardLink, latin1Folder, latin1Name, overLongChain } from './support/hostile-files.ts';

// One class of honest and hostile students, graded by the real CLI with two grader processes:
// every attack costs only its own student's affected parts, and the run completes with exit 0.
const HOSTILE = path.join(ROOT, 'tests/fixtures/hostile');
const REFERENCE = path.join(ROOT, 'submissions/dl-hw/reference');
const FULL = 73; // every auto-graded point of dl-hw (the text parts are pending review)

let classDir: string;
let out: string;
let tmp: string;
let run: CliRun;
let undoChain: () => void = () => undefined;
const socketPath = path.join(tmpdir(), `dlgrade-class-sock-${process.pid}`);

/** A student with the reference answers and, when given, a hostile solution from the fixtures. */
function student(id: string, fixture?: string): string {
  const dir = path.join(classDir, id);
  cpSync(REFERENCE, dir, { recursive: true });
  if (fixture) {
    cpSync(path.join(HOSTILE, fixture), dir, { recursive: true });
    cpSync(path.join(ROOT, 'tests/fixtures/solutions/reference.ts'), path.join(dir, 'honest.ts'));
  }
  return dir;
}

beforeAll(async () => {
  classDir = await tempDir('hostile-class');
  out = await tempDir('hostile-class-out');
  // The CLI's own TMPDIR, open like /tmp: whatever it leaves there (sandbox copies) is seen.
  tmp = await tempDir('hostile-class-tmp');
  chmodSync(tmp, 0o1777);
  student('honest-a');
  student('honest-b');
  for (const f of ['channel-garbage', 'channel-2gib-header', 'channel-cycle', 'channel-handle', 'hidden-harvest']) student(f, f);
  const sock = student('unix-socket', 'unix-socket');
  writeFileSync(path.join(sock, 'target.json'), JSON.stringify({ socket: socketPath, worldWritable: worldWritableDirs().map((d) => path.join(d, `dlgrade-class-left-${process.pid}`)) }));
  // A source that crashes esbuild's service (100,000 nested arrow functions).
  writeFileSync(path.join(student('compiler-crash'), 'solution.ts'), `export const deep = ${'() => '.repeat(100_000)}1;\n`);
  latin1Name(student('latin1-file'));
  latin1Folder(classDir);
  undoChain = overLongChain(student('long-path')).undo;
  fifo(path.join(student('fifo'), 'notes.fifo'));
  const linker = student('hard-link');
  await rm(path.join(linker, 'answers.yaml'));
  // Another name of a file outside the class folder (an answer sheet someone left in reach).
  cpSync(path.join(REFERENCE, 'answers.yaml'), path.join(out, '..', `${path.basename(out)}-sheet.yaml`));
  hardLink(path.join(out, '..', `${path.basename(out)}-sheet.yaml`), path.join(linker, 'answers.yaml'));
  execFileSync('python3', ['-c', 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])', path.join(student('socket-file'), 'notes.sock')]);
  run = await runCli(['grade', '--submissions', classDir, '--out', out, '--jobs', '2'], { env: { TMPDIR: tmp, GITHUB_STEP_SUMMARY: path.join(out, '..', `${path.basename(out)}-summary.md`) } });
}, 600_000);

afterAll(async () => {
  undoChain();
  await rm(classDir, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
  await rm(tmp, { recursive: true, force: true });
  await rm(path.join(out, '..', `${path.basename(out)}-sheet.yaml`), { force: true });
  await rm(path.join(out, '..', `${path.basename(out)}-summary.md`), { force: true });
});

/** Sandbox copies of student code in a temporary folder (tsx keeps its cache there too). */
function copiesIn(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.startsWith('dlgrade-'));
}

function result(id: string): SubmissionResult {
  return JSON.parse(readFileSync(path.join(out, id, 'dlgrade.json'), 'utf8')) as SubmissionResult;
}

function lost(id: string): Record<string, string> {
  const r = result(id);
  return Object.fromEntries(r.parts.filter((p) => p.status !== 'passed' && p.status !== 'pending').map((p: PartResult) => [p.partId, p.status]));
}

describe('a class with hostile students, graded with --jobs 2', () => {
  it('completes with exit 0, no fault of the grader and no stack trace', () => {
    expect(run.stderr).not.toMatch(/internal fault|\n\s+at /);
    expect(run.code).toBe(0);
  });

  it('gives the honest students every point', () => {
    expect(result('honest-a').score).toBe(FULL);
    expect(result('honest-b').score).toBe(FULL);
  });

  it.each([
    ['channel-garbage', /broke the grading protocol: it sent a message that could not be decoded/],
    ['channel-2gib-header', /it sent a message of 2147483648 bytes \(the limit is 16777216\)/],
    ['channel-cycle', /appears more than once \(a cycle/],
  ])('%s: only klToStdNormal is lost, as an error saying why', (id, why) => {
    const r = result(id);
    const kl = r.parts.find((p) => p.partId === 'q2.1.kl_to_std_normal')!;
    expect(kl.status).toBe('error');
    expect('reason' in kl && kl.reason).toMatch(why);
    expect(r.score).toBe(FULL - kl.max);
  });

  it('channel-handle: no channel to send a handle over, only klToStdNormal is lost', () => {
    const r = result('channel-handle');
    const kl = r.parts.find((p) => p.partId === 'q2.1.kl_to_std_normal')!;
    expect(kl).toMatchObject({ status: 'failed', feedback: expect.stringMatching(/process\.send is undefined/) });
    expect(r.score).toBe(FULL - kl.max);
  });

  it('compiler-crash: its own code parts are invalid with a clear message; the compiler works for everyone after it', () => {
    const r = result('compiler-crash');
    const code = r.parts.filter((p) => p.kind === 'code' || p.kind === 'gradient');
    for (const p of code) {
      expect(p.status, p.partId).toBe('invalid');
      expect(p.feedback).toMatch(/solution\.ts: the compiler (crashed on this file|used more than 512 MB on this file|did not finish within 10 s on this file)/);
    }
    expect(r.score).toBe(FULL - code.reduce((s, p) => s + p.max, 0));
    // Students graded after it (in id order, on both grader processes) compiled fine.
    for (const id of ['fifo', 'hard-link', 'hidden-harvest', 'honest-a', 'honest-b', 'latin1-file', 'long-path', 'socket-file']) {
      expect(result(id).parts.filter((p) => p.kind === 'code' && p.status === 'invalid'), id).toEqual([]);
    }
  });

  it.each([
    ['latin1-file', /caf\\xe9\.ts: file name is not valid UTF-8/],
    ['long-path', /path longer than 1024 bytes, not copied/],
    ['fifo', /notes\.fifo: a named pipe \(FIFO\), not a regular file, not copied/],
    ['socket-file', /notes\.sock: a socket, not a regular file, not copied/],
  ])('%s: skipped with a note, the student keeps every point', (id, note) => {
    const r = result(id);
    expect(r.score).toBe(FULL);
    expect(r.problems.join('\n')).toMatch(note);
  });

  it('a folder whose name is not UTF-8 is skipped with a warning', () => {
    expect(run.stderr).toMatch(/Jos\\xe9: name is not valid UTF-8 \(rename the folder\); skipped/);
  });

  it('hard-link: answers.yaml that is a hard link to a file outside the folder is refused; the code still counts', () => {
    const r = result('hard-link');
    const answersParts = r.parts.filter((p) => p.kind !== 'code' && p.kind !== 'gradient' && p.kind !== 'text');
    for (const p of answersParts) expect(p.feedback, p.partId).toMatch(/answers\.yaml is a hard link/);
    expect(r.parts.filter((p) => p.kind === 'code' || p.kind === 'gradient').every((p) => p.status === 'passed')).toBe(true);
  });

  it('unix-socket: no socket or file is left in /tmp and its kin, nor any sandbox copy in TMPDIR', () => {
    expect(existsSync(socketPath)).toBe(false);
    for (const d of worldWritableDirs()) expect(existsSync(path.join(d, `dlgrade-class-left-${process.pid}`))).toBe(false);
    expect(copiesIn(tmp)).toEqual([]);
  });

  it("hidden-harvest: no student-facing report shows the hidden inputs or what the code computed on them; the staff's do", () => {
    const student = ['feedback.md', 'feedback.html', 'results.json'].map((f) => readFileSync(path.join(out, 'hidden-harvest', f), 'utf8'));
    const junit = readFileSync(path.join(out, 'junit.xml'), 'utf8');
    const jobSummary = readFileSync(path.join(out, '..', `${path.basename(out)}-summary.md`), 'utf8');
    expect(jobSummary).toMatch(/hidden-harvest/);
    for (const text of [...student, junit, jobSummary, run.stdout]) {
      expect(text).not.toMatch(/HARVEST|4242|exited with code 1\d\d/);
    }
    expect(readFileSync(path.join(out, 'hidden-harvest', 'feedback-ta.html'), 'utf8')).toMatch(/HARVEST/);
    expect(lost('hidden-harvest')).toEqual({ 'q2.1.kl_to_std_normal': 'failed', 'q2.3.contractive_penalty': 'failed', 'q5.3.loss': 'error' });
  });
});

describe('an interrupted run', () => {
  it.each([
    ['SIGINT', '1'],
    ['SIGTERM', '2'],
  ] as const)('%s with --jobs %s leaves no sandbox copy in TMPDIR and prints no stack trace', async (signal, jobs) => {
    const scratch = await tempDir('interrupted-tmp');
    chmodSync(scratch, 0o1777);
    const outDir = await tempDir('interrupted-out');
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'graders/cli/bin.ts'), 'grade', '--spec', 'specs/dl-hw', '--submissions', classDir, '--out', outDir, '--jobs', jobs], {
        cwd: ROOT,
        env: { ...process.env, TMPDIR: scratch },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.resume();
      // Wait until a sandbox copy exists, so there is something to clean up.
      const t0 = Date.now();
      while (!copiesIn(scratch).length && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 20));
      expect(copiesIn(scratch).length).toBeGreaterThan(0);
      const killedAt = Date.now();
      child.kill(signal);
      const ended = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, sig) => resolve(sig)));
      // It ends by the signal, at once, not after grading the rest.
      expect(ended).toBe(signal);
      expect(Date.now() - killedAt).toBeLessThan(3000);
      // The grader processes of --jobs 2 clean up as they notice the parent is gone.
      const t1 = Date.now();
      while (copiesIn(scratch).length && Date.now() - t1 < 10_000) await new Promise((r) => setTimeout(r, 50));
      expect(copiesIn(scratch)).toEqual([]);
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      await rm(scratch, { recursive: true, force: true });
      await rm(outDir, { recursive: true, force: true });
    }
  }, 120_000);
});

