import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSpecError, makeExcerpt } from './errors.ts';

describe('makeExcerpt', () => {
  it('should put the caret under the column of a short line', () => {
    expect(makeExcerpt('    points: four', 13)).toBe('    points: four\n            ^');
  });

  it('should keep both lines within 80 columns with the caret on the same character', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', ':', '[', ']', '-', '1'), minLength: 1, maxLength: 300 }), fc.nat(), (line, n) => {
        const col = (n % line.length) + 1;
        const [source, caret] = makeExcerpt(line, col).split('\n') as [string, string];
        expect(source.length).toBeLessThanOrEqual(80);
        expect(caret.length).toBeLessThanOrEqual(80);
        expect(caret.trimStart()).toBe('^');
        const at = caret.length - 1;
        // The marked character is the original one, unless it was replaced by a cut mark.
        if (source[at] !== '…') expect(source[at]).toBe(line[col - 1]);
      }),
    );
  });
});

describe('formatSpecError', () => {
  it('should render file:line:col CODE message and the excerpt below', () => {
    const text = formatSpecError({ code: 'SCHEMA_TYPE', file: 'specs/x/q1.yaml', line: 7, col: 13, message: 'parts[0].points: expected number, got string "four"', excerpt: '    points: four\n            ^' });
    expect(text).toBe('specs/x/q1.yaml:7:13 SCHEMA_TYPE parts[0].points: expected number, got string "four"\n    points: four\n            ^');
  });

  it('should render a single line when there is no excerpt', () => {
    expect(formatSpecError({ code: 'FILE_UNREADABLE', file: 'a/assignment.yaml', line: 1, col: 1, message: 'cannot read', excerpt: '' })).toBe('a/assignment.yaml:1:1 FILE_UNREADABLE cannot read');
  });
});
