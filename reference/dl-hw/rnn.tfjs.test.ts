import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as mutants from './mutants/rnn.ts';
import { lstmStep, type LstmParams } from './rnn.ts';
import { lstmProblem } from './testing/arbitraries.ts';
import { agreesInFloat32, tf, useCpuBackend } from './testing/tfjs.ts';

beforeAll(useCpuBackend);

/** One LSTM step in tf ops, gate blocks split in the order i, f, g, o. */
function lstmByTf(x: number[], hPrev: number[], cPrev: number[], p: LstmParams): { h: number[]; c: number[] } {
  return tf.tidy(() => {
    const column = (v: number[]) => tf.tensor2d(v, [v.length, 1]);
    const z = tf.add(
      tf.add(tf.matMul(tf.tensor2d(p.Wx as number[][], [p.Wx.length, x.length]), column(x)), tf.matMul(tf.tensor2d(p.Wh as number[][]), column(hPrev))),
      column([...p.b]),
    );
    const [zi, zf, zg, zo] = tf.split(z, 4, 0);
    const c = tf.add(tf.mul(tf.sigmoid(zf!), column(cPrev)), tf.mul(tf.sigmoid(zi!), tf.tanh(zg!)));
    const h = tf.mul(tf.sigmoid(zo!), tf.tanh(c));
    return { h: h.reshape([-1]).arraySync() as number[], c: c.reshape([-1]).arraySync() as number[] };
  });
}

describe('agreement with TensorFlow.js (float32)', () => {
  it('should compute the LSTM step an LSTM cell of tf ops computes', () => {
    fc.assert(
      fc.property(lstmProblem, ({ x, hPrev, cPrev, p }) => {
        const want = lstmByTf(x, hPrev, cPrev, p);
        const got = lstmStep(x, hPrev, cPrev, p);
        expect(agreesInFloat32(got.h, want.h)).toBe(true);
        expect(agreesInFloat32(got.c, want.c)).toBe(true);
      }),
      { seed: 4001, numRuns: 20 },
    );
  });

  it('should find both LSTM mutants disagreeing with tf ops on some input', () => {
    for (const wrong of [mutants.lstmGateOrderIFOG, mutants.lstmNoOutputTanh]) {
      const verdict = fc.check(
        fc.property(lstmProblem, ({ x, hPrev, cPrev, p }) => agreesInFloat32(wrong(x, hPrev, cPrev, p).h, lstmByTf(x, hPrev, cPrev, p).h)),
        { seed: 4002, numRuns: 50 },
      );
      expect(verdict.failed).toBe(true);
    }
  });
});
