import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as mutants from './mutants/skipgram.ts';
import { gradients, loss } from './skipgram.ts';
import { skipgramVector } from './testing/answer-key-vectors.ts';
import { skipgramProblem } from './testing/arbitraries.ts';
import { agreesInFloat32, tf, useCpuBackend } from './testing/tfjs.ts';

beforeAll(useCpuBackend);

type Problem = { W: number[][]; Wp: number[][]; center: number; contexts: number[] };

/** −Σ_k log_softmax(Wpᵀ v_c)[o_k] in tf ops, with its gradients from tf.grads. */
function byAutodiff({ W, Wp, center, contexts }: Problem): { loss: number; dW: number[][]; dWp: number[][] } {
  return tf.tidy(() => {
    const f = (Wt: tf.Tensor, Wpt: tf.Tensor) => {
      const vc = tf.gather(Wt, [center]);
      const logProbs = tf.logSoftmax(tf.matMul(vc as tf.Tensor2D, Wpt as tf.Tensor2D)).reshape([-1]);
      return tf.neg(tf.sum(tf.gather(logProbs, tf.tensor1d(contexts, 'int32'))));
    };
    const Wt = tf.tensor2d(W);
    const Wpt = tf.tensor2d(Wp);
    const [dW, dWp] = tf.grads(f)([Wt, Wpt]);
    return {
      loss: f(Wt, Wpt).arraySync() as number,
      dW: dW!.arraySync() as number[][],
      dWp: dWp!.arraySync() as number[][],
    };
  });
}

describe('agreement with TensorFlow.js (float32)', () => {
  it('should give the loss and the gradients that tf.grads gives', () => {
    fc.assert(
      fc.property(skipgramProblem, (p) => {
        const auto = byAutodiff(p);
        const { dW, dWp } = gradients(p.W, p.Wp, p.center, p.contexts);
        expect(agreesInFloat32(loss(p.W, p.Wp, p.center, p.contexts), auto.loss)).toBe(true);
        expect(agreesInFloat32(dW, auto.dW)).toBe(true);
        expect(agreesInFloat32(dWp, auto.dWp)).toBe(true);
      }),
      { seed: 5001, numRuns: 20 },
    );
  });

  it('should disagree with tf.grads for both gradient mutants', () => {
    const { W, Wp, center, contexts } = skipgramVector;
    const auto = byAutodiff(skipgramVector);
    for (const wrong of [mutants.gradientsSingleContext, mutants.gradientsSignFlip]) {
      expect(agreesInFloat32(wrong(W, Wp, center, contexts).dWp, auto.dWp)).toBe(false);
    }
  });
});
