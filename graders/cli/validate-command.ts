import { formatSpecError, loadAssignment } from '../pack/load.ts';
import { EXIT, type Io } from './errors.ts';

export async function validateCommand(dir: string, io: Io): Promise<number> {
  const loaded = await loadAssignment(dir);
  for (const e of loaded.errors) io.stderr(`${formatSpecError(e)}\n`);
  for (const w of loaded.warnings) io.stderr(`${formatSpecError(w)}\n`);
  if (loaded.errors.length > 0) {
    io.stderr(`${dir}: ${loaded.errors.length} error(s), ${loaded.warnings.length} warning(s)\n`);
    return EXIT.usage;
  }
  const parts = loaded.assignment?.questions.flatMap((q) => q.parts) ?? [];
  io.stdout(`${dir}: valid (${loaded.assignment?.questions.length ?? 0} questions, ${parts.length} parts, ${loaded.assignment?.total ?? 0} points${loaded.warnings.length ? `, ${loaded.warnings.length} warning(s)` : ''})\n`);
  return EXIT.ok;
}
