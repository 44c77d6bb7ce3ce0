import { loadAssignment, formatSpecError } from '../pack/load.ts';
import { publishPack, writePublished } from '../pack/publish.ts';
import { EXIT, type Io } from './errors.ts';
import { UsageError } from '../errors.ts';
import { loadPackOrThrow } from './load-spec.ts';

export interface PublishSpecFlags {
  spec: string;
  out: string;
}

/** Writes the student-facing copy of a pack and checks that it loads as a valid pack itself. */
export async function publishSpecCommand(flags: PublishSpecFlags, io: Io): Promise<number> {
  const { assignment, pack } = await loadPackOrThrow(flags.spec, io);
  const published = await publishPack(assignment, pack);
  await writePublished(flags.out, published);
  const check = await loadAssignment(flags.out);
  if (check.errors.length > 0) {
    for (const e of check.errors) io.stderr(`${formatSpecError(e)}\n`);
    throw new UsageError(`the public copy in ${flags.out} does not validate; nothing should be given to students from it`);
  }
  io.stdout(`Public spec written to ${flags.out} (${published.total} visible points); answer skeletons in ${flags.out}/skeleton/\n`);
  return EXIT.ok;
}
