import dlHw from '../../reference/dl-hw/index.ts';
import { partSeed } from '../../graders/engine/seed.ts';
import type { CheckContext } from '../../graders/checkers/types.ts';

/** The dl-hw pack's code, for checker tests that grade its parts. */
export { dlHw };

/** The context the engine builds for one part of one student of the dl-hw pack, with its real code. */
export function contextFor(partId: string, studentId = 'student-a'): CheckContext {
  return { assignmentId: 'dl-hw', studentId, seed: partSeed('dl-hw', partId, studentId), solvers: dlHw, visibleOnly: false };
}
