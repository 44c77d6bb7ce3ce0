import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The student's code, bundled in the grader into one CommonJS string the sandbox child loads. */
export type LoadedSolution =
  | { status: 'ok'; /** The entry file, relative to the submission folder. */ file: string; code: string }
  | { status: 'absent' }
  | { status: 'compile-error'; file: string; /** `solution.ts:3:14: <compiler message>` lines. */ message: string };

/** Entry files tried in order. */
export const SOLUTION_FILES = ['solution.ts', 'solution.js'] as const;

/** Limits of one compilation, in the compiler process (see compile-worker.cjs). */
export const COMPILE_LIMITS = {
  /** Wall time of one compilation; a normal one takes a few milliseconds. */
  timeoutMs: 10_000,
  /** Resident memory of the compiler process and esbuild's service together. */
  maxRssMb: 512,
};

interface CompilerMessage {
  text: string;
  location: { file: string; line: number; column: number } | null;
}
type CompileReply = { ok: true; code: string } | { ok: false; errors: CompilerMessage[] } | { crashed: string };

/**
 * Bundles `solution.ts` (or `.js`) and the local files it imports. Everything is compiled by
 * esbuild in a compiler process of the grader, so the child only ever loads plain JavaScript; an
 * import of a package, a built-in module or a file outside the submission folder is a compile
 * error, as is a symlink, and so is a source whose brackets nest too deeply. A source that
 * crashes the compiler, or makes it run too long or too big, is a compile error of that
 * submission alone: the compiler process is killed and the next submission gets a new one.
 */
export async function loadSolution(submissionDir: string, candidates: readonly string[] = SOLUTION_FILES): Promise<LoadedSolution> {
  const root = await realpath(submissionDir);
  let entry: string | undefined;
  for (const name of candidates) {
    const info = await lstat(path.join(root, name)).catch(() => undefined);
    if (info) {
      entry = name;
      break;
    }
  }
  if (!entry) return { status: 'absent' };
  const reply = await compiler.compile(root, entry);
  if ('crashed' in reply) return { status: 'compile-error', file: entry, message: `${entry}: ${reply.crashed}` };
  if (reply.ok) return { status: 'ok', file: entry, code: reply.code };
  const message = reply.errors.length ? reply.errors.map((e) => formatMessage(root, entry, e)).join('\n') : `${entry}: the compiler gave no reason`;
  return { status: 'compile-error', file: entry, message };
}

function formatMessage(root: string, entry: string, msg: CompilerMessage): string {
  const loc = msg.location;
  if (!loc) return `${entry}: ${msg.text}`;
  const file = path.isAbsolute(loc.file) ? path.relative(root, loc.file) : loc.file;
  return `${file || entry}:${loc.line}:${loc.column + 1}: ${msg.text}`;
}

const WORKER = fileURLToPath(new URL('./compile-worker.cjs', import.meta.url));
const RSS_POLL_MS = 50;

/**
 * The compiler process, started on first use and replaced after a crash, a timeout or a memory
 * overrun. Compilations run one at a time (a few milliseconds each), so when one brings the
 * compiler down the submission at fault is known and no other is touched.
 */
class Compiler {
  private proc: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private onReply: ((reply: CompileReply & { id?: number; ready?: boolean }) => void) | undefined;
  private onDeath: ((why: string) => void) | undefined;

  constructor() {
    // A grader that exits takes its compiler (and esbuild's service) with it.
    process.on('exit', () => this.kill());
  }

  compile(root: string, entry: string): Promise<CompileReply> {
    const run = this.queue.then(() => this.compileNow(root, entry));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async compileNow(root: string, entry: string): Promise<CompileReply> {
    try {
      await this.start();
    } catch (err) {
      this.kill();
      return { crashed: `the compiler could not be started (${err instanceof Error ? err.message : String(err)})` };
    }
    const proc = this.proc!;
    const id = this.nextId++;
    proc.ref();
    proc.channel?.ref();
    let timer: NodeJS.Timeout | undefined;
    let watchdog: NodeJS.Timeout | undefined;
    try {
      return await new Promise<CompileReply>((resolve) => {
        const give = (r: CompileReply) => resolve(r);
        this.onReply = (reply) => {
          if (reply.id === id) give(reply);
        };
        this.onDeath = (why) => give({ crashed: why });
        timer = setTimeout(() => {
          this.kill();
          give({ crashed: `the compiler did not finish within ${COMPILE_LIMITS.timeoutMs / 1000} s on this file (most often a very deeply nested expression); simplify it` });
        }, COMPILE_LIMITS.timeoutMs);
        watchdog = setInterval(() => {
          if (groupRssKb(proc.pid) > COMPILE_LIMITS.maxRssMb * 1024) {
            this.kill();
            give({ crashed: `the compiler used more than ${COMPILE_LIMITS.maxRssMb} MB on this file (most often a very deeply nested expression); simplify it` });
          }
        }, RSS_POLL_MS);
        proc.send({ id, root, entry });
      }).then((reply) => {
        // esbuild's service died inside the compiler: that compiler is spent.
        if ('crashed' in reply) {
          this.kill();
          if (!/^the compiler /.test(reply.crashed)) {
            return { crashed: `the compiler crashed on this file (most often a very deeply nested expression); simplify it` };
          }
        }
        return reply;
      });
    } finally {
      clearTimeout(timer);
      clearInterval(watchdog);
      this.onReply = undefined;
      this.onDeath = undefined;
      if (this.proc === proc) {
        proc.unref();
        proc.channel?.unref();
      }
    }
  }

  private start(): Promise<void> {
    if (this.proc && this.ready) return this.ready;
    const esbuild = createRequire(import.meta.url).resolve('esbuild');
    // Its own process group, so that killing it takes esbuild's service along; no output, so a
    // crashing service prints its stack nowhere.
    const proc = spawn(process.execPath, ['--max-old-space-size=128', '--v8-pool-size=1', WORKER, esbuild], {
      detached: true,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    this.proc = proc;
    this.ready = new Promise<void>((resolve, reject) => {
      proc.on('message', (msg: CompileReply & { id?: number; ready?: boolean }) => {
        if (msg.ready) resolve();
        else this.onReply?.(msg);
      });
      proc.on('error', (err) => reject(err));
      proc.on('exit', (code, signal) => {
        if (this.proc === proc) {
          this.proc = undefined;
          this.ready = undefined;
        }
        reject(new Error(`it exited (${signal ?? `code ${code}`})`));
        this.onDeath?.('the compiler crashed on this file (most often a very deeply nested expression); simplify it');
      });
    });
    return this.ready;
  }

  private kill(): void {
    const proc = this.proc;
    this.proc = undefined;
    this.ready = undefined;
    if (!proc?.pid || proc.exitCode !== null || proc.signalCode !== null) return;
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      proc.kill('SIGKILL');
    }
  }
}

const compiler = new Compiler();

/** Resident memory of a process and its direct children (the compiler and esbuild's service), KB. */
function groupRssKb(pid: number | undefined): number {
  if (!pid) return 0;
  let total = rssKb(pid);
  try {
    for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1').trim().split(/\s+/)) {
      if (child) total += rssKb(Number(child));
    }
  } catch {
    // No /proc (not Linux): the timeout still bounds the compiler.
  }
  return total;
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}
