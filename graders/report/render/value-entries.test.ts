import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderValue } from '../../checkers/_code/render.ts';
import { outputEntries } from './value-entries.ts';

describe('entries of a code output read back from its rendering', () => {
  it('lists the numbers of a record of matrices with the paths the checkers report', () => {
    const expected = { dW: [[0.5, -1], [2, 0]], db: [3] };
    const actual = { dW: [[0.5, -1], [2.5, 0]], db: [3] };
    expect(outputEntries(renderValue(expected, 12), renderValue(actual, 12))).toEqual([
      { path: 'dW[0][0]', expected: 0.5, actual: 0.5 },
      { path: 'dW[0][1]', expected: -1, actual: -1 },
      { path: 'dW[1][0]', expected: 2, actual: 2.5 },
      { path: 'dW[1][1]', expected: 0, actual: 0 },
      { path: 'db[0]', expected: 3, actual: 3 },
    ]);
    expect(outputEntries('3.25', '1e-7')).toEqual([{ path: 'value', expected: 3.25, actual: 1e-7 }]);
  });

  it('gives nothing for a wrong shape, a non-number, a truncated rendering or too many entries', () => {
    expect(outputEntries('[1, 2]', '[1, 2, 3]')).toBeUndefined();
    expect(outputEntries('{ h: [1], c: [2] }', '{ h: [1], x: [2] }')).toBeUndefined();
    expect(outputEntries('[1, 2]', '[1, "2"]')).toBeUndefined();
    expect(outputEntries('[1, 2]', '[1, NaN]')).toBeUndefined();
    expect(outputEntries('[1, 2]', '[1, 2 …')).toBeUndefined();
    expect(outputEntries(renderValue(Array(100).fill(1)), renderValue(Array(100).fill(2)))).toBeUndefined();
    expect(outputEntries('undefined', '[1]')).toBeUndefined();
  });

  it('should read back every finite number of any nested output, in order', () => {
    const leaf = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
    const output = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { minLength: 1, maxLength: 4 }), fc.dictionary(fc.constantFrom('h', 'c', 'dW', 'db'), tie('value'), { minKeys: 1 })),
    })).value;
    fc.assert(
      fc.property(output, (value) => {
        const text = renderValue(value, 17);
        const entries = outputEntries(text, text, 10_000);
        const flat: number[] = [];
        const walk = (v: unknown): void => {
          if (typeof v === 'number') flat.push(Object.is(v, -0) ? 0 : v);
          else if (Array.isArray(v)) v.forEach(walk);
          else Object.values(v as object).forEach(walk);
        };
        walk(value);
        expect(entries?.map((e) => e.expected)).toEqual(flat);
      }),
    );
  });
});
