import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CallOutcome, CodeHandle } from '../checkers/types.ts';
import type { IsolationLevel } from '../results/result.ts';
import { Child, ChildFailure, fmtMs } from './child.ts';
import { childReadOnlyDirs, detectIsolation, launchPrefix, removeLeftovers, takeSlot, type Slot } from './isolation.ts';
import type { SandboxSpawner } from './launcher.ts';
import { DEFAULT_LIMITS, type SandboxLimits } from './limits.ts';
import { makeWorkdir, type Workdir } from './workdir.ts';

/** Timings of one sandbox, for benchmarks and reports. */
export interface SandboxStats {
  /** Spawn → module loaded, per child started. */
  readyMs: number[];
  /** Wall time of each IPC batch (send → reply). */
  batchMs: number[];
  calls: number;
}

/** A student's code running in isolated child processes; the handle restarts a child that died. */
export interface Sandbox extends CodeHandle {
  readonly isolation: IsolationLevel;
  /** Files of the submission that were not copied into the sandbox (symlinks, hard links, ...). */
  readonly refused: readonly string[];
  /** Captured stdout and stderr of all children, capped. */
  output(): string;
  stats(): SandboxStats;
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** Force a weaker level (tests); never a stronger one than the machine allows. */
  isolation?: IsolationLevel;
  /**
   * Who forks the children: by default the process's launcher (launcher.ts), a small process, for
   * a fork costs in proportion to the forking process's memory; `spawnHere` forks them from this
   * process. The command line, environment and isolation are the same either way.
   */
  spawner?: SandboxSpawner;
}

const RUNNER_SOURCE = readFileSync(fileURLToPath(new URL('./runner.cjs', import.meta.url)), 'utf8');
const LEVEL_ORDER: IsolationLevel[] = ['none', 'permission-model', 'user-namespace', 'uid+netns'];

/**
 * Prepares a sandbox for one submission: copies its regular files and the compiled bundle into a
 * fresh directory and starts the first child. Student code runs only in that child.
 */
export async function openSandbox(
  submissionDir: string,
  compiledCode: string,
  limits: Partial<SandboxLimits> = {},
  options: SandboxOptions = {},
): Promise<Sandbox> {
  const detected = detectIsolation();
  const level =
    options.isolation && LEVEL_ORDER.indexOf(options.isolation) < LEVEL_ORDER.indexOf(detected) ? options.isolation : detected;
  const slot = level === 'uid+netns' ? takeSlot() : undefined;
  let workdir: Workdir;
  try {
    workdir = await makeWorkdir(submissionDir, RUNNER_SOURCE, compiledCode, slot?.uid);
  } catch (err) {
    slot?.release();
    throw err;
  }
  const sandbox = new ProcessSandbox(level, workdir, slot, { ...DEFAULT_LIMITS, ...limits }, options.spawner);
  sandbox.start();
  return sandbox;
}

class ProcessSandbox implements Sandbox {
  private child: Child | undefined;
  private childReady: Promise<string[]> | undefined;
  private exportNames: string[] | undefined;
  private loadFailure: string | undefined;
  private readonly shrinkBudget: Budget;
  private readonly mainBudget: Budget;
  private out: Buffer[] = [];
  private outBytes = 0;
  private outDropped = 0;
  private readonly timings: SandboxStats = { readyMs: [], batchMs: [], calls: 0 };
  private closed = false;

  constructor(
    readonly isolation: IsolationLevel,
    private readonly workdir: Workdir,
    private readonly slot: Slot | undefined,
    private readonly limits: SandboxLimits,
    private readonly spawner: SandboxSpawner | undefined,
  ) {
    // Loading and restarting children is charged to the submission's own budget.
    this.mainBudget = { usedMs: 0, limitMs: limits.submissionTimeoutMs, what: 'the time budget' };
    this.shrinkBudget = { usedMs: 0, limitMs: limits.shrinkTimeoutMs, what: 'the time budget for shrinking counterexamples' };
  }

  get graderTimeMs(): number {
    return this.limits.graderTimeMs;
  }

  shrinking(): CodeHandle {
    return {
      exports: () => this.exports(),
      callBatch: (fn, argLists) => this.callBatchWithin(fn, argLists, this.shrinkBudget),
      graderTimeMs: this.limits.graderTimeMs,
    };
  }

  get refused(): readonly string[] {
    return this.workdir.refused;
  }

