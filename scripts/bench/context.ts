import type { Assignment } from '../../graders/pack/types.ts';
import type { WorkerEntry } from './worker-entry.ts';

/** What every mode of the bench shares. */
export interface BenchContext {
  root: string;
  /** A folder of this run's own (removed at the end unless --keep); each mode makes a subfolder. */
  scratch: string;
  assignment: Assignment;
  jobs: number;
  seed: number;
  entry: WorkerEntry;
}
