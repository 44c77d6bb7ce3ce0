import { codeChecker } from '../graders/checkers/code/check.ts';
import { gradientChecker } from '../graders/checkers/gradient/check.ts';
import type { CheckContext } from '../graders/checkers/types.ts';
import type { PartResult } from '../graders/results/result.ts';
import type { SandboxLimits } from '../graders/sandbox/limits.ts';
import { openCodeSession, type SandboxSession } from '../graders/sandbox/open-code.ts';
import type { SandboxOptions } from '../graders/sandbox/sandbox.ts';
import type { CodePart, GradientPart } from '../graders/pack/types.ts';
import registry from '../reference/dl-hw/index.ts';
import { CODE_PARTS } from './sandbox-parts.ts';

export interface GradedCode {
  /** Results by function name. */
  results: Record<string, PartResult>;
  session: SandboxSession | undefined;
  output: string;
  ms: number;
}

/** Grades the seven code parts of one submission folder the way the engine does, then closes. */
export async function gradeCode(
  dir: string,
  opts: { limits?: Partial<SandboxLimits>; sandbox?: SandboxOptions; parts?: (CodePart | GradientPart)[]; visibleOnly?: boolean; seed?: number } = {},
): Promise<GradedCode> {
  const t0 = performance.now();
  const session = await openCodeSession(dir, undefined, opts.limits, opts.sandbox);
  const results: Record<string, PartResult> = {};
  try {
    for (const part of opts.parts ?? CODE_PARTS) {
      const ctx: CheckContext = {
        assignmentId: 'dl-hw',
        studentId: 'test',
        seed: opts.seed ?? 1234,
        solvers: registry,
        visibleOnly: opts.visibleOnly ?? false,
        ...(session?.handle ? { code: session.handle } : {}),
        ...(session?.problem ? { codeProblem: session.problem } : {}),
      };
      results[part.function] =
        part.kind === 'code' ? await codeChecker.check(part, undefined, ctx) : await gradientChecker.check(part, undefined, ctx);
    }
  } finally {
    await session?.close();
  }
  return { results, session, output: session?.sandbox?.output() ?? '', ms: performance.now() - t0 };
}
