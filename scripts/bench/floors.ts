// The floors the grading is compared with: a bare Node start per submission.
import { spawn } from 'node:child_process';
import pLimit from 'p-limit';

// The sandbox children start with PATH alone; this environment may add Node start-up work.
export const CLEAN_ENV: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
export const NODE_START_VARS = ['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS', 'NODE_PATH', 'NODE_V8_COVERAGE'].filter((v) => process.env[v] !== undefined);

/** Starts `node -e 0` and resolves when it has exited. */
export function bareNode(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore', env });
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
}

/** Runs `task` for 0..count-1, `jobs` at a time; resolves with the wall milliseconds. */
export async function inParallel(count: number, jobs: number, task: (i: number) => Promise<unknown>): Promise<number> {
  const limit = pLimit(jobs);
  const started = performance.now();
  await Promise.all(Array.from({ length: count }, (_, i) => limit(() => task(i))));
  return performance.now() - started;
}
