import { liveDescendantsCpuMs, statFields } from './process-memory.ts';

// Linux counts cutime/cstime in clock ticks; USER_HZ is 100 on every Linux this runs on.
const TICKS_PER_SECOND = 100;

/**
 * CPU milliseconds of this process's waited-for descendants (utime + stime of children, Linux):
 * a child's share arrives once it is reaped, with its own reaped descendants' included.
 */
export function childrenCpuMs(): number {
  const fields = statFields('self');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
}

/** CPU milliseconds of this process itself, user + system. */
export function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * CPU milliseconds so far of a live process and all its descendants: its own and its reaped
 * children's (utime + stime + cutime + cstime), and so for each live descendant (a grader
 * process's helper, with the sandbox children it has reaped, and esbuild's service), which this
 * process's children's counters only show once they are reaped. 0 once it has ended.
 */
export function liveTreeCpuMs(pid: number): number {
  try {
    const f = statFields(pid);
    return ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / TICKS_PER_SECOND + liveDescendantsCpuMs([pid]);
  } catch {
    return 0;
  }
}
