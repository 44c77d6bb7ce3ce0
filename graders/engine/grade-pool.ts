import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Assignment } from '../pack/types.ts';
import type { SubmissionRef } from '../submission/discover.ts';
import { InternalFault } from './grade-submission.ts';
import type { SubmissionResult } from '../results/result.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

/** Grader processes that each grade whole submissions, so the grader's own work uses every core. */
export interface GradePool {
  grade(sub: SubmissionRef): Promise<{ result: SubmissionResult; faults: InternalFault[] }>;
  /** Largest resident set size each grader process reported, in bytes. */
  peakRssBytes(): number[];
  /** Process ids of the grader processes (for measuring them). */
  pids(): number[];
  close(): Promise<void>;
}

export interface PoolOptions {
  size: number;
  assignment: Assignment;
  visibleOnly: boolean;
  seedSalt: string;
  /** The course secret of the students' variants, sent to each grader process over its IPC channel (never in its environment or arguments). */
  variantSecret?: string;
  /** How to start a grader process; `workerEntry()` when absent. */
  entry?: { script: string; execArgv: string[] };
}

interface Task {
  sub: SubmissionRef;
  resolve: (value: { result: SubmissionResult; faults: InternalFault[] }) => void;
  reject: (err: Error) => void;
}

interface Worker {
  proc: ChildProcess;
  task?: Task;
  peakRss: number;
}

/**
 * How to start a grader process: from the sources through tsx, or the bundled `grade-worker.js`
 * beside this module. Undefined when neither exists (a bundle built without it): grade in-process.
 */
export function workerEntry(): { script: string; execArgv: string[] } | undefined {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    return { script: path.join(path.dirname(self), 'grade-worker.ts'), execArgv: ['--import', tsx] };
  }
  const bundled = path.join(path.dirname(self), 'grade-worker.js');
  return existsSync(bundled) ? { script: bundled, execArgv: [] } : undefined;
}

/** Starts `size` grader processes; resolves once each has the assignment. */
export async function openGradePool(options: PoolOptions): Promise<GradePool | undefined> {
  const entry = options.entry ?? workerEntry();
  if (!entry) return undefined;
  const queue: Task[] = [];
  const workers: Worker[] = [];
  let closing = false;
  let broken: Error | undefined;

  const dispatch = (): void => {
    for (const w of workers) {
      if (broken) {
        for (const t of queue.splice(0)) t.reject(broken);
        return;
      }
      if (w.task || queue.length === 0) continue;
      const task = queue.shift()!;
      w.task = task;
      send(w, { type: 'grade', id: task.sub.id, dir: task.sub.dir });
    }
  };

  const ready = Array.from({ length: Math.max(1, options.size) }, () => {
    const proc = fork(entry.script, [], {
      // One V8 helper thread: with every core already running a grader process or a sandbox
      // child, more of them only add thread arenas (about 25 MB per process) without saving time.
      // A smaller young generation keeps about 20 MB more off the resident set at no CPU cost
      // measured; the live heap of a grader process is about 30 MB.
      execArgv: [...entry.execArgv, '--v8-pool-size=1', '--max-semi-space-size=8'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const worker: Worker = { proc, peakRss: 0 };
    workers.push(worker);
    return new Promise<void>((resolve, reject) => {
      proc.on('message', (reply: WorkerReply) => {
        if (reply.type === 'ready') return resolve();
        if (reply.type === 'failed' && !worker.task) return fail(`could not load the pack module: ${reply.message}`);
        const task = worker.task;
        worker.task = undefined;
        if (!task) return;
        if (reply.type === 'result') {
          worker.peakRss = Math.max(worker.peakRss, reply.rssBytes);
          task.resolve({ result: reply.result, faults: reply.faults.map((f) => new InternalFault(f.partId, f.studentId, new Error(f.message))) });
        } else {
          task.reject(new Error(`grading ${task.sub.id} failed in a grader process: ${reply.message}`));
        }
        dispatch();
      });
      const fail = (why: string): void => {
        if (closing) return;
        // A grader process is our own code: its death is a harness fault, and the run stops
        // (results already written stay, so --resume picks up from there).
        broken ??= new Error(`a grader process ${why}`);
        worker.task?.reject(broken);
        worker.task = undefined;
        reject(broken);
        dispatch();
      };
      proc.on('exit', (code, signal) => fail(`exited unexpectedly (${signal ?? `exit ${code}`})`));
      proc.on('error', (err) => fail(`could not be started: ${err.message}`));
      send(worker, { type: 'init', assignment: options.assignment, ...(options.assignment.reference ? { packModule: options.assignment.reference.file } : {}), visibleOnly: options.visibleOnly, seedSalt: options.seedSalt, ...(options.variantSecret !== undefined ? { variantSecret: options.variantSecret } : {}) });
    });
  });
  try {
    await Promise.all(ready);
  } catch (err) {
    closing = true;
    for (const w of workers) w.proc.kill();
    throw err;
  }

  return {
    grade(sub) {
      return new Promise((resolve, reject) => {
        if (broken) return reject(broken);
        queue.push({ sub, resolve, reject });
        dispatch();
      });
    },
    peakRssBytes: () => workers.map((w) => w.peakRss),
    pids: () => workers.flatMap((w) => (w.proc.pid === undefined ? [] : [w.proc.pid])),
    async close() {
      closing = true;
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              if (w.proc.exitCode !== null || w.proc.signalCode !== null) return resolve();
              w.proc.once('exit', () => resolve());
              // Disconnecting lets the worker exit on its own and clean up its sandbox copies.
              if (w.proc.connected) w.proc.disconnect();
              else w.proc.kill();
            }),
        ),
      );
    },
  };
}

function send(worker: Worker, message: WorkerRequest): void {
  worker.proc.send(message);
}
