import { registry } from '../../reference/index.ts';
import { sandboxOpener } from '../sandbox/open-code.ts';
import type { Assignment } from '../pack/types.ts';
import { gradeSubmission } from './grade-submission.ts';
import { GRADING_LIMITS } from './grading-limits.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

// A grader process of the pool: receives the assignment once, then one submission at a time,
// and grades it exactly as the parent would in-process (same seeds, same checkers, own sandbox).
let assignment: Assignment | undefined;
let options: { visibleOnly: boolean; seedSalt: string } = { visibleOnly: false, seedSalt: '' };
const openCode = sandboxOpener(GRADING_LIMITS);

function reply(message: WorkerReply): void {
  process.send?.(message);
}

process.on('message', (message: WorkerRequest) => {
  if (message.type === 'init') {
    assignment = message.assignment;
    options = { visibleOnly: message.visibleOnly, seedSalt: message.seedSalt };
    reply({ type: 'ready' });
    return;
  }
  if (message.type === 'grade' && assignment) {
    gradeSubmission(assignment, message.id, message.dir, { solvers: registry, openCode, ...options }).then(
      ({ result, faults }) =>
        reply({
          type: 'result',
          id: message.id,
          result,
          faults: faults.map((f) => ({ partId: f.partId, studentId: f.studentId, message: f.causeError instanceof Error ? f.causeError.message : String(f.causeError) })),
          rssBytes: process.memoryUsage.rss(),
        }),
      (err: unknown) => reply({ type: 'failed', id: message.id, message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  }
});

// The parent died (even by SIGKILL): exit, which also removes this process's sandbox copies.
process.on('disconnect', () => process.exit(0));
