/** Exit codes, computed once at the top of the CLI (DESIGN.md). */
export const EXIT = {
  ok: 0,
  failUnder: 1,
  usage: 2,
  internal: 3,
} as const;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is an interactive terminal (live progress only then). */
  isTTY: boolean;
}
