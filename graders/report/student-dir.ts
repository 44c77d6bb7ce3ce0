import path from 'node:path';

/**
 * The folder of one student's reports under `outDir`. Student ids are folder names already
 * checked by discovery; this refuses anything that would still land outside `outDir`.
 */
export function studentDir(outDir: string, student: string): string {
  const root = path.resolve(outDir);
  const dir = path.resolve(root, student);
  if (student === '' || path.dirname(dir) !== root) throw new Error(`student id "${student}" cannot name a folder under ${outDir}`);
  return dir;
}
