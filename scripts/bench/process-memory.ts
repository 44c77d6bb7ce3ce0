import { readdirSync, readFileSync } from 'node:fs';

const PAGE = 4096;

/** The fields of `/proc/<pid>/stat` after the command name, from field 3 (state) on (Linux). */
export function statFields(pid: number | 'self'): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses: fields start after the last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Resident set size of one process in bytes (0 once it has ended). */
function rssOf(pid: number): number {
  try {
    return Number(statFields(pid)[21]) * PAGE;
  } catch {
    return 0;
  }
}

/** Children of a process, from each of its threads' `children` list. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    try {
      for (const c of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) if (c) out.push(Number(c));
    } catch {
      // The thread or process ended meanwhile.
    }
  }
  return out;
}

/**
 * CPU milliseconds, so far, of the live descendants of `roots` (not the roots themselves), each
 * with what it has waited for: a grader process's helper, which compiles and forks the sandbox
 * children (graders/submission/compile-worker.cjs), and esbuild's service: their share reaches a
 * grader's own counters only once the grader has reaped them, at its end.
 */
export function liveDescendantsCpuMs(roots: readonly number[]): number {
  let ticks = 0;
  const stack = roots.flatMap((r) => childrenOf(r));
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const f = statFields(pid);
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      continue; // ended meanwhile
    }
    stack.push(...childrenOf(pid));
  }
  return (ticks * 1000) / 100;
}

/**
 * Samples, every `everyMs`, the memory of each watched process together with all its descendants
 * (a grader process and the sandbox child it runs), and keeps the peak of each.
 */
export class TreeMemorySampler {
  private readonly peaks = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly roots: () => number[], private readonly everyMs = 100) {}

  start(): void {
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
  }

  stop(): Map<number, number> {
    if (this.timer) clearInterval(this.timer);
    return new Map(this.peaks);
  }

  // Walks down from each root rather than reading every process of the machine: the sampler runs
  // in the measured process, so its own cost counts against the grader.
  private sample(): void {
    for (const root of this.roots()) {
      let total = 0;
      const stack = [root];
      while (stack.length) {
        const pid = stack.pop()!;
        total += rssOf(pid);
        stack.push(...childrenOf(pid));
      }
      this.peaks.set(root, Math.max(this.peaks.get(root) ?? 0, total));
    }
  }
}

/**
 * Samples this process's own resident set every `everyMs` and keeps the peak: the peak of one
 * phase of the bench, where the kernel's maxRSS is the peak of the whole run so far.
 */
export class OwnMemorySampler {
  private peak = process.memoryUsage.rss();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly everyMs = 100) {}

  start(): void {
    this.timer = setInterval(() => (this.peak = Math.max(this.peak, process.memoryUsage.rss())), this.everyMs);
    this.timer.unref();
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    return Math.max(this.peak, process.memoryUsage.rss());
  }
}
