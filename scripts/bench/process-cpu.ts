import { statFields } from './process-memory.ts';

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
 * CPU milliseconds so far of a live process and its reaped descendants (utime + stime + cutime +
 * cstime): a grader process with the sandbox children it has finished with, while it still runs,
 * which the children's counters of this process only show once it exits. 0 once it has ended.
 */
export function liveTreeCpuMs(pid: number): number {
  try {
    const f = statFields(pid);
    return ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}
