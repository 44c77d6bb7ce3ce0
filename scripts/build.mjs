// Bundles the CLI into dist/ so the packed package runs without the TypeScript sources or tsx.
// The harness and the npm libraries it uses are bundled (no course's code: a pack brings its own);
// only esbuild stays a dependency. Files read at run time sit beside the bundle, where the code
// looks for them: the sandbox runner, the schemas, the `dlgrade init` scaffold. The library entry
// (`import { definePack } from 'dlgrade'`) is dist/index.js with its declarations in index.d.ts,
// and the licences of every bundled library are collected into dist/THIRD-PARTY-NOTICES.md.
// Last, dist/build-digest.json records what the build read (see build-digest.mjs), so the npm
// scripts never run a bundle older than the sources, nor one whose build stopped half-way.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rmSync, statSync } from 'node:fs';
import { builtDigest, DIGEST_FILE, sourceDigest } from './build-digest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist');

// One build at a time: two `npm pack` runs at once (each runs `prepare`) would otherwise empty
// dist/ under the other's feet. The lock is a directory, which mkdir creates atomically.
const lock = path.join(root, '.dist-build.lock');
for (const started = Date.now(); ; ) {
  try {
    await mkdir(lock);
    break;
  } catch (err) {
    if (err.code !== 'EEXIST') throw err;
    // A lock older than any build is one a killed build left.
    const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
    else if (Date.now() - started > 15 * 60_000) throw new Error(`${lock}: another build has held this lock for 15 minutes; remove it if no build runs`);
    else await new Promise((r) => setTimeout(r, 200));
  }
}
process.on('exit', () => rmSync(lock, { recursive: true, force: true }));

// Taken before anything is read: a source edited during the build leaves the bundle stale.
const inputs = sourceDigest(root);
// `prepare` (npm ci, npm pack) passes --if-stale: a bundle already built from these sources is
// kept as it is, so a pack that is reading it is never disturbed by another's build.
if (process.argv.includes('--if-stale') && builtDigest(root) === inputs.digest) process.exit(0);

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const cli = await build({
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
  // own binary), the only package the installed CLI depends on.
  external: ['esbuild'],
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __dlgradeRequire } from 'node:module'; const require = __dlgradeRequire(import.meta.url);" },
  // The chunks must stay beside cli.js: runner.cjs and schema/ are found relative to import.meta.url.
  chunkNames: '[name]-[hash]',
  // The licence comments esbuild finds go to .LEGAL.txt files, gathered below with the licence
  // texts of the bundled libraries into THIRD-PARTY-NOTICES.md.
  legalComments: 'external',
  metafile: true,
  logLevel: 'warning',
});
await cp(path.join(root, 'graders/sandbox/runner.cjs'), path.join(out, 'runner.cjs'));
await cp(path.join(root, 'graders/submission/compile-worker.cjs'), path.join(out, 'compile-worker.cjs'));
await cp(path.join(root, 'specs/schema'), path.join(out, 'schema'), { recursive: true });
// The math stylesheet and its woff2 fonts, which the reports copy beside the pages (render/math-assets.ts).
const katexDist = path.join(root, 'node_modules/katex/dist');
await mkdir(path.join(out, 'katex/fonts'), { recursive: true });
await cp(path.join(katexDist, 'katex.min.css'), path.join(out, 'katex/katex.min.css'));
await cp(path.join(root, 'node_modules/katex/LICENSE'), path.join(out, 'katex/LICENSE'));
for (const font of await readdir(path.join(katexDist, 'fonts'))) if (font.endsWith('.woff2')) await cp(path.join(katexDist, 'fonts', font), path.join(out, 'katex/fonts', font));
for (const template of ['course-repo', 'student-base']) await cp(path.join(root, 'templates', template), path.join(out, 'templates', template), { recursive: true });

// The library entry: definePack and the author's types, nothing of the grader.
const library = await build({
  absWorkingDir: root,
  entryPoints: { index: 'graders/index.ts' },
  outdir: out,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'node20',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
const declarations = await mkdtemp(path.join(os.tmpdir(), 'dlgrade-dts-'));
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
// define-pack.ts imports nothing, so its declarations are the whole public surface of index.ts.
execFileSync(process.execPath, [tsc, '--declaration', '--emitDeclarationOnly', '--strict', '--skipLibCheck', '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--outDir', declarations, 'graders/pack/define-pack.ts'], { cwd: root, stdio: 'inherit' });
await writeFile(path.join(out, 'index.d.ts'), await readFile(path.join(declarations, 'define-pack.d.ts'), 'utf8'));
await rm(declarations, { recursive: true, force: true });

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
const validators = await build({
  absWorkingDir: root,
  entryPoints: [generated],
  outfile: path.join(out, 'schema', 'validators.js'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: "import { createRequire as __dlgradeRequire } from 'node:module'; const require = __dlgradeRequire(import.meta.url);" },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
await rm(generated);
await writeFile(path.join(out, 'THIRD-PARTY-NOTICES.md'), (await notices([cli.metafile, library.metafile, validators.metafile])) + (await legalComments()));
await writeFile(path.join(out, DIGEST_FILE), `${JSON.stringify(inputs, null, 2)}\n`);

/** The licence comments esbuild kept out of the bundles (legalComments: 'external'), once each. */
async function legalComments() {
  const seen = new Set();
  for (const file of (await readdir(out)).filter((f) => f.endsWith('.LEGAL.txt')).sort()) {
    // esbuild's format: a header line, then per source file `<package>/<file>:` and its comments.
    for (const block of (await readFile(path.join(out, file), 'utf8')).split(/\n\s*\n(?=\S)/)) {
      if (block.trim() && !block.startsWith('Bundled license information')) seen.add(block.trim());
    }
    await rm(path.join(out, file));
  }
  return seen.size === 0 ? '' : `\n# Licence comments in the bundled code\n\n\`\`\`text\n${[...seen].join('\n\n')}\n\`\`\`\n`;
}

/** Every npm package whose code went into a bundle, with its licence text as it ships it. */
async function notices(metafiles) {
  const packages = new Map();
  for (const meta of metafiles) {
    for (const input of Object.keys(meta.inputs)) {
      const match = /(^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (!match) continue;
      const dir = path.join(root, input.slice(0, match.index + match[0].length));
      packages.set(dir, match[2]);
    }
  }
  const sections = [];
  for (const [dir, name] of [...packages].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))) {
    const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
    const licenceFile = (await readdir(dir)).find((f) => /^(licen[cs]e|copying|notice)(\.|$)/i.test(f));
    const text = licenceFile ? (await readFile(path.join(dir, licenceFile), 'utf8')).trim() : `${manifest.license ?? 'UNKNOWN'} (the package ships no licence file)`;
    sections.push(`## ${name} ${manifest.version}\n\nLicence: ${manifest.license ?? 'see below'}\n\n\`\`\`text\n${text}\n\`\`\`\n`);
  }
  return `# Third-party notices\n\nThe bundles in this folder contain code of the following ${sections.length} packages, under these licences.\n\n${sections.join('\n')}`;
}
