import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadAssignment } from '../graders/pack/load.ts';
import { PART_KINDS } from '../graders/checkers/kinds.ts';
import { ROOT, tempDir } from './support/cli.ts';

// Every part example of the authoring guide's "Every kind of part" section, loaded as a pack of
// its own against the nn-basics module (whose names the examples use): the schema, the rules
// and the reference rules must all accept it, so the guide shows only what validates.
const guide = await readFile(path.join(ROOT, 'docs/authoring.md'), 'utf8');
const section = guide.slice(guide.indexOf('## 4. Every kind of part'), guide.indexOf('## 5. '));
const examples = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => /^ {2}- id: /.test(b));
const dirs: string[] = [];

afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('docs/authoring.md, section 4', () => {
  it('has an example of every kind, and documents every kind and relation', () => {
    const kinds = examples.map((e) => (parse(e) as { kind: string }[])[0]!.kind);
    expect(new Set(kinds)).toEqual(new Set(PART_KINDS));
    for (const kind of PART_KINDS) expect(section).toContain(`**${kind}**`);
    for (const relation of ['equal', 'up-to-constant', 'up-to-scale', 'less-equal', 'greater-equal']) expect(section).toContain(`| \`${relation}\``);
    for (const fn of ['softmax', 'log_softmax', 'logsumexp', 'norm', 'trace', 'diag', 'outer', 'relu', 'sigmoid', 'tanh', 'exp', 'log']) expect(section).toContain(`\`${fn}`);
  });

  it.each(examples.map((e) => [(parse(e) as { id: string }[])[0]!.id, e]))('validates the example %s', async (id, example) => {
    const dir = await tempDir('guide');
    dirs.push(dir);
    const parts = parse(example) as { points: number }[];
    const question = id.split('.')[0]!;
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'q.yaml'), `id: ${question}\ntitle: "An example of the guide"\nparts:\n${example}`);
    const reference = path.join(ROOT, 'reference/nn-basics/index.ts');
    await writeFile(path.join(dir, 'assignment.yaml'), [`id: guide`, `title: "The guide's example ${id}"`, `total: ${parts.reduce((s, p) => s + p.points, 0)}`, `files:`, `  answers: answers.yaml`, `  solution: [solution.ts]`, `reference: ${JSON.stringify(reference)}`, `questions: [q.yaml]`, ''].join('\n'));
    const loaded = await loadAssignment(dir);
    expect(loaded.errors.map((e) => `${e.code} ${e.message}`)).toEqual([]);
    expect(loaded.assignment?.questions[0]?.parts.map((p) => p.id)).toEqual([id]);
  }, 60_000);
});
