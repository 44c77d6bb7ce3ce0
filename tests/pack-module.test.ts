import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './support/cli.ts';

// A pack whose module cannot be used: one clear error at the assignment's `reference:` line,
// exit 2, no stack trace. A name the spec uses that the module lacks: an error at its own line.
let work: string;
beforeAll(async () => {
  work = await tempDir('pack-module');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const LIBRARY = JSON.stringify(path.join(ROOT, 'graders/index.ts'));

/** A pack of one number part, with `module` as its code (or no module file when undefined). */
async function packWith(name: string, module: string | undefined, reference = 'code.ts'): Promise<string> {
  const dir = path.join(work, name);
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'assignment.yaml'),
    `id: tiny\ntitle: Tiny\ntotal: 1\nfiles:\n  answers: answers.yaml\n  solution: [solution.ts]\nreference: ${reference}\nquestions: [q1.yaml]\n`,
  );
  await writeFile(path.join(dir, 'q1.yaml'), 'id: q1\ntitle: One\nparts:\n  - id: q1.1.n\n    kind: number\n    points: 1\n    prompt: A number.\n    solver: tiny.answer\n');
  if (module !== undefined) await writeFile(path.join(dir, 'code.ts'), module);
  return dir;
}

const cases: { name: string; module: string | undefined; reference?: string; says: RegExp }[] = [
  { name: 'no such file', module: undefined, says: /pack module .*code\.ts: no such file/ },
  { name: 'not a module file', module: '', reference: 'code.yaml', says: /SCHEMA_PATTERN/ },
  { name: 'a syntax error', module: 'export default definePack({ solvers: { \n', says: /does not compile: .*code\.ts:2:\d+: / },
  { name: 'an unresolvable import', module: "import { x } from './missing.ts';\nexport default x;\n", says: /does not compile: .*Could not resolve "\.\/missing\.ts"/ },
  { name: 'no default export', module: 'export const answer = () => 1;\n', says: /exports no pack: found no default export; end it with `export default definePack/ },
  { name: 'a plain object', module: 'export default { solvers: {} };\n', says: /exports no pack: found a default export that is an object not made by definePack/ },
  { name: 'a throw at load', module: "throw new Error('the data file is missing');\n", says: /fails to load: the data file is missing/ },
  { name: 'a solver that is not a function', module: `import { definePack } from ${LIBRARY};\nexport default definePack({ solvers: { 'tiny.answer': 42 } });\n`, says: /fails to load: definePack: solvers\["tiny\.answer"\] is number, not a function/ },
  { name: 'an unknown table', module: `import { definePack } from 'dlgrade';\nexport default definePack({ solver: {} });\n`, says: /definePack: unknown table "solver"/ },
];

describe('a pack module that cannot be used', () => {
  it.each(cases)('$name: one error at reference:, exit 2', async ({ name, module, reference, says }) => {
    const dir = await packWith(name.replaceAll(' ', '-'), module, reference);
    for (const command of ['validate', 'selftest']) {
      const run = await runCli([command, dir], { cwd: work });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(says);
      expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
      // One problem, one error.
      expect(run.stderr.match(/^\S+:\d+:\d+ [A-Z_]+ /gm), run.stderr).toHaveLength(1);
    }
    const graded = await runCli(['grade', '--spec', dir, '--submissions', work, '--out', path.join(work, 'reports')], { cwd: work });
    expect(graded.code).toBe(2);
    expect(graded.stderr).toMatch(says);
    if (!says.source.startsWith('SCHEMA')) expect(graded.stderr).toMatch(/assignment\.yaml:7:\d+ PACK_MODULE_UNLOADABLE/);
  });
});

describe('a pack module that lacks a name the spec uses', () => {
  it('is a validate error at the name, with the nearest names the module has', async () => {
    const dir = await packWith('near-miss', "import { definePack } from 'dlgrade';\nexport default definePack({ solvers: { 'tiny.answers': () => 1 } });\n");
    const run = await runCli(['validate', dir], { cwd: work });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/q1\.yaml:8:13 UNKNOWN_SOLVER unknown solver "tiny\.answer" \(not in the pack module\); did you mean "tiny\.answers"\?/);
  });

  it('says the assignment names no module when it has none', async () => {
    const dir = await packWith('no-reference', undefined);
    const file = path.join(dir, 'assignment.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('reference: code.ts\n', ''));
    const run = await runCli(['validate', dir], { cwd: work });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/UNKNOWN_SOLVER unknown solver "tiny\.answer" \(not in the pack module, and the assignment file names none \(add `reference: <path of the module>`\)\)/);
  });

  it('loads a plain .js module that imports dlgrade and an npm package', async () => {
    const dir = await packWith('js-module', undefined, 'code.mjs');
    await writeFile(path.join(dir, 'code.mjs'), "import { definePack } from 'dlgrade';\nimport { parse } from 'yaml';\nexport default definePack({ solvers: { 'tiny.answer': () => parse('41') + 1 } });\n");
    await writeFile(path.join(dir, 'package.json'), '{}');
    // The pack resolves its own npm dependencies from its folder; this one borrows the project's.
    await writeFile(path.join(dir, 'code.mjs'), (await readFile(path.join(dir, 'code.mjs'), 'utf8')).replace("'yaml'", JSON.stringify(path.join(ROOT, 'node_modules/yaml/dist/index.js'))));
    const run = await runCli(['validate', dir], { cwd: work });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('--resume and the pack module', () => {
  it('keeps results while the module is unchanged, and regrades everyone when a solver changes', async () => {
    const course = path.join(work, 'resume-course');
    for (const dir of ['specs/nn-basics', 'reference/nn-basics', 'submissions/nn-basics/reference']) await cp(path.join(ROOT, dir), path.join(course, dir), { recursive: true });
    // The pack's demo secret came along with its code (q1 draws a layer per student).
    const grade = () => runCli(['grade', '--resume', '--jobs', '1', '--out', 'reports', '--secret-file', 'reference/nn-basics/demo.secret'], { cwd: course, env: { DLGRADE_SECRET: undefined } });
    expect((await grade()).stdout).toMatch(/1 graded in/);
    expect((await grade()).stdout).toMatch(/0 graded, 1 kept from the earlier run/);
    const conv = path.join(course, 'reference/nn-basics/conv.ts');
    // A comment is not code: the bundle, and so the results, stay as they were.
    await writeFile(conv, `// A note.\n${await readFile(conv, 'utf8')}`);
    expect((await grade()).stdout).toMatch(/0 graded, 1 kept/);
    await writeFile(conv, (await readFile(conv, 'utf8')).replace('outputWidth(l.width, l.kernel, l.stride, l.pad)', 'outputWidth(l.width, l.kernel, l.stride, 0)'));
    const changed = await grade();
    expect(changed.stdout).toMatch(/1 graded in/);
    expect(changed.stdout).not.toMatch(/kept/);
  }, 180_000);
});

