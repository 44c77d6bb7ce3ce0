import { describe, expect, it } from 'vitest';
import { dlHw as registry } from '../../../tests/support/check-context.ts';
import { partSeed } from '../../engine/seed.ts';
import { loadAssignment } from '../../pack/load.ts';
import type { GradientPart } from '../../pack/types.ts';
import { gradientChecker } from './check.ts';
import type { CodeHandle } from '../types.ts';

const { assignment } = await loadAssignment('specs/dl-hw');
const part = assignment!.questions.flatMap((q) => q.parts).find((p) => p.id === 'q5.4.gradients') as GradientPart;
const analytic = registry.solvers['skipgram.gradients']!;

/** A student function computed in-process from the reference, optionally scaled. */
function handle(scale = 1): CodeHandle {
  const scaled = (v: unknown): unknown => (typeof v === 'number' ? v * scale : Array.isArray(v) ? v.map(scaled) : v);
  return {
    exports: async () => [part.function],
    callBatch: async (_fn, lists) =>
      lists.map((args) => {
        const g = analytic(...structuredClone(args)) as Record<string, unknown>;
        return { ok: true as const, value: Object.fromEntries(Object.entries(g).map(([k, v]) => [k, scaled(v)])) };
      }),
  };
}

const check = (student: string, code: CodeHandle) =>
  gradientChecker.check(part, undefined, { assignmentId: assignment!.id, studentId: student, seed: partSeed(assignment!.id, part.id, student, ''), solvers: registry, visibleOnly: false, code });

describe('the gradient checker', () => {
  // Among this student's hidden inputs is one where the loss (a log-sum-exp over large logits)
  // loses more digits than its value of 0.88 suggests: dWp[1][1] ≈ 1.14e-5, and the differences
  // at step h are off by 4.4e-10, just over the rounding bound.
  it('should not blame the reference or the student where finite differences lose digits', async () => {
    await expect(check('s0427', handle())).resolves.toMatchObject({ status: 'passed', score: part.points });
  });

  it('should still fail a gradient that is off by one part in a thousand', async () => {
    await expect(check('s0427', handle(1.001))).resolves.toMatchObject({ status: 'failed', score: 0 });
  });
});
