#!/usr/bin/env node
// The project's npm scripts (grade, validate, review, selftest, merge, publish-spec) run the
// bundled CLI, dist/cli.js, as an installed dlgrade does: no TypeScript compiled at every start.
// A bundle built from other sources than these (or none, or a build that stopped half-way) is
// never run as it is: it is rebuilt first, with a line on stderr saying so.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { builtDigest, sourceDigest } from './build-digest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Rebuilds dist/ when it does not match the sources; exits with the build's status when that fails. */
export function ensureFreshBuild(why = 'dlgrade') {
  const built = builtDigest(root);
  if (built === sourceDigest(root).digest) return;
  process.stderr.write(
    built === undefined
      ? `${why}: dist/ holds no complete build; building it (npm run build)\n`
      : `${why}: dist/ was built from other sources than these (graders/, the schemas, the templates or the build changed since); rebuilding it (npm run build)\n`,
  );
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0 || builtDigest(root) !== sourceDigest(root).digest) {
    process.stderr.write(`${why}: the build failed; fix it and run \`npm run build\` (the stale bundle is not run)\n`);
    process.exit(r.status || 2);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureFreshBuild();
  // cli.js reads its arguments from process.argv as the installed bin does.
  process.argv.splice(1, 1, path.join(root, 'dist/cli.js'));
  await import(pathToFileURL(path.join(root, 'dist/cli.js')).href);
}
