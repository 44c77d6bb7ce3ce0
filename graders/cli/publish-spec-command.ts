import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadAssignment, formatSpecError } from '../pack/load.ts';
import { publishPack, writePublished, type PublishedFiles } from '../pack/publish.ts';
import { type DrawnVariant, drawVariants, hasVariants } from '../pack/variant-binding.ts';
import type { Pack } from '../pack/define-pack.ts';
import type { Assignment } from '../pack/types.ts';
import { loadRoster, RosterError } from '../engine/roster.ts';
import { isValidStudentId } from '../submission/discover.ts';
import { EXIT, type Io } from './errors.ts';
import { UsageError } from '../errors.ts';
import { loadPackOrThrow } from './load-spec.ts';
import { writeTemplate } from './scaffold.ts';
import { courseSecret } from './secret.ts';

export interface PublishSpecFlags {
  spec: string;
  /** Where the public pack is written, with its skeletons in `skeleton/`. */
  out?: string;
  /** Where a whole student repository is written instead: `specs/<pack id>/`, skeletons, README, CI. */
  studentRepo?: string;
  /** Write these students' own copies, each under `<out>/<id>/`, with their numbers. */
  student?: string[];
  /** A class roster (CSV with an `id` column): one copy per student listed. */
  roster?: string;
  /** The roster column naming the students (default: id; SIS Login ID for a Canvas export), as for grade. */
  rosterId?: string;
  secretFile?: string;
}

/** The JSON Schemas as a student's repository finds them, once it has installed dlgrade. */
const INSTALLED_SCHEMAS = '../../node_modules/dlgrade/dist/schema/';

/** Writes the student-facing copy of a pack and checks that it loads as a valid pack itself. */
export async function publishSpecCommand(flags: PublishSpecFlags, io: Io): Promise<number> {
  if ((flags.out === undefined) === (flags.studentRepo === undefined)) throw new UsageError('publish-spec needs exactly one of --out DIR (the public pack) and --student-repo DIR (a whole student repository)');
  const { assignment, pack } = await loadPackOrThrow(flags.spec, io);
  const students = studentsOf(flags);
  const target = (flags.out ?? flags.studentRepo)!;
  if (students === undefined) {
    const drawn = assignment.questions.filter((q) => q.variants).map((q) => q.id);
    // One copy for the whole class cannot hold numbers drawn per student, and leaving the
    // templates in would need the course secret on every student's machine.
    if (drawn.length > 0) {
      throw new UsageError(`${drawn.join(', ')} of ${assignment.id} ${drawn.length === 1 ? 'draws' : 'draw'} a variant per student, so there is no one public copy for the class: write each student's own with --student ID (repeatable) or --roster FILE (a CSV with an id column), one copy per student under ${target}/<id>/`);
    }
    await publishOne(assignment, pack, flags, target, undefined, io);
    return EXIT.ok;
  }
  // The secret decides every student's numbers: the same rules as grade (a file or the environment).
  const secret = await courseSecret(assignment, flags, undefined);
  for (const id of students) {
    const variants = hasVariants(assignment) ? drawVariants(assignment, secret!, id) : {};
    await publishOne(assignment, pack, flags, path.join(target, id), { id, variants }, io);
  }
  return EXIT.ok;
}

/** The student ids of --student and --roster (checked as submission folder names), or undefined for one shared copy. */
function studentsOf(flags: PublishSpecFlags): string[] | undefined {
  if (flags.student === undefined && flags.roster === undefined) return undefined;
  const ids = [...(flags.student ?? [])];
  for (const id of ids) if (!isValidStudentId(id)) throw new UsageError(`--student ${JSON.stringify(id)} is not a valid student id (letters, digits, ".", "_", "-", as a submission folder is named)`);
  if (flags.roster !== undefined) {
    try {
      ids.push(...loadRoster(flags.roster, flags.rosterId === undefined ? {} : { idColumn: flags.rosterId }).entries.map((e) => e.id));
    } catch (err) {
      if (err instanceof RosterError) throw new UsageError(`--roster ${err.message}`);
      throw err;
    }
  }
  if (ids.length === 0) throw new UsageError(`--roster ${flags.roster} lists no student`);
  return [...new Set(ids)];
}

async function publishOne(assignment: Assignment, pack: Pack, flags: PublishSpecFlags, target: string, student: { id: string; variants: Record<string, DrawnVariant> } | undefined, io: Io): Promise<void> {
  const published = await publishPack(assignment, pack, student);
  let specDir: string;
  if (flags.out !== undefined) {
    specDir = target;
    await writePublished(target, published);
  } else {
    specDir = path.join(target, 'specs', assignment.id);
    await writeStudentRepo(target, specDir, published);
  }
  const check = await loadAssignment(specDir);
  if (check.errors.length > 0) {
    for (const e of check.errors) io.stderr(`${formatSpecError(e)}\n`);
    throw new UsageError(`the public copy in ${specDir} does not validate; nothing should be given to students from it`);
  }
  const whose = student === undefined ? '' : ` for ${student.id}`;
  io.stdout(
    flags.out !== undefined
      ? `Public spec${whose} written to ${target} (${published.total} visible points); answer skeletons in ${target}/skeleton/\n`
      : `Student repository${whose} written to ${target} (${published.total} visible points): the public spec in ${specDir}, the answer skeletons, a README and the grading workflow\n`,
  );
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
