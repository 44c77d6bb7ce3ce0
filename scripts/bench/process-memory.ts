import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size of each process in bytes and its parent, read from /proc (Linux). */
function snapshot(): { rss: Map<number, number>; children: Map<number, number[]> } {
  const rss = new Map<number, number>();
  const children = new Map<number, number[]>();
  const page = 4096;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(fields[1]);
      rss.set(pid, Number(fields[21]) * page);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // The process ended between readdir and read.
    }
  }
  return { rss, children };
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

  private sample(): void {
    const { rss, children } = snapshot();
    for (const root of this.roots()) {
      let total = 0;
      const stack = [root];
      while (stack.length) {
        const pid = stack.pop()!;
        total += rss.get(pid) ?? 0;
        stack.push(...(children.get(pid) ?? []));
      }
      this.peaks.set(root, Math.max(this.peaks.get(root) ?? 0, total));
    }
  }
}
