import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { tmpdir } from 'node:os';
import type { IsolationLevel } from '../results/result.ts';

const UNSHARE = '/usr/bin/unshare';
const SETPRIV = '/usr/bin/setpriv';
const PRLIMIT = '/usr/bin/prlimit';
const SH = '/bin/sh';
const MOUNT = '/usr/bin/mount';

let cached: IsolationLevel | undefined;
const readOnlyMounts = new Map<IsolationLevel, string[]>();

/**
 * The directories any uid may write to (sticky, world-writable: /tmp and its kin). A child with
 * its own uid owns no directory, so these are the only places it could leave a file or a Unix
 * socket (which no network namespace stops, and through which two children could talk).
 */
export function worldWritableDirs(): string[] {
  const out: string[] = [];
  for (const d of new Set(['/tmp', '/var/tmp', '/dev/shm', '/run/lock', '/dev/mqueue', tmpdir()])) {
    const info = statSync(d, { throwIfNoEntry: false });
    if (info?.isDirectory() && (info.mode & 0o002) !== 0) out.push(d);
  }
  return out;
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Shell text that bind-mounts each directory read-only onto itself, then execs its arguments (without the PWD the shell sets). */
function readOnlyScript(dirs: readonly string[]): string {
  return `unset PWD OLDPWD; for d in ${dirs.map(quote).join(' ')}; do ${MOUNT} -o bind,ro "$d" "$d" || exit 97; done; exec "$@"`;
}

/**
 * The world-writable directories a child of this level sees read-only, in its own mount
 * namespace (probed once per level; empty where the machine does not allow it, and then the
 * sandbox removes what a child's uid left there instead).
 */
export function childReadOnlyDirs(level: IsolationLevel): readonly string[] {
  let dirs = readOnlyMounts.get(level);
  if (dirs) return dirs;
  dirs = [];
  const ns = level === 'uid+netns' ? ['--net'] : level === 'user-namespace' ? ['--user', '--net'] : undefined;
  const candidates = worldWritableDirs();
  if (ns && candidates.length && existsSync(SH) && existsSync(MOUNT) && probe(UNSHARE, [...ns, '--mount', '--', SH, '-c', readOnlyScript(candidates), 'sh', '/bin/true'])) {
    dirs = candidates;
  }
  readOnlyMounts.set(level, dirs);
  return dirs;
}

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
        args: ['--net', ...readOnlyPrefix(level), SETPRIV, `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--', ...prlimit, process.execPath],
      };
    case 'user-namespace':
      return { execPath: UNSHARE, args: ['--user', '--net', ...readOnlyPrefix(level), ...prlimit, process.execPath] };
    default:
      return prlimit.length ? { execPath: prlimit[0]!, args: [...prlimit.slice(1), process.execPath] } : { execPath: process.execPath, args: [] };
  }
}

/** The rest of an `unshare` command line: a mount namespace with /tmp and its kin read-only, when possible. */
function readOnlyPrefix(level: IsolationLevel): string[] {
  const ro = childReadOnlyDirs(level);
  return ro.length ? ['--mount', '--', SH, '-c', readOnlyScript(ro), 'sh'] : ['--'];
}

/**
 * Removes what a child's own uid left in the world-writable directories (files, Unix sockets,
 * folders), for machines where they could not be made read-only. Returns the names removed.
 */
export async function removeLeftovers(uid: number): Promise<string[]> {
  const removed: string[] = [];
  for (const dir of worldWritableDirs()) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const p = path.join(dir, name);
      const info = await lstat(p).catch(() => undefined);
      if (info?.uid !== uid) continue;
      await rm(p, { recursive: true, force: true }).catch(() => undefined);
      removed.push(p);
    }
  }
  return removed;
}
