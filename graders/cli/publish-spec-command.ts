import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadAssignment, formatSpecError } from '../pack/load.ts';
import { publishPack, writePublished, type PublishedFiles } from '../pack/publish.ts';
import { EXIT, type Io } from './errors.ts';
import { UsageError } from '../errors.ts';
import { loadPackOrThrow } from './load-spec.ts';
import { writeTemplate } from './scaffold.ts';

export interface PublishSpecFlags {
  spec: string;
  /** Where the public pack is written, with its skeletons in `skeleton/`. */
  out?: string;
  /** Where a whole student repository is written instead: `specs/<pack id>/`, skeletons, README, CI. */
  studentRepo?: string;
}

/** The JSON Schemas as a student's repository finds them, once it has installed dlgrade. */
const INSTALLED_SCHEMAS = '../../node_modules/dlgrade/dist/schema/';

/** Writes the student-facing copy of a pack and checks that it loads as a valid pack itself. */
export async function publishSpecCommand(flags: PublishSpecFlags, io: Io): Promise<number> {
  if ((flags.out === undefined) === (flags.studentRepo === undefined)) throw new UsageError('publish-spec needs exactly one of --out DIR (the public pack) and --student-repo DIR (a whole student repository)');
  const { assignment, pack } = await loadPackOrThrow(flags.spec, io);
  const drawn = assignment.questions.filter((q) => q.variants).map((q) => q.id);
  // A shared public copy of a question drawn per student would hold its templates and params,
  // and a student's own run would need the course secret: refused rather than shipped broken.
  if (drawn.length > 0) throw new UsageError(`${drawn.join(', ')} of ${assignment.id} draw a variant per student; publish-spec does not yet write per-student copies, so it writes no public copy of this pack`);
  const published = await publishPack(assignment, pack);
  let specDir: string;
  if (flags.out !== undefined) {
    specDir = flags.out;
    await writePublished(flags.out, published);
  } else {
    specDir = path.join(flags.studentRepo!, 'specs', assignment.id);
    await writeStudentRepo(flags.studentRepo!, specDir, published);
  }
  const check = await loadAssignment(specDir);
  if (check.errors.length > 0) {
    for (const e of check.errors) io.stderr(`${formatSpecError(e)}\n`);
    throw new UsageError(`the public copy in ${specDir} does not validate; nothing should be given to students from it`);
  }
  io.stdout(
    flags.out !== undefined
      ? `Public spec written to ${flags.out} (${published.total} visible points); answer skeletons in ${flags.out}/skeleton/\n`
      : `Student repository written to ${flags.studentRepo} (${published.total} visible points): the public spec in ${specDir}, the answer skeletons, a README and the grading workflow\n`,
  );
  return EXIT.ok;
}

/** A student's repository: the public pack under specs/<id>/, the skeletons at the top, README and CI. */
async function writeStudentRepo(root: string, specDir: string, published: PublishedFiles): Promise<void> {
  for (const [rel, text] of published.files) {
    const skeleton = rel.startsWith('skeleton/');
    const file = skeleton ? path.join(root, rel.slice('skeleton/'.length)) : path.join(specDir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, skeleton ? text : text.replace(/(\$schema=)\S*\/((?:assignment|question)\.schema\.json)/, `$1${INSTALLED_SCHEMAS}$2`));
  }
  await writeTemplate('student-base', root, { PACK: path.basename(specDir) });
}
