// Which grader process the bench's pool starts: the bundle, checked against the sources first, as
// the project's npm scripts do; or, asked for with --sources, the sources through tsx.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { workerEntry } from '../../graders/engine/grade-pool.ts';

export interface WorkerEntry {
  script: string;
  execArgv: string[];
  /** For the printed figures: `dist/` or `the sources via tsx`. */
  label: string;
}

/**
 * The grader process to bench. A bundle built from other sources than these is rebuilt first,
 * with a line on stderr saying so (a failed build stops the bench): a stale bundle would measure
 * code that is not the one under test.
 */
export async function benchWorkerEntry(root: string, fromSources: boolean): Promise<WorkerEntry> {
  if (fromSources) {
    // This module runs from the sources, so the pool's own choice is the sources through tsx.
    const entry = workerEntry();
    if (!entry || !entry.script.endsWith('.ts')) throw new Error('--sources: the grader process sources are not found');
    return { ...entry, label: 'the sources via tsx' };
  }
  // The check lives in a plain .mjs module with no type declarations; its one export is typed here.
  const launcher = (await import(pathToFileURL(path.join(root, 'scripts/dlgrade.mjs')).href)) as { ensureFreshBuild: (why?: string) => void };
  launcher.ensureFreshBuild('npm run bench');
  const script = path.join(root, 'dist', 'grade-worker.js');
  if (!existsSync(script)) throw new Error('dist/ is up to date but holds no grade-worker.js; the bench needs the bundled grader process (or --sources)');
  return { script, execArgv: [], label: 'dist/' };
}
