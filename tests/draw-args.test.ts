import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { argsArbitrary } from '../graders/checkers/_code/arbitraries.ts';
import { drawArgs, drawIntegerLists, drawsWithoutFastCheck } from '../graders/checkers/_code/draw-args.ts';
import { loadAssignment } from '../graders/pack/load.ts';
import type { ArgGenerator, CodeCheckOptions, DimSpec } from '../graders/pack/types.ts';
import { ROOT } from './support/cli.ts';

type ArgsOptions = Pick<CodeCheckOptions, 'params' | 'dims' | 'generators'>;

/** The first difference between two drawn values, by Object.is on numbers and by prototype on objects; null when none. */
function firstDifference(a: unknown, b: unknown, at = '$'): string | null {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b) ? null : `${at}: ${String(a)} vs ${String(b)}`;
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b ? null : `${at}: ${String(a)} vs ${String(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${at}: array vs object`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${at}: different prototypes`;
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return `${at}: keys ${String(ka)} vs ${String(kb)}`;
  for (const k of ka) {
    const d = firstDifference((a as Record<PropertyKey, unknown>)[k], (b as Record<PropertyKey, unknown>)[k], `${at}.${String(k)}`);
    if (d) return d;
  }
  return null;
}

function sameAsSample(opts: ArgsOptions, seed: number, runs: number): string | null {
  const want = fc.sample(argsArbitrary(opts), { seed, numRuns: runs });
  return firstDifference(drawArgs(opts, seed, runs), want);
}

// Bounds as packs write them, plus the awkward ones: empty and reversed ranges, -0, huge and
// tiny spans (realArbitrary's fc.double fallback included), ranges across and away from zero.
const bound = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -5, max: 5 }) },
  { weight: 1, arbitrary: fc.constantFrom(-0, 0.5, -2.5, 1e-9, 3e15, -3e15, 1e300, -1e300) },
  { weight: 3, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
);
const intBound = fc.oneof(fc.integer({ min: -6, max: 6 }), fc.constantFrom(-(2 ** 40), 2 ** 40, 2 ** 31, -(2 ** 31) - 1));
const dimRef = fc.constantFrom('H', 'D', 'P', 'H', 'D', '3', '1', '0');

// Mostly ordered ranges, as packs write them; now and then reversed or empty ones.
const ordered = (b: fc.Arbitrary<number>) =>
  fc.oneof({ weight: 6, arbitrary: fc.tuple(b, b).map(([x, y]) => (x <= y ? { min: x, max: y } : { min: y, max: x })) }, { weight: 1, arbitrary: fc.record({ min: b, max: b }) });
const real = ordered(bound);
const int = ordered(intBound);
const leaf: fc.Arbitrary<ArgGenerator> = fc.oneof(
  real.map((r) => ({ type: 'number' as const, ...r })),
  int.map((r) => ({ type: 'integer' as const, ...r })),
  fc.tuple(dimRef, real).map(([length, r]) => ({ type: 'vector' as const, length, ...r })),
  fc.tuple(dimRef, dimRef, real).map(([rows, cols, r]) => ({ type: 'matrix' as const, rows, cols, ...r })),
  dimRef.map((dim) => ({ type: 'index' as const, dim })),
  fc.tuple(dimRef, dimRef).map(([count, dim]) => ({ type: 'indices' as const, count, dim })),
  fc.tuple(dimRef, fc.integer({ min: 1, max: 20 }), real).map(([count, maxLength, r]) => ({ type: 'vectors' as const, count, maxLength, ...r })),
);
const generator: fc.Arbitrary<ArgGenerator> = fc.oneof(
  { weight: 4, arbitrary: leaf },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('record' as const), fields: fc.dictionary(fc.constantFrom('Wx', 'Wh', 'b', '0', 'z'), leaf, { minKeys: 1, maxKeys: 3 }) }) },
);
const dims: fc.Arbitrary<Record<string, DimSpec>> = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 }), fc.boolean())
  .map(([min, extra, product]) => ({
    H: { min: min - 1, max: min + extra },
    D: { min: 1, max: 1 + extra },
    ...(product ? { P: { times: ['H', 2] as [string, number] } } : {}),
  }));
const options: fc.Arbitrary<ArgsOptions> = fc
  .tuple(dims, fc.array(generator, { minLength: 1, maxLength: 3 }))
  .map(([d, gens]) => ({ dims: d, params: gens.map((_, i) => `p${i}`), generators: Object.fromEntries(gens.map((g, i) => [`p${i}`, g])) }));

describe('drawArgs', () => {
  it('draws what fc.sample draws from argsArbitrary, for every generator type, seed and run count', () => {
    let own = 0;
    let all = 0;
    fc.assert(
      fc.property(options, fc.integer(), fc.integer({ min: 0, max: 40 }), (opts, seed, runs) => {
        let want: unknown[][] | Error;
        try {
          want = fc.sample(argsArbitrary(opts), { seed, numRuns: runs });
        } catch (err) {
          want = err as Error;
        }
        all++;
        if (drawsWithoutFastCheck(opts, seed, runs)) own++;
        if (want instanceof Error) {
          // What fast-check rejects, drawArgs rejects with fast-check's own error.
          expect(() => drawArgs(opts, seed, runs)).toThrow(want.message);
          return;
        }
        expect(firstDifference(drawArgs(opts, seed, runs), want)).toBeNull();
      }),
      { numRuns: 400 },
    );
    // Most specs are drawn by drawArgs itself, not handed back to fc.sample.
    expect(own).toBeGreaterThan(all / 2);
  });

  it('draws the same from seeds that are not 32-bit integers, as fast-check reads them', () => {
    const opts: ArgsOptions = { dims: { H: { min: 1, max: 4 } }, params: ['x', 'v'], generators: { x: { type: 'number', min: -2, max: 2 }, v: { type: 'vector', length: 'H', min: 0, max: 1 } } };
    for (const seed of [2 ** 33 + 5, -(2 ** 40), 1.5, -7.25, 0x7fffffff + 1]) expect(sameAsSample(opts, seed, 30)).toBeNull();
  });

  it('leaves the drawing to fc.sample when global settings change what it draws', () => {
    const opts: ArgsOptions = { dims: {}, params: ['g'], generators: { g: { type: 'vectors', count: '3', maxLength: 40, min: -1, max: 1 } } };
    const saved = fc.readConfigureGlobal();
    try {
      // A larger default size lets fast-check draw lists longer than the 12 of its default.
      fc.configureGlobal({ ...saved, baseSize: 'medium' });
      expect(drawsWithoutFastCheck(opts, 3, 50)).toBe(false);
      expect(sameAsSample(opts, 3, 50)).toBeNull();
    } finally {
      fc.configureGlobal(saved);
    }
    expect(drawsWithoutFastCheck(opts, 3, 50)).toBe(true);
  });

  it('tells a difference in any bit: -0 from 0, and a null-prototype record from a plain one', () => {
    expect(firstDifference([[-0]], [[0]])).not.toBeNull();
    expect(firstDifference([{ a: 1 }], [Object.assign(Object.create(null), { a: 1 })])).not.toBeNull();
    expect(firstDifference([[0.1 + 0.2]], [[0.3]])).not.toBeNull();
    expect(firstDifference([[1, [2]]], [[1, [2]]])).toBeNull();
  });

  it('draws, for the records it generates, null prototypes as often as fast-check does', () => {
    const opts: ArgsOptions = { dims: {}, params: ['r'], generators: { r: { type: 'record', fields: { a: { type: 'integer', min: 0, max: 9 } } } } };
    const drawn = drawArgs(opts, 42, 200).map(([r]) => Object.getPrototypeOf(r) === null);
    // Both prototypes occur, so the comparison above is not vacuous on this point.
    expect(drawn.some(Boolean) && drawn.some((b) => !b)).toBe(true);
    expect(sameAsSample(opts, 42, 200)).toBeNull();
  });

  it('draws the lists fc.sample draws from fc.array(fc.integer()), for any bounds and lengths', () => {
    fc.assert(
      fc.property(
        fc.record({ min: intBound, max: intBound, minLength: fc.integer({ min: 0, max: 5 }), maxLength: fc.integer({ min: 0, max: 80 }) }),
        fc.integer(),
        fc.integer({ min: 0, max: 60 }),
        (list, seed, runs) => {
          let want: unknown;
          try {
            want = fc.sample(fc.array(fc.integer({ min: list.min, max: list.max }), { minLength: list.minLength, maxLength: list.maxLength }), { seed, numRuns: runs });
          } catch (err) {
            expect(() => drawIntegerLists(list, seed, runs)).toThrow((err as Error).message);
            return;
          }
          expect(firstDifference(drawIntegerLists(list, seed, runs), want)).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  for (const pack of ['specs/dl-hw', 'specs/nn-basics']) {
    it(`draws what fc.sample draws for every code, gradient and weights part of ${pack}`, async () => {
      const { assignment } = await loadAssignment(path.join(ROOT, pack));
      const parts: (ArgsOptions & { id: string; runs: number })[] = [];
      for (const q of assignment!.questions) {
        for (const p of q.parts) {
          if ((p.kind === 'code' || p.kind === 'gradient') && p.runs > 0) parts.push(p);
          if (p.kind === 'weights' && p.inputs.kind === 'points' && p.inputs.runs > 0) parts.push({ ...p.inputs, id: p.id });
          if (p.kind === 'weights' && p.inputs.kind === 'sequences') {
            // As the weights checker draws its random sequences: one symbol per step.
            const list = { min: 0, max: 2 ** p.inputs.streams - 1, minLength: 1, maxLength: Math.max(1, p.inputs.randomMaxLength) };
            const want = fc.sample(fc.array(fc.integer({ min: list.min, max: list.max }), { minLength: list.minLength, maxLength: list.maxLength }), { seed: 7, numRuns: p.inputs.randomCount });
            expect(firstDifference(drawIntegerLists(list, 7, p.inputs.randomCount), want)).toBeNull();
          }
        }
      }
      expect(parts.length).toBeGreaterThan(0);
      for (const part of parts) {
        for (const seed of [0, 1, 20261127, -123456789, 987654321]) {
          // Every shipped part is drawn without fast-check's trees, and drawn the same.
          expect({ part: part.id, seed, own: drawsWithoutFastCheck(part, seed, part.runs), difference: sameAsSample(part, seed, part.runs) }).toEqual({ part: part.id, seed, own: true, difference: null });
        }
      }
    });
  }
});
