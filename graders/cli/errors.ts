/** Exit codes, computed once at the top of the CLI (DESIGN.md). */
export const EXIT = {
  ok: 0,
  failUnder: 1,
  usage: 2,
  internal: 3,
} as const;

/** Bad usage or input the TA must fix (unknown flag, missing folder, invalid spec): exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A fault of the harness or of a reference solver: exit 3. */
export class HarnessError extends Error {
  override name = 'HarnessError';
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is an interactive terminal (live progress only then). */
  isTTY: boolean;
}
