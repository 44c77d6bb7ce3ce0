import { EMPTY_PACK, type Pack } from '../pack/define-pack.ts';
import { loadPackModule } from '../pack/pack-module.ts';
import { sandboxOpener } from '../sandbox/open-code.ts';
import { graderHelper } from '../submission/load-solution.ts';
import type { Assignment } from '../pack/types.ts';
import { gradeSubmission } from './grade-submission.ts';
import { GRADING_LIMITS } from './grading-limits.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

// A grader process of the pool: receives the assignment once, loads the pack's module itself from
// the path it names (code cannot cross the process boundary), then grades one submission at a time
// exactly as the parent would in-process (same seeds, same checkers, own sandbox).
let assignment: Assignment | undefined;
let pack: Pack = EMPTY_PACK;
let options: { visibleOnly: boolean; seedSalt: string; variantSecret?: string } = { visibleOnly: false, seedSalt: '' };
const openCode = sandboxOpener(GRADING_LIMITS);

function reply(message: WorkerReply): void {
  process.send?.(message);
}

process.on('message', (message: WorkerRequest) => {
  if (message.type === 'init') {
    options = { visibleOnly: message.visibleOnly, seedSalt: message.seedSalt, ...(message.variantSecret !== undefined ? { variantSecret: message.variantSecret } : {}) };
    const file = message.packModule;
    (file === undefined ? Promise.resolve(EMPTY_PACK) : loadPackModule(file).then((m) => m.pack)).then(
      (loaded) => {
        pack = loaded;
        assignment = message.assignment;
        reply({ type: 'ready' });
      },
      (err: unknown) => reply({ type: 'failed', id: '', message: err instanceof Error ? err.message : String(err) }),
    );
    return;
  }
  if (message.type === 'grade' && assignment) {
    gradeSubmission(assignment, message.id, message.dir, { solvers: pack, openCode, ...options }).then(
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

// The parent is done or died (even by SIGKILL): end the helper, then exit, which also removes
// this process's sandbox copies.
process.on('disconnect', () => void graderHelper.close().finally(() => process.exit(0)));
