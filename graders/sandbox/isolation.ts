import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { IsolationLevel } from '../results/result.ts';

const UNSHARE = '/usr/bin/unshare';
const SETPRIV = '/usr/bin/setpriv';
const PRLIMIT = '/usr/bin/prlimit';

let cached: IsolationLevel | undefined;

/**
 * The strongest isolation this machine allows, probed once per process:
 * as root a dedicated uid/gid per child plus a network namespace; otherwise an unprivileged user
 * and network namespace when the kernel allows one; else Node's permission model alone.
 */
export function detectIsolation(): IsolationLevel {
  if (cached) return cached;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync(UNSHARE) && existsSync(SETPRIV) && probe(UNSHARE, ['--net', '--', SETPRIV, '--reuid=65534', '--regid=65534', '--clear-groups', '--', '/bin/true'])) {
    cached = 'uid+netns';
  } else if (existsSync(UNSHARE) && probe(UNSHARE, ['--user', '--net', '--', '/bin/true'])) {
    cached = 'user-namespace';
  } else {
    cached = 'permission-model';
  }
  return cached;
}

function probe(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, stdio: 'ignore', timeout: 5000 });
  return r.status === 0;
}

// One uid per concurrent child, so children can neither signal nor read each other. The process id
// spreads concurrent grader processes over disjoint ranges.
const UID_BASE = 200_000;
const SLOTS_PER_PROCESS = 64;
const usedSlots = new Set<number>();

export interface Slot {
  uid: number;
  release(): void;
}

export function takeSlot(): Slot {
  let slot = 0;
  while (usedSlots.has(slot)) slot++;
  usedSlots.add(slot);
  const uid = UID_BASE + (process.pid % 10_000) * SLOTS_PER_PROCESS + (slot % SLOTS_PER_PROCESS);
  return { uid, release: () => usedSlots.delete(slot) };
}

export interface LaunchLimits {
  /** RLIMIT_CPU, seconds. */
  cpuSeconds: number;
  /** RLIMIT_AS in bytes, or undefined to leave it unset (it breaks WebAssembly). */
  addressSpaceBytes?: number;
}

/**
 * The executable and leading arguments that start `node` under the given isolation; `fork` then
 * appends Node's own flags, the runner and its arguments. Every wrapper execs, so the child's pid
 * is node's and the RSS watchdog reads the right /proc entry.
 */
export function launchPrefix(level: IsolationLevel, uid: number, limits: LaunchLimits): { execPath: string; args: string[] } {
  const prlimit = existsSync(PRLIMIT)
    ? [
        PRLIMIT,
        `--cpu=${limits.cpuSeconds}`,
        '--core=0',
        // No file may grow: a backstop for the permission model's write ban.
        '--fsize=0',
        ...(level === 'uid+netns' ? ['--nproc=64'] : []),
        ...(limits.addressSpaceBytes ? [`--as=${limits.addressSpaceBytes}`] : []),
        '--',
      ]
    : [];
  switch (level) {
    case 'uid+netns':
      return {
        execPath: UNSHARE,
        args: ['--net', '--', SETPRIV, `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--', ...prlimit, process.execPath],
      };
    case 'user-namespace':
      return { execPath: UNSHARE, args: ['--user', '--net', '--', ...prlimit, process.execPath] };
    default:
      return prlimit.length ? { execPath: prlimit[0]!, args: [...prlimit.slice(1), process.execPath] } : { execPath: process.execPath, args: [] };
  }
}