describe('selftest of a weights part', () => {
  it('fails, saying what to add, when the pack has no example designs for it', async () => {
    const dir = path.join(work, 'no-designs');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'assignment.yaml'), 'id: gate\ntitle: Gate\ntotal: 2\nfiles:\n  answers: answers.yaml\n  solution: [solution.ts]\nreference: code.ts\nquestions: [q1.yaml]\n');
    await writeFile(
      path.join(dir, 'q1.yaml'),
      'id: q1\ntitle: One\nparts:\n  - id: q1.1.and\n    kind: weights\n    points: 2\n    prompt: An AND unit.\n    simulator: gate.unit\n    target: gate.and\n    task: outputs x1 AND x2\n    shapes: { w: [2], b: [] }\n    inputs:\n      points: { params: [x1, x2], cases: [[0, 0], [0, 1], [1, 0], [1, 1]] }\n    mistakes:\n      - { id: or, diagnostic: gate.isOr, feedback: That is OR. }\n',
    );
    await writeFile(
      path.join(dir, 'code.ts'),
      "import { definePack, type Weights } from 'dlgrade';\nconst unit = (w: Weights, [a, b]: readonly unknown[]) => ((w.w as number[])[0]! * (a as number) + (w.w as number[])[1]! * (b as number) + (w.b as number) > 0 ? 1 : 0);\nexport default definePack({ solvers: { 'gate.and': (a: number, b: number) => a & b }, simulators: { 'gate.unit': unit }, diagnostics: { 'gate.isOr': (w) => unit(w, [0, 1]) === 1 } });\n",
    );
    const run = await runCli(['selftest', dir], { cwd: work });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/FAIL q1\.1\.and reference: wanted full marks \(2\), got no correct answer to grade\n  feedback: add a correct design to the pack's examples\.correct under "q1\.1\.and" or "gate\.unit"/);
    expect(run.stderr).toMatch(/FAIL q1\.1\.and or: wanted mistake or, got no answer showing it\n  feedback: add a design showing this mistake to the pack's examples\.mistaken under "gate\.isOr"/);
  });
});
