import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { encoderProblem, gaussianProblem } from './testing/arbitraries.ts';
import { agreesInFloat32, tf, useCpuBackend } from './testing/tfjs.ts';
import { contractivePenalty, contractivePenaltyGrad, klToStdNormal } from './vae.ts';
import * as mutants from './mutants/vae.ts';

beforeAll(useCpuBackend);

/** ‖J‖_F² with each row of the Jacobian of σ(Wx + b) taken by tfjs autodiff, no closed form. */
function penaltyByJacobian(W: number[][], b: number[], x: number[]): number {
  return tf.tidy(() => {
    const Wt = tf.tensor2d(W);
    const bt = tf.tensor1d(b);
    const encode = (xv: tf.Tensor) => tf.sigmoid(tf.add(tf.matMul(Wt, tf.reshape(xv, [-1, 1])).reshape([-1]), bt));
    let total = 0;
    for (let i = 0; i < W.length; i++) {
      const row = tf.grad((xv: tf.Tensor) => tf.sum(tf.gather(encode(xv), [i])))(tf.tensor1d(x));
      total += tf.sum(tf.square(row)).arraySync() as number;
    }
    return total;
  });
}

/** The penalty in tf ops, differentiated by tf.grads with respect to W and b. */
function penaltyGradByAutodiff(W: number[][], b: number[], x: number[]): { dW: number[][]; db: number[] } {
  return tf.tidy(() => {
    const xt = tf.tensor2d(x, [x.length, 1]);
    const penalty = (Wt: tf.Tensor, bt: tf.Tensor) => {
      const h = tf.sigmoid(tf.add(tf.matMul(Wt as tf.Tensor2D, xt).reshape([-1]), bt));
      const d = tf.mul(h, tf.sub(1, h));
      return tf.sum(tf.mul(tf.square(d), tf.sum(tf.square(Wt), 1)));
    };
    const [dW, db] = tf.grads(penalty)([tf.tensor2d(W), tf.tensor1d(b)]);
    return { dW: dW!.arraySync() as number[][], db: db!.arraySync() as number[] };
  });
}

describe('agreement with TensorFlow.js (float32)', () => {
  it('should give the contractive penalty ‖J‖_F² of a tfjs autodiff Jacobian', () => {
    fc.assert(
      fc.property(encoderProblem, ({ W, b, x }) => {
        expect(agreesInFloat32(contractivePenalty(W, b, x), penaltyByJacobian(W, b, x))).toBe(true);
      }),
      { seed: 3001, numRuns: 20 },
    );
  });

  it('should give the gradient of the penalty that tf.grads gives', () => {
    fc.assert(
      fc.property(encoderProblem, ({ W, b, x }) => {
        const analytic = contractivePenaltyGrad(W, b, x);
        const auto = penaltyGradByAutodiff(W, b, x);
        expect(agreesInFloat32(analytic.dW, auto.dW)).toBe(true);
        expect(agreesInFloat32(analytic.db, auto.db)).toBe(true);
      }),
      { seed: 3002, numRuns: 20 },
    );
  });

  it('should disagree with tf.grads for the ignoreSigmoid mutant', () => {
    const W = [[0.2, -0.5, 0.1, 0.4], [0.7, 0.3, -0.2, 0], [-0.6, 0.1, 0.5, 0.2]];
    const b = [0.1, -0.2, 0.05];
    const x = [1, 0.5, -0.5, 2];
    expect(agreesInFloat32(mutants.penaltyGradIgnoreSigmoid(W, b, x).dW, penaltyGradByAutodiff(W, b, x).dW)).toBe(false);
  });

  it('should give the KL of the univariate Gaussian form summed in tf ops', () => {
    fc.assert(
      fc.property(gaussianProblem, ({ mu, logVar }) => {
        const fromTf = tf.tidy(() => {
          // Σ_j log(1/s_j) + (s_j² + mu_j²)/2 − ½ with s_j = exp(logVar_j / 2).
          const s = tf.exp(tf.div(tf.tensor1d(logVar), 2));
          const m = tf.tensor1d(mu);
          const terms = tf.add(tf.neg(tf.log(s)), tf.sub(tf.div(tf.add(tf.square(s), tf.square(m)), 2), 0.5));
          return tf.sum(terms).arraySync() as number;
        });
        expect(agreesInFloat32(klToStdNormal(mu, logVar), fromTf)).toBe(true);
      }),
      { seed: 3003, numRuns: 20 },
    );
  });
});
