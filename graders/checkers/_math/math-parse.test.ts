import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { MathNode } from 'mathjs';
import { parse as prebuiltParse } from 'mathjs/number';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parse } from './math-parse.ts';

// The parse-only instance must read every text exactly as the prebuilt number build's parser
// does: same tree (mathjs's own toJSON: node types, names, operators, values, implicit
// multiplication), same printed form and TeX (the reports print formulas through it), same error
// message for what it cannot read.
function reading(read: (text: string) => { toString(): string }, text: string): unknown {
  try {
    const node = read(text) as MathNode;
    let tex: string;
    try {
      tex = node.toTex({ parenthesis: 'auto', implicit: 'hide' });
    } catch (err) {
      tex = `cannot print: ${err instanceof Error ? err.message : String(err)}`;
    }
    return { tree: JSON.stringify(node), printed: node.toString(), tex };
  } catch (err) {
    return { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Every string of every YAML file under the course packs, the shipped submissions and the test fixtures. */
function corpus(): string[] {
  const out = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) {
        const collect = (v: unknown): void => {
          if (typeof v === 'string' && v.length <= 400) out.add(v);
          else if (Array.isArray(v)) v.forEach(collect);
          else if (v && typeof v === 'object') Object.values(v).forEach(collect);
        };
        // Some fixtures are hostile YAML (alias bombs, broken documents): take what reads.
        for (const doc of parseAllDocuments(readFileSync(p, 'utf8'))) {
          try {
            if (!('empty' in doc) && doc.errors.length === 0) collect(doc.toJS({ maxAliasCount: 100 }));
          } catch {
            // not a document of strings to collect
          }
        }
      }
    }
  };
  for (const d of ['specs', 'submissions', 'tests/fixtures']) walk(path.join(ROOT, d));
  return [...out];
}

const TRICKY = [
  'x^2 + 2x + 1', '2 x y', '3(x+1)', 'F(F + 1)', "W' * x", 'W_prime', 'x_1 + x_2', '1e-3 * x', '.5x', '5.', '0x1F', '1/2/3', '-x^-2',
  'x!', "A'", 'a ? b : c', 'x == y', 'x <= 1 and y > 2', 'not x or y', '[1, 2; 3, 4]', 'A[1, 2]', 'f(x) = x^2', 'x = 3', 'a; b', '{a: 1}',
  '1:3', 'x mod 2', '5 cm', 'sqrt(x^2 + 1)', 'log(exp(x))', 'abs(-x)', 'pi * e', 'Infinity', 'NaN', 'x // y', '(((x)))', '((x)', 'x +', '',
  '2^3^4', 'x.y', 'x  y  z', '%', '50%', 'a & b | c', 'a << 2', '"text"', 'ℓ + 1', 'σ(x)', '∑x', 'x ⊙ y',
];

describe('the parse-only mathjs instance', () => {
  it('should read every text of the packs, submissions and fixtures as the prebuilt parser does', () => {
    const texts = [...corpus(), ...TRICKY];
    expect(texts.length).toBeGreaterThan(500);
    for (const text of texts) expect(reading(parse, text), text).toEqual(reading(prebuiltParse, text));
  });

  it('should read any short text of formula characters as the prebuilt parser does', () => {
    const chars = [...'xyzabAWF0123456789.+-*/^()[]{},;:=<>!?\'_ e', 'pi', 'sqrt', 'log', 'exp', 'abs', ' and ', ' or ', ' not ', ' mod '];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        expect(reading(parse, text)).toEqual(reading(prebuiltParse, text));
      }),
      { numRuns: 3000, seed: 15 },
    );
  });
});
