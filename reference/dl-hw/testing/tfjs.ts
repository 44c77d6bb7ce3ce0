/**
 * TensorFlow.js as an independent oracle for the reference (pure-JS cpu backend). Only the
 * tfjs agreement tests import this module. tfjs computes in float32, hence the tolerances.
 */
import type { Tensor as TfTensor, Tensor2D as TfTensor2D } from '@tensorflow/tfjs';
import { loadTf, type Tf } from './load-tf.ts';

/** The native package when it installed, else the pure-JS one on its cpu backend. */
export const tf: Tf = (await loadTf()).tf;
// Tensor types under the same name, so tests can write `tf.Tensor2D`.
export declare namespace tf {
  type Tensor = TfTensor;
  type Tensor2D = TfTensor2D;
}

export async function useCpuBackend(): Promise<void> {
  await tf.ready();
}

type Nested = number | readonly Nested[];

const flatten = (v: Nested): number[] => (typeof v === 'number' ? [v] : v.flatMap(flatten));

/**
 * Whether every tfjs entry is within `rel` times the largest magnitude of the float64 result, or
 * within `abs`: float32 rounding of the large entries shows up in the small ones, and values
 * that cancel to nearly zero keep an absolute float32 error.
 */
export function agreesInFloat32(reference: Nested, fromTf: Nested, rel = 1e-4, abs = 1e-5): boolean {
  const a = flatten(reference);
  const t = flatten(fromTf);
  if (a.length !== t.length) return false;
  const scale = Math.max(0, ...a.map(Math.abs));
  return a.every((v, k) => Math.abs(v - (t[k] ?? NaN)) <= Math.max(rel * scale, abs));
}
