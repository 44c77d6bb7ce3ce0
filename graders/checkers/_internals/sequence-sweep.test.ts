import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSymbols, symbolBits } from './sequence-sweep.ts';

describe('splitSymbols', () => {
  it('gives stream i the bit n−1−i of every symbol, in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((streams) => fc.tuple(fc.constant(streams), fc.array(fc.integer({ min: 0, max: 2 ** streams - 1 }), { maxLength: 70 }))),
        ([streams, symbols]) => {
          const split = splitSymbols(symbols, streams);
          expect(split).toHaveLength(streams);
          for (let i = 0; i < streams; i++) expect(split[i]).toEqual(symbols.map((s) => symbolBits(s, streams)[i]));
        },
      ),
    );
  });

  it('splits a pair of streams as the task states them', () => {
    // Symbols 0..3 of two streams: x1 is the high bit, x2 the low one.
    expect(splitSymbols([2, 3, 0, 1], 2)).toEqual([
      [1, 1, 0, 0],
      [0, 1, 0, 1],
    ]);
  });
});
