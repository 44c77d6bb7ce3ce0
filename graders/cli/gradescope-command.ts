import { execFile } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { lstat, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseDocument } from 'yaml';
import { ZipFile } from 'yazl';
import { UsageError } from '../errors.ts';
import { ASSIGNMENT_FILE } from '../pack/load.ts';
import { bundlePackModule } from '../pack/pack-module.ts';
import type { Assignment } from '../pack/types.ts';
import { hasVariants } from '../pack/variant-binding.ts';
import { EXIT, type Io } from './errors.ts';
import { DEFAULT_NODE_VERSION, runAutograderScript, setupScript } from './gradescope-scripts.ts';
import { loadSpecOrThrow } from './load-spec.ts';
import { courseSecret } from './secret.ts';

const exec = promisify(execFile);

export interface GradescopeFlags {
  spec: string;
  out: string;
  /** A packed grader (`npm pack` output) to put in the zip instead of packing this one. */
  grader?: string;
  nodeVersion?: string;
  /** The course secret a pack drawn per student needs (default: $DLGRADE_SECRET), put in the zip outside the pack. */
  secretFile?: string;
}

/** Where the pack goes inside the zip (so /autograder/source/pack on Gradescope). */
export const ZIP_PACK_FOLDER = 'pack';
export const ZIP_GRADER_FILE = 'dlgrade.tgz';
/** The pack's module inside the zip's pack folder, bundled into one file (its sources stay home). */
export const ZIP_PACK_MODULE = 'reference.js';
/**
 * The course secret of a pack drawn per student, at the zip's root (so /autograder/source/course.secret):
 * outside the pack folder and the student's /autograder/submission. Only staff can download an
 * autograder zip on Gradescope, and student code runs in the sandbox, which cannot read it.
 */
export const ZIP_SECRET_FILE = 'course.secret';

// Every entry gets the same time, so the same pack and grader make the same zip, byte for byte.
const ZIP_TIME = new Date(Date.UTC(2000, 0, 1));
const EXECUTABLE = 0o100755;
const REGULAR = 0o100644;
const PRIVATE = 0o100600;

/**
 * `dlgrade gradescope`: the zip Gradescope's "Zip file upload" takes, with `setup.sh` and
 * `run_autograder` at its root, the grader as a packed tarball and the pack. The pack is checked
 * first (a broken one is exit 2 here, not a failed image build on Gradescope).
 */
