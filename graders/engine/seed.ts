import { createHash } from 'node:crypto';

/**
 * The seed of one part for one student. Derived by hashing, so it does not depend on the order
 * or the number of parallel jobs, and a regrade reproduces it exactly.
 */
export function partSeed(assignmentId: string, partId: string, studentId: string, salt = ''): number {
  const digest = createHash('sha256').update(`${assignmentId}\0${partId}\0${studentId}\0${salt}`).digest();
  // fast-check takes a 32-bit signed integer seed.
  return digest.readInt32BE(0);
}
