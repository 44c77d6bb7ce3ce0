import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './support/cli.ts';

// The engine knows no course: a pack's code is reached only through the module its assignment
// file names. These scans keep it so.

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(file)));
    else if (/\.(ts|mts|js|mjs|cjs)$/.test(entry.name)) out.push(file);
  }
  return out;
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every name a shipped pack's specs use for its code, and every part id and task text. */
async function packNames(): Promise<string[]> {
  const names = new Set<string>();
  const visit = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) node.forEach((v) => visit(v, key));
    else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) visit(v, k);
    else if (typeof node === 'string' && ['id', 'solver', 'loss', 'target', 'simulator', 'diagnostic', 'fast_path', 'properties', 'task'].includes(key ?? '') && (node.includes('.') || key === 'task')) names.add(node);
  };
  for (const pack of await readdir(path.join(ROOT, 'specs'), { withFileTypes: true })) {
    if (!pack.isDirectory() || pack.name === 'schema') continue;
    for (const file of await readdir(path.join(ROOT, 'specs', pack.name))) {
      if (file.endsWith('.yaml') && file !== 'assignment.yaml') visit(parse(await readFile(path.join(ROOT, 'specs', pack.name, file), 'utf8')));
    }
  }
  return [...names];
}

describe('the engine and the packs', () => {
  it('no file under graders/ imports reference/ (or any pack module)', async () => {
    const offending: string[] = [];
    for (const file of await sources(path.join(ROOT, 'graders'))) {
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2] ?? m[3] ?? '';
        const target = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : spec;
        if (target.startsWith(path.join(ROOT, 'reference')) || spec.includes('reference/')) offending.push(`${path.relative(ROOT, file)} imports ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('no production file under graders/ names a part id, a solver or a task of a shipped pack', async () => {
    const names = await packNames();
    expect(names).toContain('q4.4.weights');
    expect(names).toContain('rnn.equalityAutomata');
    expect(names).toContain('xor.network');
    const offending: string[] = [];
    for (const file of await sources(path.join(ROOT, 'graders'))) {
      if (file.endsWith('.test.ts')) continue;
      const text = await readFile(file, 'utf8');
      for (const name of names) if (text.includes(name)) offending.push(`${path.relative(ROOT, file)} names "${name}"`);
    }
    expect(offending).toEqual([]);
  });

  it('the scans can fail: they see an import of reference/ and a pack name where there is one', () => {
    const sample = "import pack from '../../reference/dl-hw/index.ts';\nconst x = await import('../reference/x.ts');";
    expect([...sample.matchAll(IMPORT)].map((m) => m[1] ?? m[2])).toEqual(['../../reference/dl-hw/index.ts', '../reference/x.ts']);
  });
});
