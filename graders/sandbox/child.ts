import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { CallOutcome } from '../checkers/types.ts';

/** How one child is started (see sandbox.ts, which builds it from the isolation level). */
export interface ChildSpec {
  execPath: string;
  execArgv: string[];
  runner: string;
  bundle: string;
  cwd: string;
  maxRssMb: number;
  onOutput(chunk: Buffer): void;
}

const OUTCOME_KINDS = new Set(['threw', 'timeout', 'crashed', 'not-a-function', 'bad-output']);
const RSS_POLL_MS = 20;

/** Raised while waiting on a child that died, timed out or broke the protocol. */
export class ChildFailure extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'crashed',
    /** True when the module itself never finished loading (deterministic: do not retry). */
    readonly duringLoad: boolean,
  ) {
    super(message);
    this.name = 'ChildFailure';
  }
}

/** One sandbox process: spawn, wait for the module to load, answer batches, die. */
export class Child {
  private readonly proc: ChildProcess;
  private readonly watchdog: NodeJS.Timeout;
  private nextId = 1;
  private pending: { id: number; size: number; resolve(o: CallOutcome[]): void; reject(e: ChildFailure): void } | undefined;
  private readyWait: { resolve(names: string[]): void; reject(e: ChildFailure): void } | undefined;
  private failure: ChildFailure | undefined;
  private isReady = false;
  private killReason: { message: string; kind: 'timeout' | 'crashed' } | undefined;
  readonly exited: Promise<void>;
  readonly spawnedAt = performance.now();

  constructor(spec: ChildSpec) {
    this.proc = fork(spec.runner, [spec.bundle], {
      execPath: spec.execPath,
      execArgv: spec.execArgv,
      cwd: spec.cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.proc.stdout?.on('data', spec.onOutput);
    this.proc.stderr?.on('data', spec.onOutput);
    this.proc.on('message', (msg) => this.onMessage(msg));
    this.proc.on('error', (err) => this.fail(`could not be started or signalled: ${err.message}`, 'crashed'));
    this.exited = new Promise((resolve) => {
      this.proc.on('exit', (code, signal) => {
        clearInterval(this.watchdog);
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        this.fail(signal === 'SIGABRT' ? `${how} (most likely it ran out of heap memory)` : how, 'crashed');
        resolve();
      });
    });
    const maxKb = spec.maxRssMb * 1024;
    this.watchdog = setInterval(() => {
      const rss = rssKb(this.proc.pid);
      if (rss !== undefined && rss > maxKb) this.kill(`used more than ${spec.maxRssMb} MB of memory`, 'crashed');
    }, RSS_POLL_MS);
    this.watchdog.unref();
  }

  /** Resolves with the module's export names once its top-level code has run. */
  ready(timeoutMs: number): Promise<string[]> {
    return new Promise<string[]>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      const timer = setTimeout(() => this.kill(`did not finish loading within ${fmtMs(timeoutMs)}`, 'timeout'), timeoutMs);
      this.readyWait = {
        resolve: (names) => {
          clearTimeout(timer);
          resolve(names);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  call(fn: string, argLists: unknown[][], timeoutMs: number): Promise<CallOutcome[]> {
    return new Promise<CallOutcome[]>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      const id = this.nextId++;
      const timer = setTimeout(
        () => this.kill(`did not return within ${fmtMs(timeoutMs)} (${argLists.length} call${argLists.length === 1 ? '' : 's'} of ${fn})`, 'timeout'),
        timeoutMs,
      );
      this.pending = {
        id,
        size: argLists.length,
        resolve: (o) => {
          clearTimeout(timer);
          this.pending = undefined;
          resolve(o);
        },
        reject: (e) => {
          clearTimeout(timer);
          this.pending = undefined;
          reject(e);
        },
      };
      this.proc.send({ id, type: 'call', fn, argLists }, (err) => {
        if (err) this.fail(`could not be reached: ${err.message}`, 'crashed');
      });
    });
  }

  get alive(): boolean {
    return !this.failure;
  }

  kill(message: string, kind: 'timeout' | 'crashed'): void {
    this.killReason ??= { message, kind };
    this.proc.kill('SIGKILL');
  }

  async close(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      this.kill('closed', 'crashed');
      await this.exited;
    }
    clearInterval(this.watchdog);
  }

  private fail(message: string, kind: 'timeout' | 'crashed'): void {
    if (this.failure) return;
    const reason = this.killReason ?? { message, kind };
    this.failure = new ChildFailure(reason.message, reason.kind, !this.isReady);
    this.readyWait?.reject(this.failure);
    this.pending?.reject(this.failure);
    if (!this.killReason) this.proc.kill('SIGKILL');
  }

  // Everything the child sends is untrusted: the student's code can call process.send too.
  private onMessage(msg: unknown): void {
    if (typeof msg !== 'object' || msg === null) return this.violation('a message that is not an object');
    const m = msg as Record<string, unknown>;
    if (m.type === 'ready' && !this.isReady && this.readyWait) {
      const names = m.exports;
      if (!Array.isArray(names) || names.length > 10_000 || !names.every((n) => typeof n === 'string' && n.length < 200)) {
        return this.violation('a malformed list of exports');
      }
      this.isReady = true;
      this.readyWait.resolve(names as string[]);
      this.readyWait = undefined;
      return;
    }
    if (m.type === 'load-error' && !this.isReady && typeof m.message === 'string') {
      return this.kill(`threw while loading: ${m.message.slice(0, 500)}`, 'crashed');
    }
    if (m.type === 'result' && this.pending && m.id === this.pending.id) {
      const outcomes = m.outcomes;
      if (!Array.isArray(outcomes) || outcomes.length !== this.pending.size) return this.violation('a result of the wrong length');
      const checked: CallOutcome[] = [];
      for (const o of outcomes) {
        const c = checkOutcome(o);
        if (!c) return this.violation('a malformed result');
        checked.push(c);
      }
      return this.pending.resolve(checked);
    }
    return this.violation(`an unexpected message`);
  }

  private violation(what: string): void {
    this.kill(`broke the grading protocol: it sent ${what}`, 'crashed');
  }
}

function checkOutcome(o: unknown): CallOutcome | undefined {
  if (typeof o !== 'object' || o === null) return undefined;
  const r = o as Record<string, unknown>;
  if (r.ok === true) {
    if (r.argsAfter !== undefined && !Array.isArray(r.argsAfter)) return undefined;
    return r.argsAfter === undefined ? { ok: true, value: r.value } : { ok: true, value: r.value, argsAfter: r.argsAfter as unknown[] };
  }
  if (r.ok === false && typeof r.kind === 'string' && OUTCOME_KINDS.has(r.kind) && typeof r.error === 'string') {
    return { ok: false, kind: r.kind as Extract<CallOutcome, { ok: false }>['kind'], error: r.error.slice(0, 1000) };
  }
  return undefined;
}

function rssKb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function fmtMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
