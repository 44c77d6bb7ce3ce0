import { formatSpecError, loadAssignment } from '../pack/load.ts';
import type { Assignment } from '../pack/types.ts';
import { type Io } from './errors.ts';
import { UsageError } from '../errors.ts';

/** Loads a pack for a command that needs a valid one; any spec error is exit 2 with every error printed. */
export async function loadSpecOrThrow(dir: string, io: Io, options: { checkReference?: boolean } = {}): Promise<Assignment> {
  const loaded = await loadAssignment(dir, options);
  for (const w of loaded.warnings) io.stderr(`${formatSpecError(w)}\n`);
  if (loaded.errors.length > 0 || !loaded.assignment) {
    for (const e of loaded.errors) io.stderr(`${formatSpecError(e)}\n`);
    throw new UsageError(`the spec in ${dir} has ${loaded.errors.length} error(s); nothing was graded`);
  }
  return loaded.assignment;
}
