import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Weights } from 'dlgrade';
import { weightsChecker } from '../../graders/checkers/weights/check.ts';
import { sequenceSweep, type Simulate } from '../../graders/checkers/_internals/sequence-sweep.ts';
import { loadAssignment } from '../../graders/pack/load.ts';
import type { WeightsPart } from '../../graders/pack/types.ts';
import { partSeed } from '../../graders/engine/seed.ts';
import pack from './index.ts';
import { equalityAutomata } from './equality-automata.ts';
import { NON_STRICT } from './equality-simulator.ts';

const simulator = pack.simulators['rnn.equalityRnn']!;
const target: Simulate = (input) => pack.solvers['rnn.equalityTarget']!(...input) as number[];
const variantOf = (strict: boolean) => (strict ? undefined : NON_STRICT);
const simulate =
  (w: Weights, strict: boolean): Simulate =>
  (input) =>
    simulator(w, input, variantOf(strict)) as number[];

// Values on and around the thresholds, where the two conventions and the float order matter.
const value = fc.constantFrom(-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 0.1, 0.2, -0.3);
const pair = fc.tuple(value, value);
const weights: fc.Arbitrary<Weights> = fc.record({ W: fc.tuple(pair, pair), b: pair, v: pair, c0: value, r: value, c: value });

describe('the equality RNN fast path', () => {
  it('should count exactly what simulating every pair counts', () => {
    fc.assert(
      fc.property(weights, fc.boolean(), (w, strict) => {
        const { fast: _automata, ...fast } = sequenceSweep(equalityAutomata(w, variantOf(strict)), 2, 5, simulate(w, strict), target);
        const slow = sequenceSweep(null, 2, 5, simulate(w, strict), target);
        expect(fast).toEqual(slow);
      }),
      { numRuns: 150, seed: 4404 },
    );
  });

  it('should run like the simulator on long pairs once confirmed', () => {
    const steps = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 64 });
    fc.assert(
      fc.property(weights, fc.boolean(), steps, (w, strict, symbols) => {
        const { fast } = sequenceSweep(equalityAutomata(w, variantOf(strict)), 2, 3, simulate(w, strict), target);
        const input = [symbols.map((s) => s >> 1), symbols.map((s) => s & 1)];
        expect(fast).toBeDefined();
        expect(fast!.simulate(input)).toEqual(simulate(w, strict)(input));
        expect(fast!.target(input)).toEqual(target(input));
      }),
      { numRuns: 300 },
    );
  });

  it('counts the failing pairs of the boundary design under z >= 0 as the answer key does', () => {
    const scan = { W: [[1, 1], [-1, -1]], b: [-1, 0.5], v: [1, 1], c0: 0, r: 1, c: -1 };
    const loose = sequenceSweep(equalityAutomata(scan, NON_STRICT), 2, 8, simulate(scan, false), target);
    expect(loose.summary).toEqual({ inputs: 87380, failing: 86870, firstStepOk: false, shortest: 1 });
    expect(loose.failure).toEqual({ streams: [[0], [1]], t: 1, got: 1, want: 0 });
    expect(loose.fast).toBeDefined();
    const strict = sequenceSweep(equalityAutomata(scan, undefined), 2, 8, simulate(scan, true), target);
    expect(strict).toMatchObject({ summary: { inputs: 87380, failing: 0, firstStepOk: true, shortest: null }, failure: null });
  });

  it('describes only networks of the q4.4 shapes', () => {
    expect(equalityAutomata({ W: [[1, 1, 1]], b: [0], v: [1], c0: 0, r: 1, c: 0 }, undefined)).toBeNull();
  });
});

describe('q4.4 graded with and without its fast path', () => {
  it('should give the same result for any design', async () => {
    const loaded = await loadAssignment(new URL('../../specs/dl-hw', import.meta.url).pathname);
    const part = loaded.assignment!.questions.flatMap((q) => q.parts).find((p) => p.kind === 'weights') as WeightsPart;
    expect(part.fastPath).toBe('rnn.equalityAutomata');
    const plain: WeightsPart = { ...part };
    delete plain.fastPath;
    await fc.assert(
      fc.asyncProperty(weights, fc.string({ minLength: 1, maxLength: 6 }), async (w, student) => {
        const ctx = { assignmentId: 'dl-hw', studentId: student, seed: partSeed('dl-hw', part.id, student), solvers: pack, visibleOnly: false };
        const viaFast = await weightsChecker.check({ ...part, inputs: { ...part.inputs, randomCount: 200 } as WeightsPart['inputs'] }, w, ctx);
        const viaSimulation = await weightsChecker.check({ ...plain, inputs: { ...part.inputs, randomCount: 200 } as WeightsPart['inputs'] }, w, ctx);
        expect(viaFast).toEqual(viaSimulation);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
