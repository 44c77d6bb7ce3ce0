import type { SandboxLimits } from '../sandbox/limits.ts';

/**
 * Sandbox limits of `grade`, in-process or in a grader process alike (results must not depend on
 * --jobs). Homework functions work on arrays of at most a few hundred numbers: a child grading
 * the reference solution peaks at about 43 MB resident, with a few MB of heap. Tighter memory
 * caps than the sandbox's defaults keep a memory bomb near 70 MB (heap) or 90 MB (buffers, caught
 * by the resident-set watchdog), so a slot (grader process + its child) stays under 300 MB on a
 * course run. A pack with bigger inputs should raise them.
 */
export const GRADING_LIMITS: Partial<SandboxLimits> = { maxOldSpaceMb: 32, maxRssMb: 80 };
