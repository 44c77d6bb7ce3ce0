import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import { graderHelper } from '../submission/load-solution.ts';

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

class Remote extends EventEmitter implements SandboxProcess {
  pid: number | undefined;
  ended = false;
  pipes: SandboxPipes | undefined;
  /** The helper process it was sent to, once sent. */
  helper: ChildProcess | undefined;
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
 * Starts sandbox children from the grader's helper process (graders/submission/compile-worker.cjs,
 * which also compiles): a fork costs in proportion to the forking process's memory, and that one
 * is small. The helper spawns the command line it is sent as it is, with no environment.
 */
class Launcher {
  private nextId = 1;
  private readonly live = new Map<number, Remote>();

  constructor() {
    graderHelper.listen({ message: (msg, handle) => this.onMessage(msg as LauncherMessage, handle as Duplex | undefined), exit: (proc) => this.onHelperExit(proc) });
  }

  spawn(file: string, args: readonly string[], cwd: string): SandboxProcess {
    const remote = new Remote(this.nextId++, this);
    this.live.set(remote.id, remote);
    graderHelper.hold();
    graderHelper.process().then(
      (proc) => {
        if (remote.ended) return;
        remote.helper = proc;
        proc.send({ type: 'spawn', id: remote.id, file, args, cwd });
      },
      (err: unknown) => {
        remote.emit('error', err instanceof Error ? err : new Error(String(err)));
        this.end(remote, null, 'SIGKILL');
      },
    );
    return remote;
  }

  kill(remote: Remote): void {
    // Not sent yet: it never will be.
    if (!remote.helper) return this.end(remote, null, 'SIGKILL');
    if (remote.helper.connected) remote.helper.send({ type: 'kill', id: remote.id });
  }

  private onMessage(msg: LauncherMessage, handle: Duplex | undefined): void {
    const remote = 'id' in msg ? this.live.get(msg.id) : undefined;
    if (!remote) {
      handle?.destroy();
      return;
    }
    if (msg.type === 'spawned') remote.pid = msg.pid;
    else if (msg.type === 'pipe' && handle) remote.onPipe(msg.fd, handle);
    else if (msg.type === 'error') remote.emit('error', new Error(msg.message));
    else if (msg.type === 'exit') this.end(remote, msg.code, msg.signal);
  }

  // The children of a helper that died lost their parent: end them here (this process may signal
  // them, as root or as their own user), and tell their handles.
  private onHelperExit(proc: ChildProcess): void {
    for (const remote of [...this.live.values()]) {
      if (remote.helper !== proc) continue;
      if (remote.pid !== undefined) {
        try {
          process.kill(remote.pid, 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
      remote.emit('error', new Error('the grader\'s helper process died'));
      this.end(remote, null, 'SIGKILL');
    }
  }

  private end(remote: Remote, code: number | null, signal: string | null): void {
    if (!this.live.delete(remote.id)) return;
    graderHelper.release();
    remote.onExit(code, signal);
  }
}

type LauncherMessage =
  | { type: 'spawned'; id: number; pid: number }
  | { type: 'pipe'; id: number; fd: 1 | 2 | 3 }
  | { type: 'error'; id: number; message: string }
  | { type: 'exit'; id: number; code: number | null; signal: string | null };

let launcher: Launcher | undefined;

/** Starts sandbox children from the grader's helper process. */
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
