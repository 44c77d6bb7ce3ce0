/**
 * TensorFlow.js for the tests of the dl-hw solvers, loaded only where a computation needs it (it
 * costs ~0.25 s to import). The native `@tensorflow/tfjs-node` is used when someone installed it
 * (`npm install --no-save @tensorflow/tfjs-node`; its install script downloads libtensorflow from
 * outside the npm registry, so the project does not depend on it); else the pure-JS package, a dev
 * dependency, with its cpu backend. Both compute the same ops.
 */
export type Tf = typeof import('@tensorflow/tfjs');

export interface LoadedTf {
  tf: Tf;
  /** Which package provides the kernels. */
  provider: '@tensorflow/tfjs-node' | '@tensorflow/tfjs';
}

let loading: Promise<LoadedTf> | undefined;

export function loadTf(): Promise<LoadedTf> {
  loading ??= (async () => {
    try {
      // A variable specifier keeps bundlers and the type checker from requiring the optional package.
      const nativeName = '@tensorflow/tfjs-node';
      const tf = (await import(nativeName)) as Tf;
      await tf.ready();
      return { tf, provider: '@tensorflow/tfjs-node' } as const;
    } catch {
      const tf = await import('@tensorflow/tfjs');
      await tf.setBackend('cpu');
      await tf.ready();
      return { tf, provider: '@tensorflow/tfjs' } as const;
    }
  })();
  return loading;
}
