import { describe, expect, it } from 'vitest';
import { loadTf } from './load-tf.ts';

describe('loadTf', () => {
  it('falls back to the pure-JS package when the native one is not installed, and computes', async () => {
    const { tf, provider } = await loadTf();
    let nativeInstalled = true;
    try {
      await import('@tensorflow/tfjs-node' as string);
    } catch {
      nativeInstalled = false;
    }
    expect(provider).toBe(nativeInstalled ? '@tensorflow/tfjs-node' : '@tensorflow/tfjs');
    const grad = tf.grad((x) => tf.sum(tf.square(x)));
    expect(Array.from(grad(tf.tensor1d([1, -2, 3])).dataSync())).toEqual([2, -4, 6]);
  });

  it('loads once', async () => {
    expect(loadTf()).toBe(loadTf());
  });
});
