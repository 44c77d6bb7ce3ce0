import type { Assignment } from '../pack/types.ts';
import type { SubmissionResult } from '../results/result.ts';

/** Messages from the batch to one grader process of the pool. */
export type WorkerRequest =
  /** `packModule`: the pack's module, which the grader process loads itself. */
  | { type: 'init'; assignment: Assignment; packModule?: string; visibleOnly: boolean; seedSalt: string; variantSecret?: string }
  | { type: 'grade'; id: string; dir: string };

/** An internal fault, as plain data across the process boundary. */
export interface FaultData {
  partId: string;
  studentId: string;
  message: string;
}

/** Messages from a grader process back to the batch. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'result'; id: string; result: SubmissionResult; faults: FaultData[]; rssBytes: number }
  | { type: 'failed'; id: string; message: string };
