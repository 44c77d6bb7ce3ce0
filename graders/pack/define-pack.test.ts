import { describe, expect, it } from 'vitest';
import { definePack, isPack, PACK_BRAND } from './define-pack.ts';

describe('definePack', () => {
  it('fills every table, freezes them, and brands the pack', () => {
    const solve = () => 1;
    const pack = definePack({ solvers: { 'a.b': solve } });
    expect(pack.solvers).toEqual({ 'a.b': solve });
    expect(pack.simulators).toEqual({});
    expect(pack.examples).toEqual({ correct: {}, mistaken: {} });
    expect(Object.isFrozen(pack) && Object.isFrozen(pack.solvers) && Object.isFrozen(pack.examples.correct)).toBe(true);
    expect(isPack(pack)).toBe(true);
  });

  it('recognises a pack made by another copy of dlgrade, and nothing else', () => {
    expect(isPack({ [Symbol.for('dlgrade.pack')]: 1, solvers: {} })).toBe(true);
    expect(isPack({ solvers: {} })).toBe(false);
    expect(isPack(null)).toBe(false);
    expect(PACK_BRAND).toBe(Symbol.for('dlgrade.pack'));
  });

  it.each([
    [{ solvers: { 'a.b': 3 } }, 'solvers["a.b"] is number, not a function'],
    [{ diagnostics: { 'a.d': null } }, 'diagnostics["a.d"] is null, not a function'],
    [{ solver: {} }, 'unknown table "solver"'],
    [{ fastPaths: 'x' }, 'fastPaths must be an object of named functions'],
  ])('refuses %j', (definition, message) => {
    expect(() => definePack(definition as never)).toThrow(message);
  });
});
