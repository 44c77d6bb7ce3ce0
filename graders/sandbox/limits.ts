/** Resource limits of one submission's sandbox. */
export interface SandboxLimits {
  /** From spawn to the end of the student's module's top-level code. */
  readyTimeoutMs: number;
  /** Wall time of one call message (a batch of calls) before the child is killed. */
  callTimeoutMs: number;
  /** Wall time all children of one submission may use together, loading included. */
  submissionTimeoutMs: number;
  /**
   * Wall time all calls made while shrinking counterexamples may use together, apart from
   * `submissionTimeoutMs`: once it is spent, shrinking stops and the unshrunk input is reported.
   */
  shrinkTimeoutMs: number;
  /**
   * The grader's own time (judging outputs against the reference, shrinking) the code parts of
   * one submission may use; past it the remaining code parts are `error`.
   */
  graderTimeMs: number;
  /** V8 old-space cap (`--max-old-space-size`). */
  maxOldSpaceMb: number;
  /** The RSS watchdog kills the child above this (catches ArrayBuffer and Buffer memory). */
  maxRssMb: number;
  /** Captured stdout + stderr per submission; the rest is read and dropped. */
  outputCapBytes: number;
  /** Most calls sent in one message. */
  batchSize: number;
  /**
   * Largest message the child may send: one reply to one call message, so this caps the bytes
   * one batch may return. A longer message is refused from its header, unread.
   */
  maxMessageBytes: number;
  /**
   * Let V8's optimizing compiler (TurboFan) run in the child. A child lives for a few hundred
   * calls of small functions, too short for its background compiling to pay back, so it is off
   * (`--no-opt`, about 10 % less CPU per submission); a pack with heavy numerical functions can
   * turn it on.
   */
  optimizingCompiler: boolean;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  readyTimeoutMs: 3000,
  callTimeoutMs: 2000,
  submissionTimeoutMs: 30_000,
  shrinkTimeoutMs: 10_000,
  graderTimeMs: 30_000,
  maxOldSpaceMb: 256,
  maxRssMb: 512,
  outputCapBytes: 64 * 1024,
  batchSize: 100,
  maxMessageBytes: 16 * 1024 * 1024,
  optimizingCompiler: false,
};
