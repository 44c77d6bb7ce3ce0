import { registry } from '../../../reference/index.ts';
import { partSeed } from '../../engine/seed.ts';
import type { CheckContext } from '../types.ts';

/** The context the engine builds for one part of one student of the dl-hw pack, with the real registry. */
export function contextFor(partId: string, studentId = 'student-a'): CheckContext {
  return { assignmentId: 'dl-hw', studentId, seed: partSeed('dl-hw', partId, studentId), solvers: registry, visibleOnly: false };
}
