import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import registry from './index.ts';
import { clipProblem, encoderProblem, gaussianProblem, lstmProblem, skipgramProblem } from './testing/arbitraries.ts';

const solverNames = [
  'inception.savingLimitPercent', 'inception.receptiveField', 'inception.saving2x2Percent',
  'inception.savingAsymmetricPercent', 'inception.noSavingN', 'inception.gridRatioLimit',
  'inception.params5x5', 'inception.paramsTwo3x3', 'inception.saving', 'inception.costRatio', 'inception.gridRatio',
  'vae.klGaussians', 'vae.klToStdNormal', 'vae.contractivePenalty', 'vae.contractivePenaltyGrad',
  'rnn.clipByGlobalNorm', 'rnn.lstmStep', 'rnn.equalityTarget',
  'skipgram.loss', 'skipgram.gradients',
  'vae.klToStdNormal.noHalf', 'vae.klToStdNormal.logSigma', 'vae.klToStdNormal.noMinusOne', 'vae.klToStdNormal.expAsSigma',
  'vae.contractivePenalty.derivativeNotSquared', 'vae.contractivePenalty.hSquared', 'vae.contractivePenalty.normNotSquared',
  'vae.contractivePenaltyGrad.ignoreSigmoid',
  'rnn.clipByGlobalNorm.elementwise', 'rnn.clipByGlobalNorm.perTensor',
  'rnn.lstmStep.gateOrderIFOG', 'rnn.lstmStep.noOutputTanh',
  'skipgram.loss.mInsteadOf2m', 'skipgram.loss.singleContext', 'skipgram.loss.uniqueContexts',
  'skipgram.gradients.singleContext', 'skipgram.gradients.signFlip',
];
const propertyNames = [
  'vae.kl.nonNegative', 'vae.kl.zeroAtPrior', 'rnn.clip.normBounded', 'rnn.clip.directionKept',
  'rnn.clip.unchangedBelow', 'rnn.clip.inputNotMutated', 'rnn.clip.shapeKept',
];
const diagnosticNames = [
  'rnn.diag.nonStrictOnly', 'rnn.diag.orDetector', 'rnn.diag.notExclusive', 'rnn.diag.noMemory',
  'rnn.diag.orRecurrence', 'rnn.diag.oneDetector', 'rnn.diag.mismatchPositiveV',
];

describe('registry', () => {
  it('should hold exactly the names the specs use', () => {
    expect(Object.keys(registry.solvers).sort()).toEqual([...solverNames].sort());
    expect(Object.keys(registry.properties).sort()).toEqual([...propertyNames].sort());
    expect(Object.keys(registry.diagnostics).sort()).toEqual([...diagnosticNames].sort());
    expect(Object.keys(registry.simulators)).toEqual(['rnn.equalityRnn']);
    expect(Object.keys(registry.fastPaths)).toEqual(['rnn.equalityAutomata']);
  });

  it('should not be extensible by a caller', () => {
    expect(Object.isFrozen(registry.solvers)).toBe(true);
    expect(Object.isFrozen(registry.properties)).toBe(true);
    expect(Object.isFrozen(registry.diagnostics)).toBe(true);
    expect(Object.isFrozen(registry.simulators)).toBe(true);
  });
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const bits = (n: number) => fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n });
const equalityArgs = fc.integer({ min: 0, max: 8 }).chain((T) => {
  const entry = fc.double({ min: -3, max: 3, noNaN: true });
  const pair = fc.tuple(entry, entry);
  return fc.tuple(
    fc.record({ W: fc.tuple(pair, pair), b: pair, v: pair, c0: entry, r: entry, c: entry }),
    bits(T),
    bits(T),
    fc.boolean(),
  );
});

/** Valid argument lists for every solver that takes arguments, by the name's prefix. */
const argsFor: [string, fc.Arbitrary<unknown[]>][] = [
  ['inception.params5x5', fc.integer({ min: 1, max: 512 }).map((F) => [{ F }])],
  ['inception.paramsTwo3x3', fc.integer({ min: 1, max: 512 }).map((F) => [{ F }])],
  ['inception.saving', fc.integer({ min: 1, max: 512 }).map((F) => [{ F }])],
  ['inception.costRatio', fc.integer({ min: 1, max: 15 }).map((n) => [{ n }])],
  ['inception.gridRatio', fc.record({ K: fc.integer({ min: 1, max: 7 }), C0: fc.integer({ min: 1, max: 512 }) }).map((r) => [r])],
  [
    'vae.klGaussians',
    fc
      .record({ mu1: fc.double({ min: -3, max: 3, noNaN: true }), mu2: fc.double({ min: -3, max: 3, noNaN: true }), s1: fc.double({ min: 0.1, max: 3, noNaN: true }), s2: fc.double({ min: 0.1, max: 3, noNaN: true }) })
      .map((r) => [r]),
  ],
  ['vae.klToStdNormal', gaussianProblem.map(({ mu, logVar }) => [mu, logVar])],
  ['vae.contractivePenalty', encoderProblem.map(({ W, b, x }) => [W, b, x])],
  ['vae.contractivePenaltyGrad', encoderProblem.map(({ W, b, x }) => [W, b, x])],
  ['rnn.clipByGlobalNorm', clipProblem.map(({ grads, maxNorm }) => [grads, maxNorm])],
  ['rnn.lstmStep', lstmProblem.map(({ x, hPrev, cPrev, p }) => [x, hPrev, cPrev, p])],
  ['rnn.equalityTarget', fc.integer({ min: 0, max: 8 }).chain((T) => fc.tuple(bits(T), bits(T)))],
  ['skipgram', skipgramProblem.map(({ W, Wp, center, contexts }) => [W, Wp, center, contexts])],
];

const isFiniteTree = (v: unknown): boolean =>
  typeof v === 'number' ? Number.isFinite(v) : typeof v === 'object' && v !== null && Object.values(v).every(isFiniteTree);

describe('every solver on valid inputs', () => {
  it.each(solverNames)('%s should return finite numbers without touching its (frozen) arguments', (name) => {
    const solver = registry.solvers[name]!;
    const entry = argsFor.find(([prefix]) => name === prefix || name.startsWith(`${prefix}.`));
    if (!entry) {
      // Only the number parts take no arguments.
      expect(solver.length).toBe(0);
      expect(Number.isFinite(solver())).toBe(true);
      return;
    }
    fc.assert(
      fc.property(entry[1], (args) => {
        const expected = structuredClone(args);
        const output = solver(...deepFreeze(args));
        expect(isFiniteTree(output)).toBe(true);
        expect(args).toEqual(expected);
      }),
      { seed: 77, numRuns: 30 },
    );
  });
});

describe('the equality RNN simulator', () => {
  it('should run the pair of streams under either convention without touching its (frozen) arguments', () => {
    const simulate = registry.simulators['rnn.equalityRnn']!;
    fc.assert(
      fc.property(equalityArgs, ([w, x1, x2, strict]) => {
        const output = simulate(deepFreeze(w), deepFreeze([x1, x2]), strict ? undefined : 'non-strict');
        expect(output).toHaveLength(x1.length);
        expect((output as number[]).every((y) => y === 0 || y === 1)).toBe(true);
      }),
      { seed: 77, numRuns: 100 },
    );
    expect(() => simulate({ W: [[1, 1], [1, 1]], b: [0, 0], v: [1, 1], c0: 0, r: 1, c: 0 }, [[0], [1]], 'sideways')).toThrow(/unknown variant/);
  });
});
