/**
 * The faults every room may raise, kept below them all so that no lower room imports the CLI to
 * say "the TA must fix this" (exit 2) or "this is our fault or the pack's" (exit 3).
 */

/** Bad usage or input the TA must fix (unknown flag, missing folder, invalid spec): exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A fault of the harness or of a reference solver: exit 3. */
export class HarnessError extends Error {
  override name = 'HarnessError';
}

/**
 * A fault of the course author or of the harness (a solver missing from the pack, a reference
 * value that is not a number, an analytic gradient that disagrees with finite differences of the
 * reference loss), as opposed to a fault of the student's answer. It is thrown, never turned into
 * a student's score, so the run reports it as an internal fault (exit 3).
 */
export class ReferenceFault extends Error {
  readonly code = 'REFERENCE_FAULT';
  override name = 'ReferenceFault';
  constructor(
    readonly partId: string,
    message: string,
  ) {
    super(`${partId}: ${message}`);
  }
}
