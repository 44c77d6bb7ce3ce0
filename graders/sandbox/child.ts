import { readFileSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import type { CallOutcome } from '../checkers/types.ts';
import { decodePayload, encodeFrame, FrameReader } from './frames.ts';
import { viaLauncher, type SandboxPipes, type SandboxProcess, type SandboxSpawner } from './launcher.ts';
import { PLAIN_DATA_LIMITS, plainDataProblem, type PlainDataLimits } from './plain-data.ts';

/** How one child is started (see sandbox.ts, which builds it from the isolation level). */
export interface ChildSpec {
  execPath: string;
  execArgv: string[];
  runner: string;
  bundle: string;
  cwd: string;
  maxRssMb: number;
  /** Largest message the child may send (one reply to one call message). */
  maxMessageBytes: number;
  /** What one call's value may hold (see plain-data.ts). */
  valueLimits?: PlainDataLimits;
  onOutput(chunk: Buffer): void;
  /** Who forks the child (default: this process's launcher). */
  spawner?: SandboxSpawner;
}

/** The descriptor of the child's channel: fd 3, a plain pipe in both directions, never Node IPC. */
export const CHANNEL_FD = 3;

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
  private readonly proc: SandboxProcess;
  private channel: Duplex | undefined;
  private readonly frames: FrameReader;
  private readonly valueLimits: PlainDataLimits;
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
    this.frames = new FrameReader(spec.maxMessageBytes);
    this.valueLimits = spec.valueLimits ?? PLAIN_DATA_LIMITS;
    // No 'ipc' entry: Node's channel would let the student's code send handles and feed its
    // deserializer, which throws outside any handler of ours. No environment at all either.
    // Forked by the grader's helper by default (launcher.ts): a fork costs in proportion to the
    // forking process's memory, and the helper is a third of the grader's size.
    this.proc = (spec.spawner ?? viaLauncher)(spec.execPath, [...spec.execArgv, spec.runner, spec.bundle], spec.cwd);
    const attach = (pipes: SandboxPipes): void => {
      this.channel = pipes.channel;
      pipes.stdout.on('data', spec.onOutput);
      pipes.stderr.on('data', spec.onOutput);
      // Errors of the output pipes end in the channel's or the exit's reason.
      pipes.stdout.on('error', () => undefined);
      pipes.stderr.on('error', () => undefined);
      pipes.channel.on('data', (chunk: Buffer) => this.onBytes(chunk));
      // A child that closes or breaks its end of the channel is dead to us, whatever it does next.
      pipes.channel.on('error', (err) => this.fail(`broke its channel to the grader (${err.message})`, 'crashed'));
      // A child that exits closes the channel first; its exit status is the better reason.
      pipes.channel.on('end', () => setTimeout(() => this.fail('closed its channel to the grader', 'crashed'), 250).unref());
    };
    if (this.proc.pipes) attach(this.proc.pipes);
    else this.proc.once('pipes', attach);
    this.proc.on('error', (err: Error) => this.fail(`could not be started or signalled: ${err.message}`, 'crashed'));
    this.exited = new Promise((resolve) => {
      this.proc.once('exit', (code: number | null, signal: string | null) => {
        this.releasePipes();
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
      let frame: Buffer;
      try {
        frame = encodeFrame({ id, type: 'call', fn, argLists });
      } catch (err) {
        // Our own inputs: a value V8 cannot serialize is a fault of the pack, not of the student.
        this.pending.reject(new ChildFailure(`could not be sent its inputs (${err instanceof Error ? err.message : String(err)})`, 'crashed', false));
        return;
      }
      if (!this.channel) return this.fail('could not be reached: it has no channel', 'crashed');
      this.channel.write(frame, (err) => {
        if (err) this.fail(`could not be reached: ${err.message}`, 'crashed');
      });
    });
  }

  get alive(): boolean {
    return !this.failure;
  }

  kill(message: string, kind: 'timeout' | 'crashed'): void {
    this.killReason ??= { message, kind };
    this.proc.kill();
  }

  async close(): Promise<void> {
    if (!this.proc.ended) {
      this.kill('closed', 'crashed');
      await this.exited;
    }
    clearInterval(this.watchdog);
  }

  // A dead child's pipes may still hold unread output; the grader's ends are closed here, since
  // (handed over by the launcher) no child process object of ours closes them.
  private releasePipes(): void {
    const pipes = this.proc.pipes;
    if (!pipes) return;
    setTimeout(() => {
      pipes.stdout.destroy();
      pipes.stderr.destroy();
      pipes.channel.destroy();
    }, 1000).unref();
  }

  private fail(message: string, kind: 'timeout' | 'crashed'): void {
    if (this.failure) return;
    const reason = this.killReason ?? { message, kind };
    this.failure = new ChildFailure(reason.message, reason.kind, !this.isReady);
    this.readyWait?.reject(this.failure);
    this.pending?.reject(this.failure);
    if (!this.killReason) this.proc.kill();
  }

  // Runs in a stream handler: nothing here may throw, or the grader itself would crash.
  // Once the child is condemned (a violation, a timeout) nothing it sends counts: a reply read
  // between the kill and the exit would otherwise settle the call it was condemned in.
  private onBytes(chunk: Buffer): void {
    try {
      if (this.failure || this.killReason) return;
      for (const event of this.frames.push(chunk)) {
        if ('error' in event) return this.violation(event.error);
        const decoded = decodePayload(event.frame);
        if (!decoded.ok) return this.violation(decoded.why);
        this.onMessage(decoded.value);
        if (this.failure || this.killReason) return;
      }
    } catch (err) {
      this.violation(`a message the grader could not handle (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  // Everything the child sends is untrusted: the student's code shares the process and can write
  // to the channel's descriptor too. A decoded value is inert (no getters, no proxies) but may be
  // anything V8 can serialize, so each part is checked before it is used.
  private onMessage(msg: unknown): void {
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return this.violation('a message that is not a record');
    const proto = Object.getPrototypeOf(msg) as unknown;
    if (proto !== Object.prototype && proto !== null) return this.violation('a message that is not a plain record');
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
      if (Object.getPrototypeOf(outcomes) !== Array.prototype) return this.violation('a malformed result');
      const checked: CallOutcome[] = [];
      // One set across the batch: a value shared by many outcomes is refused, not walked again.
      const seen = new Set<object>();
      for (let i = 0; i < outcomes.length; i++) {
        const c = checkOutcome(outcomes[i], this.valueLimits, seen);
        if (typeof c === 'string') return this.violation(`a result that is not plain data (call ${i + 1}: ${c})`);
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

/** The outcome as grader data, or what is wrong with it. */
function checkOutcome(o: unknown, limits: PlainDataLimits, seen: Set<object>): CallOutcome | string {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return 'an outcome that is not a record';
  const proto = Object.getPrototypeOf(o) as unknown;
  if (proto !== Object.prototype && proto !== null) return 'an outcome that is not a plain record';
  if (seen.has(o)) return 'an outcome sent twice';
  seen.add(o);
  const r = o as Record<string, unknown>;
  if (r.ok === true) {
    const bad = plainDataProblem(r.value, limits, seen);
    if (bad) return `its value holds ${bad}`;
    if (r.argsAfter === undefined) return { ok: true, value: r.value };
    if (!Array.isArray(r.argsAfter)) return 'its arguments-after are not a list';
    const badArgs = plainDataProblem(r.argsAfter, limits, seen);
    if (badArgs) return `its arguments-after hold ${badArgs}`;
    return { ok: true, value: r.value, argsAfter: r.argsAfter as unknown[] };
  }
  if (r.ok === false && typeof r.kind === 'string' && OUTCOME_KINDS.has(r.kind) && typeof r.error === 'string') {
    return { ok: false, kind: r.kind as Extract<CallOutcome, { ok: false }>['kind'], error: r.error.slice(0, 1000) };
  }
  return 'a malformed outcome';
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
