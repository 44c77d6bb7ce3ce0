// Bundles the CLI into dist/ so the packed package runs without the TypeScript sources or tsx.
// Our own code (harness and reference solvers) is bundled; npm dependencies stay external and
// install normally. Files read at run time sit beside the bundle, where the code looks for them.
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
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
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __dlgradeRequire } from 'node:module'; const require = __dlgradeRequire(import.meta.url);" },
  // The chunks must stay beside cli.js: runner.cjs and schema/ are found relative to import.meta.url.
  chunkNames: '[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
await cp(path.join(root, 'graders/sandbox/runner.cjs'), path.join(out, 'runner.cjs'));
await cp(path.join(root, 'graders/submission/compile-worker.cjs'), path.join(out, 'compile-worker.cjs'));
await cp(path.join(root, 'specs/schema'), path.join(out, 'schema'), { recursive: true });

// The spec schemas, compiled by ajv here once (standalone code) instead of at every start of the
// CLI: the same options as graders/pack/schema.ts, so the validators and their errors are the same.
const { Ajv } = await import('ajv');
const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
const { default: addFormats } = await import('ajv-formats');
const ajv = new Ajv({ strict: true, allErrors: true, discriminator: true, code: { source: true, esm: true } });
addFormats(ajv);
for (const name of ['assignment', 'question']) {
  ajv.addSchema(JSON.parse(await readFile(path.join(root, `specs/schema/${name}.schema.json`), 'utf8')), name);
}
const generated = path.join(out, 'validators.src.mjs');
await writeFile(generated, standaloneCode(ajv, { assignment: 'assignment', question: 'question' }));
await build({
  absWorkingDir: root,
  entryPoints: [generated],
  outfile: path.join(out, 'schema', 'validators.js'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: "import { createRequire as __dlgradeRequire } from 'node:module'; const require = __dlgradeRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
await rm(generated);
