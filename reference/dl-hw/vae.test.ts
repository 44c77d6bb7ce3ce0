import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as mutants from './mutants/vae.ts';
import { maxRelativeError, numericGradient } from './testing/finite-differences.ts';
import { contractiveVector, klGaussiansVector, klVector } from './testing/answer-key-vectors.ts';
import { encoderProblem } from './testing/arbitraries.ts';
import { contractivePenalty, contractivePenaltyGrad, klGaussians, klToStdNormal } from './vae.ts';

const expectNear = (got: number, want: number, tol = 1e-9) => expect(Math.abs(got - want)).toBeLessThan(tol);

const { W, b, x } = contractiveVector;
/** h = σ(Wx + b) of the q2.3 test vector, as printed by verify/q2_autoencoders.py. */
const hKey = [0.689974481128, 0.679178699175, 0.413382421083];
const rowNorm2 = W.map((row) => row.reduce((s, w) => s + w * w, 0));

describe('q2 answer-key vectors', () => {
  it('should give KL(q ‖ N(0, I)) = 0.680277725360', () => {
    expectNear(klToStdNormal(klVector.mu, klVector.logVar), 0.68027772536);
  });

  it('should give KL(N(0.5, 0.8²) ‖ N(−0.3, 1.5²)) = 0.413053103867 and the reverse 1.129203840578', () => {
    expectNear(klGaussians(klGaussiansVector), 0.413053103867);
    const { mu1, s1, mu2, s2 } = klGaussiansVector;
    expectNear(klGaussians({ mu1: mu2, s1: s2, mu2: mu1, s2: s1 }), 1.129203840578);
  });

  it('should agree with klToStdNormal against the standard normal', () => {
    const mu = 0.7;
    const logVar = -0.3;
    expectNear(klGaussians({ mu1: mu, s1: Math.exp(logVar / 2), mu2: 0, s2: 1 }), klToStdNormal([mu], [logVar]), 1e-14);
  });

  it('should give the contractive penalty 0.089296177503', () => {
    expectNear(contractivePenalty(W, b, x), 0.089296177503);
  });
});

describe('q2 mutants on the answer-key vectors', () => {
  const kl = 0.68027772536;
  const { mu, logVar } = klVector;
  it('should reproduce each KL mistake', () => {
    expectNear(mutants.klNoHalf(mu, logVar), 2 * kl);
    // ½ Σ(… − l/2) differs from the key by +¼ Σ l.
    expectNear(mutants.klLogSigma(mu, logVar), kl + (logVar.reduce((s, l) => s + l, 0)) / 4);
    expectNear(mutants.klNoMinusOne(mu, logVar), kl + mu.length / 2);
    expectNear(mutants.klExpAsSigma(mu, logVar), klToStdNormal(mu, logVar.map((l) => 2 * l)));
    for (const wrong of [mutants.klNoHalf, mutants.klLogSigma, mutants.klNoMinusOne, mutants.klExpAsSigma]) {
      expect(Math.abs(wrong(mu, logVar) - kl)).toBeGreaterThan(1e-3);
    }
  });

  it('should reproduce each penalty mistake from the key h', () => {
    const sum = (f: (h: number, i: number) => number) => hKey.reduce((s, h, i) => s + f(h, i), 0);
    expectNear(mutants.penaltyDerivativeNotSquared(W, b, x), sum((h, i) => h * (1 - h) * (rowNorm2[i] ?? 0)));
    expectNear(mutants.penaltyHSquared(W, b, x), sum((h, i) => h * h * (rowNorm2[i] ?? 0)));
    expectNear(mutants.penaltyNormNotSquared(W, b, x), Math.sqrt(0.089296177503));
  });

  it('should keep only the weight-decay part of the gradient when the sigmoid is ignored', () => {
    const { dW, db } = mutants.penaltyGradIgnoreSigmoid(W, b, x);
    dW.forEach((row, i) => row.forEach((g, j) => expectNear(g, 2 * ((hKey[i] ?? 0) * (1 - (hKey[i] ?? 0))) ** 2 * (W[i]?.[j] ?? 0))));
    expect(db).toEqual([0, 0, 0]);
  });
});

describe('contractivePenaltyGrad', () => {
  it('should equal the closed form of the answer key on the test vector', () => {
    const { dW, db } = contractivePenaltyGrad(W, b, x);
    hKey.forEach((h, i) => {
      const d2 = (h * (1 - h)) ** 2;
      const dbi = 2 * (rowNorm2[i] ?? 0) * d2 * (1 - 2 * h);
      expectNear(db[i] ?? NaN, dbi);
      (x as number[]).forEach((xj, j) => expectNear(dW[i]?.[j] ?? NaN, 2 * d2 * (W[i]?.[j] ?? 0) + dbi * xj));
    });
  });

  it('should match float64 central differences of the penalty (1e-6 relative)', () => {
    fc.assert(
      fc.property(encoderProblem, ({ W, b, x }) => {
        const { dW, db } = contractivePenaltyGrad(W, b, x);
        expect(maxRelativeError(dW, numericGradient(W, (Wh) => contractivePenalty(Wh, b, x)))).toBeLessThan(1e-6);
        expect(maxRelativeError([db], numericGradient([b], ([bh]) => contractivePenalty(W, bh ?? [], x)))).toBeLessThan(1e-6);
      }),
      { seed: 20240521, numRuns: 20 },
    );
  });

  it('should tell the ignoreSigmoid mutant from central differences', () => {
    const { dW } = mutants.penaltyGradIgnoreSigmoid(W, b, x);
    expect(maxRelativeError(dW, numericGradient(W, (Wh) => contractivePenalty(Wh, b, x)))).toBeGreaterThan(1e-2);
  });
});

describe('numerical care', () => {
  it('should keep KL accurate for tiny logVar, where exp(l) − 1 − l cancels', () => {
    const l = 1e-8;
    // exp(l) − 1 − l = l²/2 + l³/6 + …
    expect(Math.abs(klToStdNormal([0], [l]) / ((l * l) / 4) - 1)).toBeLessThan(1e-6);
  });

  it('should stay finite for saturated sigmoid units', () => {
    const big = [[800, -800]];
    for (const v of [contractivePenalty(big, [0], [1, 0]), contractivePenalty(big, [0], [-1, 0])]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
    }
    const { dW, db } = contractivePenaltyGrad(big, [0], [-1, 0]);
    expect([...dW.flat(), ...db].every(Number.isFinite)).toBe(true);
  });
});
