import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ASSIGNMENT_FILE, formatSpecError, loadAssignment } from '../pack/load.ts';
import type { Pack } from '../pack/define-pack.ts';
import type { Assignment } from '../pack/types.ts';
import { type Io } from './errors.ts';
import { UsageError } from '../errors.ts';

/** A valid pack: its assignment and its code. */
export interface LoadedSpec {
  assignment: Assignment;
  pack: Pack;
}

/** Where `--spec` looks when it is not given: the packs of the course repository. */
export const SPECS_DIR = 'specs';

/** The sample or class submissions of a pack: `submissions/<pack id>/` when it exists, else `submissions/`. */
export function defaultSubmissionsDir(assignmentId: string): string {
  const own = path.join('submissions', assignmentId);
  return existsSync(own) ? own : 'submissions';
}

/**
 * The pack folder a command works on: the one given, else the only pack under `specs/` (a folder
 * holding an assignment file); with none or several, a usage error that lists what there is.
 */
export async function resolveSpecDir(given: string | undefined, how = 'with --spec'): Promise<string> {
  if (given !== undefined) return given;
  const entries = await readdir(SPECS_DIR, { withFileTypes: true }).catch(() => []);
  const packs = entries.filter((e) => e.isDirectory() && existsSync(path.join(SPECS_DIR, e.name, ASSIGNMENT_FILE))).map((e) => path.join(SPECS_DIR, e.name)).sort();
  if (packs.length === 1) return packs[0]!;
  if (packs.length === 0) throw new UsageError(`no pack found under ${SPECS_DIR}/ (a folder with ${ASSIGNMENT_FILE}); pass the pack folder ${how}, or create one with \`dlgrade init\``);
  throw new UsageError(`${packs.length} packs under ${SPECS_DIR}/ (${packs.join(', ')}); say which ${how}`);
}

/** Loads a pack for a command that needs a valid one; any spec error is exit 2 with every error printed. */
export async function loadSpecOrThrow(dir: string, io: Io, options: { checkReference?: boolean } = {}): Promise<Assignment> {
  return (await loadPackOrThrow(dir, io, options)).assignment;
}

/** As `loadSpecOrThrow`, with the pack's code, for the commands that run it. */
export async function loadPackOrThrow(dir: string, io: Io, options: { checkReference?: boolean } = {}): Promise<LoadedSpec> {
  const loaded = await loadAssignment(dir, options);
  for (const w of loaded.warnings) io.stderr(`${formatSpecError(w)}\n`);
  if (loaded.errors.length > 0 || !loaded.assignment) {
    for (const e of loaded.errors) io.stderr(`${formatSpecError(e)}\n`);
    throw new UsageError(`the spec in ${dir} has ${loaded.errors.length} error(s); nothing was graded`);
  }
  return { assignment: loaded.assignment, pack: loaded.pack };
}