  start(): void {
    if (this.child?.alive || this.loadFailure || this.closed) return;
    const { execPath, args } = launchPrefix(this.isolation, this.slot?.uid ?? 0, {
      cpuSeconds: Math.ceil((this.limits.submissionTimeoutMs + this.limits.shrinkTimeoutMs) / 1000) + 1,
      addressSpaceBytes: 4 * 1024 * 1024 * 1024,
    });
    // V8 rehashes the tables of Node's startup snapshot with a fresh hash seed at every start
    // (2-4 ms of a 30 ms start). A fresh seed defends a process against keys an outsider chose to
    // collide; the only keys a child hashes are the grader's inputs and the student's own, and
    // the student can slow their own child down without any collision.
    const jit = [...(this.limits.optimizingCompiler ? [] : ['--no-opt']), '--no-rehash-snapshot'];
    const nodeFlags =
      this.isolation === 'none'
        ? [`--max-old-space-size=${this.limits.maxOldSpaceMb}`, ...jit]
        : [
            ...jit,
            '--experimental-permission',
            '--no-warnings',
            `--max-old-space-size=${this.limits.maxOldSpaceMb}`,
            // One flag per path: a comma-separated list grants nothing on Node 20.
            `--allow-fs-read=${this.workdir.root}`,
          ];
    const child = new Child({
      execPath,
      execArgv: [...args, ...nodeFlags],
      runner: this.workdir.runner,
      bundle: this.workdir.bundle,
      cwd: this.workdir.submission,
      maxRssMb: this.limits.maxRssMb,
      maxMessageBytes: this.limits.maxMessageBytes,
      onOutput: (chunk) => this.capture(chunk),
      ...(this.spawner ? { spawner: this.spawner } : {}),
    });
    this.child = child;
    const started = performance.now();
    const timeout = Math.max(1, Math.min(this.limits.readyTimeoutMs, this.remainingMs()));
    this.childReady = child.ready(timeout).then(
      (names) => {
        this.mainBudget.usedMs += performance.now() - started;
        this.timings.readyMs.push(performance.now() - child.spawnedAt);
        this.exportNames ??= names;
        return names;
      },
      (err: unknown) => {
        this.mainBudget.usedMs += performance.now() - started;
        // Loading is deterministic: a module that hung or crashed once would do it again.
        this.loadFailure = err instanceof ChildFailure ? err.message : String(err);
        throw err;
      },
    );
    // The rejection is observed by exports()/callBatch(); keep it from being reported as unhandled.
    this.childReady.catch(() => undefined);
  }

  async exports(): Promise<string[]> {
    await this.ensureChild();
    return [...(this.exportNames ?? [])];
  }

  callBatch(fn: string, argLists: unknown[][]): Promise<CallOutcome[]> {
    return this.callBatchWithin(fn, argLists, this.mainBudget);
  }

  private async callBatchWithin(fn: string, argLists: unknown[][], budget: Budget): Promise<CallOutcome[]> {
    const outcomes: CallOutcome[] = [];
    for (let i = 0; i < argLists.length; i += this.limits.batchSize) {
      const chunk = argLists.slice(i, i + this.limits.batchSize);
      let failed: CallOutcome | undefined;
      // A crash may come from work an earlier call left behind (a timer, a pending request), not
      // from this batch: a crashed batch is retried once in a fresh child before it counts.
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          outcomes.push(...(await this.runChunk(fn, chunk, budget)));
          failed = undefined;
          break;
        } catch (err) {
          failed = toOutcome(err);
          if (!(err instanceof ChildFailure) || err.kind !== 'crashed' || err.duringLoad) break;
        }
      }
      if (failed) {
        // The rest of this batch is not tried: the part fails on the first of them anyway, and the
        // next part gets a fresh child.
        while (outcomes.length < argLists.length) outcomes.push(failed);
        break;
      }
    }
    return outcomes;
  }

  private async runChunk(fn: string, chunk: unknown[][], budget: Budget): Promise<CallOutcome[]> {
    const child = await this.ensureChild();
    const timeout = budget.limitMs - budget.usedMs;
    if (timeout <= 0) throw new ChildFailure(`used up ${budget.what} of ${fmtMs(budget.limitMs)} for this submission`, 'timeout', false);
    const t0 = performance.now();
    try {
      return await child.call(fn, chunk, Math.min(this.limits.callTimeoutMs, timeout));
    } finally {
      const dt = performance.now() - t0;
      budget.usedMs += dt;
      this.timings.batchMs.push(dt);
      this.timings.calls += chunk.length;
    }
  }

  output(): string {
    const text = Buffer.concat(this.out).toString('utf8');
    return this.outDropped ? `${text}\n[… ${this.outDropped} more bytes of output dropped]` : text;
  }

  stats(): SandboxStats {
    return { readyMs: [...this.timings.readyMs], batchMs: [...this.timings.batchMs], calls: this.timings.calls };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.child?.close();
    await this.workdir.remove();
    // Only a dedicated uid tells the child's leftovers apart; its slot is free once they are gone.
    if (this.slot && !childReadOnlyDirs(this.isolation).length) await removeLeftovers(this.slot.uid);
    this.slot?.release();
  }

  private async ensureChild(): Promise<Child> {
    if (this.closed) throw new ChildFailure('the sandbox is closed', 'crashed', false);
    if (this.loadFailure) throw new ChildFailure(`your solution failed to load: it ${this.loadFailure}`, 'crashed', true);
    if (!this.child?.alive) {
      if (this.remainingMs() <= 0) throw new ChildFailure(`used up the time budget of ${fmtMs(this.limits.submissionTimeoutMs)} for this submission`, 'timeout', false);
      this.start();
    }
    try {
      await this.childReady;
    } catch (err) {
      throw new ChildFailure(`your solution failed to load: it ${this.loadFailure ?? String(err)}`, err instanceof ChildFailure ? err.kind : 'crashed', true);
    }
    return this.child!;
  }

  private remainingMs(): number {
    return this.mainBudget.limitMs - this.mainBudget.usedMs;
  }

  private capture(chunk: Buffer): void {
    const room = this.limits.outputCapBytes - this.outBytes;
    if (room <= 0) {
      this.outDropped += chunk.length;
      return;
    }
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.out.push(Buffer.from(kept));
    this.outBytes += kept.length;
    this.outDropped += chunk.length - kept.length;
  }
}

interface Budget {
  usedMs: number;
  readonly limitMs: number;
  readonly what: string;
}

function toOutcome(err: unknown): CallOutcome {
  if (err instanceof ChildFailure) {
    return { ok: false, kind: err.kind, error: err.duringLoad ? err.message : `your code ${err.message}` };
  }
  return { ok: false, kind: 'crashed', error: String(err) };
}
