// Bundles the CLI into dist/ so the packed package runs without the TypeScript sources or tsx.
// Our own code (harness and reference solvers) is bundled; npm dependencies stay external and
// install normally. Files read at run time sit beside the bundle, where the code looks for them.
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist');
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  absWorkingDir: root,
  // grade-worker is the grader process `--jobs` starts; it must sit beside the chunks as well.
  entryPoints: { cli: 'graders/cli/bin.ts', 'grade-worker': 'graders/engine/grade-worker.ts' },
  outdir: out,
  bundle: true,
  // Lazily imported commands (and the heavy reporters) become chunks loaded only when used.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: Object.keys(pkg.dependencies ?? {}),
  // The chunks must stay beside cli.js: runner.cjs and schema/ are found relative to import.meta.url.
  chunkNames: '[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
await cp(path.join(root, 'graders/sandbox/runner.cjs'), path.join(out, 'runner.cjs'));
await cp(path.join(root, 'specs/schema'), path.join(out, 'schema'), { recursive: true });
