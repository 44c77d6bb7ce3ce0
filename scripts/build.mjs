// Bundles the CLI into dist/ so the packed package runs without the TypeScript sources or tsx.
// Our own code (harness and reference solvers) is bundled; npm dependencies stay external and
// install normally. Files read at run time sit beside the bundle, where the code looks for them.
import { build } from 'esbuild';
import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist');

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
  // Dependencies are bundled too: Node's ESM loader resolving hundreds of files (mathjs alone has
  // about a thousand) cost over a second of every cold start. esbuild stays external (it runs its
  // own binary), and so does tfjs, which is only ever imported lazily.
  external: ['esbuild', '@tensorflow/tfjs', 'playwright-core'],
  // The spec loader only parses formulas (syntax, no evaluation), for which the number-only build
  // of mathjs is the same parser; the full build's instance cost about 0.4 s of every cold start.
  plugins: [
    {
      name: 'mathjs-number',
      setup(b) {
        b.onResolve({ filter: /^mathjs$/ }, (args) => b.resolve('mathjs/number', { kind: args.kind, resolveDir: args.resolveDir }));
      },
    },
  ],
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __dlgradeRequire } from 'node:module'; const require = __dlgradeRequire(import.meta.url);" },
  // The chunks must stay beside cli.js: runner.cjs and schema/ are found relative to import.meta.url.
  chunkNames: '[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
await cp(path.join(root, 'graders/sandbox/runner.cjs'), path.join(out, 'runner.cjs'));
await cp(path.join(root, 'specs/schema'), path.join(out, 'schema'), { recursive: true });
