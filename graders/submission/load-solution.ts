import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
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
/** How long a helper that is told to end has to do so before it is killed. */
const CLOSE_WAIT_MS = 2000;
/** How long the helper has to acknowledge that its esbuild service was killed. */
const SETTLE_MS = 2000;

/** What else runs in the helper process (the sandbox's launcher, graders/sandbox/launcher.ts). */
export interface HelperListener {
  /** A message of the helper's that is not a compiler reply (it has a `type`), with its handle. */
  message(msg: { type: string }, handle: unknown): void;
  /** That helper process ended. */
  exit(proc: ChildProcess): void;
}

/**
 * The grader's helper process (compile-worker.cjs), started on first use and replaced when it
 * dies: it compiles, and it forks the sandbox children (see graders/sandbox/launcher.ts).
 * Compilations run one at a time (a few milliseconds each), so when one brings esbuild's service
 * down (a crash, a timeout or a memory overrun, after which the service is killed) the submission
 * at fault is known and no other is touched.
 */
class Compiler {
  private proc: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private holds = 0;
  private onReply: ((reply: CompileReply & { id?: number; ready?: boolean }) => void) | undefined;
  private onDeath: ((why: string) => void) | undefined;
  listener: HelperListener | undefined;

  constructor() {
    // A grader that exits takes its helper (esbuild's service, sandbox children) with it.
    process.on('exit', () => this.kill());
  }

  /** The helper process, started if needed. */
  async helper(): Promise<ChildProcess> {
    await this.start();
    return this.proc!;
  }

  /** The helper keeps the grader alive only while a compilation or a child of it is under way. */
  hold(): void {
    if (++this.holds === 1 && this.proc) {
      this.proc.ref();
      this.proc.channel?.ref();
    }
  }

  release(): void {
    if (--this.holds === 0 && this.proc) {
      this.proc.unref();
      this.proc.channel?.unref();
    }
  }

  compile(root: string, entry: string): Promise<CompileReply> {
    const run = this.queue.then(() => this.compileNow(root, entry));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async compileNow(root: string, entry: string): Promise<CompileReply> {
    this.hold();
    try {
      return await this.compileHeld(root, entry);
    } finally {
      this.release();
    }
  }

  private async compileHeld(root: string, entry: string): Promise<CompileReply> {
    try {
      await this.start();
    } catch (err) {
      this.kill();
      return { crashed: `the compiler could not be started (${err instanceof Error ? err.message : String(err)})` };
    }
    const proc = this.proc!;
    const id = this.nextId++;
    let timer: NodeJS.Timeout | undefined;
    let watchdog: NodeJS.Timeout | undefined;
    let settle: NodeJS.Timeout | undefined;
    try {
      return await new Promise<CompileReply>((resolve) => {
        const give = (r: CompileReply) => resolve(r);
        // Over time or memory: the service is killed, and the answer waits for the helper's reply to
        // this compilation, which comes once it has seen its service end and reset it, so that the
        // next compilation finds a working service. A helper that does not reply is replaced.
        let verdict: CompileReply | undefined;
        const stopWith = (r: CompileReply): void => {
          if (verdict) return;
          verdict = r;
          clearTimeout(timer);
          clearInterval(watchdog);
          this.stopService(proc);
          settle = setTimeout(() => {
            this.kill();
            give(r);
          }, SETTLE_MS);
        };
        this.onReply = (reply) => {
          if (reply.id === id) give(verdict ?? reply);
        };
        this.onDeath = (why) => give(verdict ?? { crashed: why });
        timer = setTimeout(
          () => stopWith({ crashed: `the compiler did not finish within ${COMPILE_LIMITS.timeoutMs / 1000} s on this file (most often a very deeply nested expression); simplify it` }),
          COMPILE_LIMITS.timeoutMs,
        );
        watchdog = setInterval(() => {
          if (compilerRssKb(proc.pid) > COMPILE_LIMITS.maxRssMb * 1024) {
            stopWith({ crashed: `the compiler used more than ${COMPILE_LIMITS.maxRssMb} MB on this file (most often a very deeply nested expression); simplify it` });
          }
        }, RSS_POLL_MS);
        proc.send({ id, root, entry });
      }).then((reply) => {
        // esbuild's service died inside the helper, which starts a new one for the next compilation.
        if ('crashed' in reply) {
          if (!/^the compiler /.test(reply.crashed)) {
            return { crashed: `the compiler crashed on this file (most often a very deeply nested expression); simplify it` };
          }
        }
        return reply;
      });
    } finally {
      clearTimeout(timer);
      clearInterval(watchdog);
      clearTimeout(settle);
      this.onReply = undefined;
      this.onDeath = undefined;
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
    // A new helper is held as the old one was.
    if (!this.holds) proc.unref();
    this.ready = new Promise<void>((resolve, reject) => {
      proc.on('message', (msg: CompileReply & { id?: number; ready?: boolean; type?: string }, handle: unknown) => {
        if (msg.ready) resolve();
        else if (typeof msg.type === 'string') this.listener?.message(msg as { type: string }, handle);
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
        this.listener?.exit(proc);
      });
    });
    // Observed by every caller; keep an early failure from counting as unhandled.
    this.ready.catch(() => undefined);
    if (!this.holds) proc.channel?.unref();
    return this.ready;
  }

  /**
   * Ends esbuild's service (the helper then rejects the compilation in flight and starts a new
   * service for the next one); the whole helper only when the service cannot be found.
   */
  private stopService(proc: ChildProcess): void {
    const services = esbuildServices(proc.pid);
    if (!services.length) return this.kill();
    for (const pid of services) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Ended meanwhile.
      }
    }
  }

  /**
   * Ends the helper as a grader that is done should: it disconnects, the helper stops esbuild's
   * service and reaps its children, and exits; this waits for that, so the helper's CPU (and its
   * children's) is accounted to this process. Killed instead when it does not end in time.
   */
  async close(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    if (!proc.connected) return this.kill();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.kill();
        resolve();
      }, CLOSE_WAIT_MS);
      proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      proc.disconnect();
    });
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

/** The grader's helper process (started if needed), for the sandbox's launcher. */
export const graderHelper = {
  process: (): Promise<ChildProcess> => compiler.helper(),
  hold: (): void => compiler.hold(),
  close: (): Promise<void> => compiler.close(),
  release: (): void => compiler.release(),
  listen: (listener: HelperListener): void => {
    compiler.listener = listener;
  },
};

/**
 * The helper's children that run esbuild's binary (its service), told from the sandbox children
 * by the program they run: a child can rename itself (process.title), not change its program.
 */
function esbuildServices(pid: number | undefined): number[] {
  if (!pid) return [];
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
      .filter((child) => {
        try {
          return path.basename(readlinkSync(`/proc/${child}/exe`)).startsWith('esbuild');
        } catch {
          return false;
        }
      });
  } catch {
    // No /proc (not Linux): the timeout still bounds the compiler.
    return [];
  }
}

/** Resident memory of the helper process and esbuild's service (not the sandbox children), KB. */
function compilerRssKb(pid: number | undefined): number {
  if (!pid) return 0;
  return rssKb(pid) + esbuildServices(pid).reduce((sum, child) => sum + rssKb(child), 0);
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}
