// What dist/ is built from, as one digest: the build stores it in dist/build-digest.json, and the
// project's npm scripts compare it with the sources before they run the bundle. Contents, not
// modification times, which a git checkout sets to the time of the checkout.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Folders and files (relative to the project) whose contents go into dist/: tsconfig.json too,
 * which esbuild reads, and the lock file, which pins the bundled libraries.
 */
export const BUILD_INPUTS = ['graders', 'specs/schema', 'templates/course-repo', 'templates/student-base', 'scripts/build.mjs', 'scripts/build-digest.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

/** The file dist/ keeps the digest of its inputs in. */
export const DIGEST_FILE = 'build-digest.json';

// Tests beside the code are never bundled; editing one does not make the bundle stale.
const bundled = (rel) => !/\.test\.ts$/.test(rel);

function files(root, rel) {
  const abs = path.join(root, rel);
  let entries;
  try {
    entries = readdirSync(abs, { withFileTypes: true });
  } catch (err) {
    if (err.code === 'ENOTDIR') return [rel];
    if (err.code === 'ENOENT') return [];
    throw err;
  }
  return entries.flatMap((e) => {
    const child = path.posix.join(rel, e.name);
    if (e.isDirectory()) return files(root, child);
    return e.isFile() && bundled(child) ? [child] : [];
  });
}

/** sha256 over the path and contents of every build input, in a fixed order. */
export function sourceDigest(root) {
  const hash = createHash('sha256');
  const all = BUILD_INPUTS.flatMap((rel) => files(root, rel)).sort();
  for (const rel of all) {
    const body = readFileSync(path.join(root, rel));
    hash.update(`${rel}\0${body.length}\0`);
    hash.update(body);
  }
  return { digest: hash.digest('hex'), files: all.length };
}

/** The digest dist/ was built from, or undefined when there is no complete build. */
export function builtDigest(root) {
  try {
    return JSON.parse(readFileSync(path.join(root, 'dist', DIGEST_FILE), 'utf8')).digest;
  } catch {
    return undefined;
  }
}
