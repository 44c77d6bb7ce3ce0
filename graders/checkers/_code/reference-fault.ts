/**
 * A reference solver that is missing or disagrees with its own spec (e.g. the analytic gradient
 * against finite differences of the reference loss). A fault of the course author, not of the
 * student: the engine exits with status 3.
 */
export class ReferenceFault extends Error {
  readonly code = 'REFERENCE_FAULT';
  constructor(
    message: string,
    readonly partId: string,
  ) {
    super(`${partId}: ${message}`);
    this.name = 'ReferenceFault';
  }
}
