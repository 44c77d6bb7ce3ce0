import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SequenceAutomaton } from '../../pack/define-pack.ts';
import { firstWrongOfAutomata, firstWrongStep, runAutomaton, splitSymbols, symbolBits } from './sequence-sweep.ts';

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

describe('firstWrongOfAutomata', () => {
  // Small automata over `symbols`, sometimes stepping outside their own tables (a next state or
  // an output that does not exist), with outputs that may be equal, undefined or of another type.
  const automaton = (symbols: number): fc.Arbitrary<SequenceAutomaton> =>
    fc.integer({ min: 1, max: 4 }).chain((states) =>
      fc.record({
        start: fc.integer({ min: 0, max: states }),
        next: fc.array(fc.array(fc.integer({ min: 0, max: states }), { minLength: symbols - 1, maxLength: symbols }), { minLength: states, maxLength: states }),
        output: fc.array(fc.array(fc.constantFrom(0, 1, undefined, '1'), { minLength: symbols - 1, maxLength: symbols }), { minLength: states - 1, maxLength: states }),
      }),
    );

  it('should say what firstWrongStep says of both automata run on the input', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((streams) =>
          fc.tuple(fc.constant(streams), automaton(2 ** streams), automaton(2 ** streams), fc.array(fc.integer({ min: 0, max: 2 ** streams - 1 }), { maxLength: 12 })),
        ),
        ([streams, network, target, symbols]) => {
          const input = splitSymbols(symbols, streams);
          expect(firstWrongOfAutomata(network, target, input)).toBe(firstWrongStep(runAutomaton(network, input) ?? [], runAutomaton(target, input) ?? []));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
