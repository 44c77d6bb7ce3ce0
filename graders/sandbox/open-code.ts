import type { CodeOpener, CodeSession } from '../checkers/types.ts';
import type { Assignment } from '../pack/types.ts';
import { loadSolution } from '../submission/load-solution.ts';
import type { SandboxLimits } from './limits.ts';
import { openSandbox, type Sandbox, type SandboxOptions } from './sandbox.ts';

/** A code session that also exposes the sandbox (timings, captured output, refused files). */
export interface SandboxSession extends CodeSession {
  sandbox?: Sandbox;
  /** Files of the submission that were not copied into the sandbox, one line each. */
  notes: string[];
}

/**
 * Compiles the student's solution file and opens a sandbox on it. Resolves undefined when the
 * submission has no solution file; a compile error becomes `problem` (the code parts are then
 * invalid, with the compiler's message and position).
 */
export function sandboxOpener(limits: Partial<SandboxLimits> = {}, options: SandboxOptions = {}): CodeOpener {
  return (studentDir, assignment) => openCodeSession(studentDir, assignment, limits, options);
}

export async function openCodeSession(
  studentDir: string,
  assignment: Pick<Assignment, 'files'> | undefined,
  limits: Partial<SandboxLimits> = {},
  options: SandboxOptions = {},
): Promise<SandboxSession | undefined> {
  const loaded = await loadSolution(studentDir, assignment?.files.solution.length ? assignment.files.solution : undefined);
  if (loaded.status === 'absent') return undefined;
  if (loaded.status === 'compile-error') {
    return { problem: `${loaded.file} does not compile:\n${loaded.message}`, notes: [], close: async () => undefined };
  }
  const sandbox = await openSandbox(studentDir, loaded.code, limits, options);
  return {
    handle: sandbox,
    sandbox,
    isolation: sandbox.isolation,
    notes: sandbox.refused.map((r) => `not available to your code: ${r}`),
    close: () => sandbox.close(),
  };
}
