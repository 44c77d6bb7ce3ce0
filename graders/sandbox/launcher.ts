import { fork, spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** The grader's ends of a sandbox child's pipes. */
export interface SandboxPipes {
  stdout: Duplex;
  stderr: Duplex;
  /** fd 3 in the child: the framed channel (see frames.ts). */
  channel: Duplex;
}

/**
 * A started sandbox child, whoever forked it. Events: `pipes` (SandboxPipes, once, unless it
 * could not be started), `exit` (code, signal, once), `error` (Error).
 */
export interface SandboxProcess extends EventEmitter {
  readonly pid: number | undefined;
  /** Set once the child has ended. */
  readonly ended: boolean;
  /** The pipes, once they are here. */
  readonly pipes: SandboxPipes | undefined;
  /** SIGKILL (a no-op once it has ended). */
  kill(): void;
}

/** How sandbox children are started: the same command line, no environment, whichever way. */
export type SandboxSpawner = (file: string, args: readonly string[], cwd: string) => SandboxProcess;

const LAUNCHER = fileURLToPath(new URL('./launcher.cjs', import.meta.url));

class Remote extends EventEmitter implements SandboxProcess {
  pid: number | undefined;
  ended = false;
  pipes: SandboxPipes | undefined;
  readonly got: Partial<Record<1 | 2 | 3, Duplex>> = {};

  constructor(
    readonly id: number,
    private readonly launcher: Launcher,
  ) {
    super();
  }

  kill(): void {
    if (!this.ended) this.launcher.kill(this);
  }

  onPipe(fd: 1 | 2 | 3, socket: Duplex): void {
    if (this.ended) {
      socket.destroy();
      return;
    }
    this.got[fd] = socket;
    const { 1: stdout, 2: stderr, 3: channel } = this.got;
    if (stdout && stderr && channel) {
      this.pipes = { stdout, stderr, channel };
      this.emit('pipes', this.pipes);
    }
  }

  onExit(code: number | null, signal: string | null): void {
    if (this.ended) return;
    this.ended = true;
    this.emit('exit', code, signal);
  }
}

/**
 * The grader's launcher process (launcher.cjs): started on first use, with no environment and a
 * small heap, and replaced when it dies. A fork costs in proportion to the forking process's
 * memory, and this one is small.
 */
class Launcher {
  private proc: ChildProcess | undefined;
  private ready: Promise<ChildProcess> | undefined;
  private nextId = 1;
  private readonly live = new Map<number, Remote>();

  spawn(file: string, args: readonly string[], cwd: string): SandboxProcess {
    const remote = new Remote(this.nextId++, this);
    this.live.set(remote.id, remote);
    this.start().then(
      (proc) => {
        this.ref(proc);
        proc.send({ type: 'spawn', id: remote.id, file, args, cwd });
      },
      (err: unknown) => {
        this.live.delete(remote.id);
        remote.emit('error', err instanceof Error ? err : new Error(String(err)));
        remote.onExit(null, 'SIGKILL');
      },
    );
    return remote;
  }

  kill(remote: Remote): void {
    // Sent after the spawn (the same promise, in order), so the launcher knows the id by then.
    void this.ready?.then((proc) => proc.send({ type: 'kill', id: remote.id }), () => undefined);
  }

  private start(): Promise<ChildProcess> {
    if (this.ready) return this.ready;
    const proc = fork(LAUNCHER, [], {
      execPath: process.execPath,
      // Not this process's flags (tsx's loader, a big heap): it only spawns.
      execArgv: ['--max-old-space-size=16', '--max-semi-space-size=1', '--v8-pool-size=1'],
      env: {},
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    this.proc = proc;
    const ready = new Promise<ChildProcess>((resolve, reject) => {
      proc.on('message', (msg: LauncherMessage, handle?: Duplex) => {
        if (msg.type === 'ready') return resolve(proc);
        const remote = this.live.get(msg.id);
        if (!remote) {
          handle?.destroy();
          return;
        }
        if (msg.type === 'spawned') remote.pid = msg.pid;
        else if (msg.type === 'pipe' && handle) remote.onPipe(msg.fd, handle);
        else if (msg.type === 'error') remote.emit('error', new Error(msg.message));
        else if (msg.type === 'exit') {
          this.live.delete(msg.id);
          remote.onExit(msg.code, msg.signal);
          if (!this.live.size) this.unref(proc);
        }
      });
      proc.on('error', reject);
      proc.on('exit', (code, signal) => {
        reject(new Error(`the sandbox launcher exited (${signal ?? `code ${code}`})`));
        if (this.proc === proc) {
          this.proc = undefined;
          this.ready = undefined;
        }
        // Its children lost their parent: end them here (this process may signal them, as root
        // or as their own user), and tell their handles.
        for (const remote of this.live.values()) {
          if (remote.pid !== undefined) {
            try {
              process.kill(remote.pid, 'SIGKILL');
            } catch {
              // Gone already.
            }
          }
          remote.emit('error', new Error('the sandbox launcher died'));
          remote.onExit(null, 'SIGKILL');
        }
        this.live.clear();
      });
    });
    this.ready = ready;
    // Observed by every spawn; keep an early failure from counting as unhandled.
    ready.catch(() => undefined);
    return ready;
  }

  // The launcher keeps the grader alive only while a child of it lives.
  private ref(proc: ChildProcess): void {
    proc.ref();
    proc.channel?.ref();
  }

  private unref(proc: ChildProcess): void {
    proc.unref();
    proc.channel?.unref();
  }
}

type LauncherMessage =
  | { type: 'ready' }
  | { type: 'spawned'; id: number; pid: number }
  | { type: 'pipe'; id: number; fd: 1 | 2 | 3 }
  | { type: 'error'; id: number; message: string }
  | { type: 'exit'; id: number; code: number | null; signal: string | null };

let launcher: Launcher | undefined;

/** Starts sandbox children from this process's launcher. */
export const viaLauncher: SandboxSpawner = (file, args, cwd) => (launcher ??= new Launcher()).spawn(file, args, cwd);

/** Starts sandbox children from this process itself (a fork of its whole address space). */
export const spawnHere: SandboxSpawner = (file, args, cwd) => {
  const proc = spawn(file, args, { cwd, env: {}, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  const out = new EventEmitter() as EventEmitter & { pid: number | undefined; ended: boolean; pipes: SandboxPipes | undefined; kill(): void };
  out.pid = proc.pid;
  out.ended = false;
  out.pipes = { stdout: proc.stdout as Duplex, stderr: proc.stderr as Duplex, channel: proc.stdio[3] as Duplex };
  out.kill = () => {
    if (!out.ended) proc.kill('SIGKILL');
  };
  proc.on('error', (err) => out.emit('error', err));
  proc.on('exit', (code, signal) => {
    out.ended = true;
    out.emit('exit', code, signal);
  });
  return out;
};
