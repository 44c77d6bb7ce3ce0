import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import registry from './index.ts';
import type { PropertyFn, SolverFn } from 'dlgrade';
import { clipProblem, gaussianProblem } from './testing/arbitraries.ts';

const property = (name: string): PropertyFn => {
  const p = registry.properties[name];
  if (!p) throw new Error(`no property ${name}`);
  return p;
};
const solver = (name: string): SolverFn => {
  const s = registry.solvers[name];
  if (!s) throw new Error(`no solver ${name}`);
  return s;
};

/** The property's verdict on fn(...args), with the arguments as fn left them. */
function verdict(name: string, fn: SolverFn, args: unknown[]): string | null {
  const copy = structuredClone(args);
  const output = fn(...copy);
  return property(name)(args, output, copy);
}

type ClipArgs = { grads: number[][]; maxNorm: number };
type KlArgs = { mu: number[]; logVar: number[] };
const clipArgs = ({ grads, maxNorm }: ClipArgs) => [grads, maxNorm];
const klArgs = ({ mu, logVar }: KlArgs) => [mu, logVar];

/** Whether fast-check finds an input on which the property rejects fn's output. */
function caught<T>(name: string, fn: SolverFn, arb: fc.Arbitrary<T>, toArgs: (t: T) => unknown[], seed: number): boolean {
  return fc.check(fc.property(arb, (t) => verdict(name, fn, toArgs(t)) === null), { seed, numRuns: 200 }).failed;
}

const clipNames = ['rnn.clip.normBounded', 'rnn.clip.directionKept', 'rnn.clip.unchangedBelow', 'rnn.clip.inputNotMutated', 'rnn.clip.shapeKept'];
const klNames = ['vae.kl.nonNegative', 'vae.kl.zeroAtPrior'];

/** Inputs at the prior (all zeros) half of the time, so zeroAtPrior is exercised. */
const klProblem = fc.oneof(
  gaussianProblem,
  fc.integer({ min: 1, max: 6 }).map((d) => ({ mu: Array<number>(d).fill(0), logVar: Array<number>(d).fill(0) })),
);

/** Clip inputs whose norm is below maxNorm half of the time, so unchangedBelow is exercised. */
const clipMixed = fc.oneof(clipProblem, clipProblem.map(({ grads }) => ({ grads, maxNorm: 1e3 })));

describe('properties hold for the reference', () => {
  it.each(clipNames)('should satisfy %s with clipByGlobalNorm', (name) => {
    expect(caught(name, solver('rnn.clipByGlobalNorm'), clipMixed, clipArgs, 101)).toBe(false);
  });

  it.each(klNames)('should satisfy %s with klToStdNormal', (name) => {
    expect(caught(name, solver('vae.klToStdNormal'), klProblem, klArgs, 102)).toBe(false);
  });

  it('should accept a norm exactly at maxNorm as unchanged', () => {
    expect(verdict('rnn.clip.unchangedBelow', solver('rnn.clipByGlobalNorm'), [[[3, 4]], 5])).toBeNull();
  });
});

// Implementations with one defect each, beyond the registered mutants.
const inPlace: SolverFn = (grads: number[][], maxNorm: number) => {
  const norm = Math.hypot(...grads.flat());
  if (norm > maxNorm) for (const g of grads) g.forEach((v, i) => (g[i] = (v * maxNorm) / norm));
  return grads;
};
const flattened: SolverFn = (grads: number[][], maxNorm: number) => [
  (solver('rnn.clipByGlobalNorm')(grads, maxNorm) as number[][]).flat(),
];
const alwaysRescaled: SolverFn = (grads: number[][], maxNorm: number) => {
  const norm = Math.hypot(...grads.flat());
  return grads.map((g) => g.map((v) => (norm === 0 ? 0 : (v * maxNorm) / norm)));
};

describe('each property catches its mistake', () => {
  const clipCases: [string, string, SolverFn][] = [
    ['rnn.clip.directionKept', 'elementwise clipping', solver('rnn.clipByGlobalNorm.elementwise')],
    ['rnn.clip.directionKept', 'per-tensor clipping', solver('rnn.clipByGlobalNorm.perTensor')],
    ['rnn.clip.normBounded', 'per-tensor clipping', solver('rnn.clipByGlobalNorm.perTensor')],
    ['rnn.clip.normBounded', 'elementwise clipping', solver('rnn.clipByGlobalNorm.elementwise')],
    ['rnn.clip.inputNotMutated', 'clipping in place', inPlace],
    ['rnn.clip.shapeKept', 'a flattened result', flattened],
    ['rnn.clip.unchangedBelow', 'rescaling to maxNorm always', alwaysRescaled],
  ];

  it.each(clipCases)('%s should reject %s', (name, _mistake, fn) => {
    expect(caught(name, fn, clipMixed, clipArgs, 103)).toBe(true);
  });

  it('should explain the elementwise mistake on a small example', () => {
    expect(verdict('rnn.clip.directionKept', solver('rnn.clipByGlobalNorm.elementwise'), [[[3, 0.5]], 1])).toMatch(/one factor/);
  });

  it.each([
    ['vae.kl.zeroAtPrior', 'vae.klToStdNormal.noMinusOne'],
    ['vae.kl.nonNegative', 'vae.klToStdNormal.logSigma'],
  ])('%s should reject %s', (name, mutant) => {
    expect(caught(name, solver(mutant), klProblem, klArgs, 104)).toBe(true);
  });

  it.each(['vae.klToStdNormal.noHalf', 'vae.klToStdNormal.expAsSigma'])(
    'should let %s through: only the comparison with the reference catches it',
    (mutant) => {
      for (const name of klNames) expect(caught(name, solver(mutant), klProblem, klArgs, 105)).toBe(false);
    },
  );
});

describe('properties on malformed outputs', () => {
  const garbage: unknown[] = [undefined, null, 'text', NaN, [[1, 'a']], [1, 2], {}, [[NaN]]];

  it.each(garbage)('should return a message or null, never throw, for %j', (output) => {
    for (const name of clipNames) {
      const result = property(name)([[[3, 4]], 1], output, [[[3, 4]], 1]);
      expect(result === null || typeof result === 'string').toBe(true);
    }
    for (const name of klNames) {
      const result = property(name)([[0], [0]], output, [[0], [0]]);
      expect(result === null || typeof result === 'string').toBe(true);
    }
  });

  it('should reject a non-number KL and a NaN clip result', () => {
    expect(property('vae.kl.nonNegative')([[0], [0]], 'zero', [])).toMatch(/number/);
    expect(property('rnn.clip.directionKept')([[[3, 4]], 1], [[NaN, NaN]], [])).not.toBeNull();
    expect(property('rnn.clip.shapeKept')([[[3, 4]], 1], [[0.6]], [])).toMatch(/shape/);
  });
});