export async function gradescopeCommand(flags: GradescopeFlags, io: Io): Promise<number> {
  const nodeVersion = flags.nodeVersion ?? DEFAULT_NODE_VERSION;
  if (!/^20\.\d+\.\d+$/.test(nodeVersion)) throw new UsageError(`--node-version expects a Node 20 release such as ${DEFAULT_NODE_VERSION}, found "${nodeVersion}"`);
  if (!flags.out.endsWith('.zip')) throw new UsageError(`--out ${flags.out}: the autograder is a .zip file`);
  const assignment = await loadSpecOrThrow(flags.spec, io);
  // Refused here, with the message grade gives, rather than by every student's run on Gradescope.
  const secret = await courseSecret(assignment, flags, undefined);
  const variants = hasVariants(assignment);
  if (secret !== undefined && !variants && flags.secretFile !== undefined) io.stderr(`note: ${assignment.id} draws no variant per student, so the course secret is not put in the zip\n`);
  const packFiles = await packContents(assignment, path.resolve(flags.spec));

  const scratch = await mkdtemp(path.join(os.tmpdir(), 'dlgrade-gradescope-'));
  try {
    const tarball = flags.grader === undefined ? await packThisGrader(scratch, io) : await requireTarball(flags.grader);
    const zip = new ZipFile();
    const add = (name: string, data: Buffer | string, mode = REGULAR) => zip.addBuffer(Buffer.from(data), name, { mtime: ZIP_TIME, mode });
    add('setup.sh', setupScript(nodeVersion), EXECUTABLE);
    add('run_autograder', runAutograderScript(), EXECUTABLE);
    add(ZIP_GRADER_FILE, await readFile(tarball));
    for (const [rel, data] of packFiles) add(`${ZIP_PACK_FOLDER}/${rel}`, data);
    if (variants) add(ZIP_SECRET_FILE, `${secret!}\n`, PRIVATE);
    zip.end();
    await new Promise<void>((resolve, reject) => {
      const sink = createWriteStream(flags.out);
      sink.on('error', reject);
      sink.on('close', resolve);
      zip.outputStream.on('error', reject).pipe(sink);
    }).catch((err: Error) => {
      throw new UsageError(`--out ${flags.out} cannot be written (${err.message})`);
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  io.stdout(
    `Wrote ${flags.out}: setup.sh, run_autograder, the grader (${ZIP_GRADER_FILE}) and the pack (${packFiles.size} file(s))${variants ? `, and the course secret (${ZIP_SECRET_FILE}: keep the zip as private as the secret)` : ''}.\n` +
      'Upload it on Gradescope under Configure Autograder → Zip file upload (base image: Ubuntu).\n',
  );
  return EXIT.ok;
}

/**
 * The files of the zip's pack folder, by relative path: the pack's own files and, when it has
 * code, its module bundled with everything it imports into `reference.js`, which the assignment
 * file then names. So the zip holds any pack whole, wherever its module lives.
 */
async function packContents(assignment: Assignment, dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const rel of await regularFiles(dir)) files.set(rel.split(path.sep).join('/'), await readFile(path.join(dir, rel)));
  if (!assignment.reference) return files;
  // `dlgrade` is inlined: the module is the grader's own code for the pack, whatever version grades it.
  const bundled = await bundlePackModule(assignment.reference.file, assignment.reference.file, false);
  files.set(ZIP_PACK_MODULE, Buffer.from(`// The pack's code, bundled by \`dlgrade gradescope\`. Do not edit.\n${bundled}`));
  const doc = parseDocument((files.get(ASSIGNMENT_FILE) ?? Buffer.from('')).toString('utf8'));
  doc.set('reference', ZIP_PACK_MODULE);
  files.set(ASSIGNMENT_FILE, Buffer.from(doc.toString()));
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The pack's regular files, relative, sorted; links and dot files stay out of the zip. */
async function regularFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const entry of (await readdir(path.join(root, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const child = path.join(rel, entry.name);
      const info = await lstat(path.join(root, child));
      if (info.isDirectory()) await walk(child);
      else if (info.isFile()) out.push(child);
    }
  };
  await walk('');
  return out;
}

async function requireTarball(file: string): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile() || !file.endsWith('.tgz')) throw new UsageError(`--grader ${file}: expected the .tgz that \`npm pack\` makes of dlgrade`);
  return file;
}

/**
 * The running dlgrade as a tarball: `npm pack` of its package folder. From the sources, packing
 * builds the bundle first (the prepare script); an installed package is packed as it is.
 */
async function packThisGrader(scratch: string, io: Io): Promise<string> {
  const root = packageRoot();
  const fromSources = existsSync(path.join(root, 'graders'));
  io.stderr(`Packing the grader in ${root}${fromSources ? ' (building it first)' : ''}…\n`);
  try {
    await exec('npm', ['pack', '--pack-destination', scratch, '--silent', ...(fromSources ? [] : ['--ignore-scripts'])], { cwd: root, maxBuffer: 64 << 20 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new UsageError(`npm pack in ${root} failed (${(e.stderr || e.message).trim().split('\n').slice(-3).join(' ')}); pass --grader with a packed dlgrade instead`);
  }
  const tgz = (await readdir(scratch)).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new UsageError(`npm pack in ${root} wrote no tarball; pass --grader with a packed dlgrade instead`);
  return path.join(scratch, tgz);
}

/** The folder of dlgrade's package.json: one above the bundle (dist/), two above this source file. */
function packageRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const up of ['..', '../..']) {
    const dir = path.resolve(here, up);
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new UsageError('cannot find the package of this dlgrade to pack; pass --grader with a packed dlgrade');
}
