import type { SandboxLimits } from '../sandbox/limits.ts';

/**
 * Sandbox limits of `grade`, in-process or in a grader process alike (results must not depend on
 * --jobs). Homework functions work on arrays of at most a few hundred numbers and a child needs
 * about 50 MB; tighter memory caps than the sandbox's defaults keep a memory bomb from taking more
 * than about 300 MB per slot (grader process + its child) on a course run.
 */
export const GRADING_LIMITS: Partial<SandboxLimits> = { maxOldSpaceMb: 48, maxRssMb: 96 };
