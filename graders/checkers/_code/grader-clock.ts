import type { CodeHandle } from '../types.ts';

/** Thrown between two steps of the grader's own work once a submission has used up its share. */
export class GraderTimeExceeded extends Error {
  constructor(readonly limitMs: number) {
    super(`checking this submission's code used up the grader's time budget of ${+(limitMs / 1000).toFixed(1)} s`);
    this.name = 'GraderTimeExceeded';
  }
}

/** Without a limit on the handle (a handle built by hand, in tests): this much. */
const DEFAULT_GRADER_TIME_MS = 30_000;

/**
 * The grader's own time spent on one submission's code parts: generating inputs, judging
 * outputs, shrinking. One clock per code handle, which is one per submission, so the budget is
 * the submission's whatever the part; the sandbox's time (the student's) is not on it.
 */
export class GraderClock {
  private usedMs = 0;
  constructor(readonly limitMs: number) {}

  /** Runs one step, charges its time, and throws once the budget is used up. */
  step<T>(work: () => T): T {
    this.check();
    const t0 = performance.now();
    try {
      return work();
    } finally {
      this.usedMs += performance.now() - t0;
    }
  }

  charge(ms: number): void {
    this.usedMs += ms;
  }

  check(): void {
    if (this.usedMs > this.limitMs) throw new GraderTimeExceeded(this.limitMs);
  }
}

const clocks = new WeakMap<CodeHandle, GraderClock>();

export function graderClock(code: CodeHandle): GraderClock {
  let clock = clocks.get(code);
  if (!clock) {
    clock = new GraderClock(code.graderTimeMs ?? DEFAULT_GRADER_TIME_MS);
    clocks.set(code, clock);
  }
  return clock;
}
