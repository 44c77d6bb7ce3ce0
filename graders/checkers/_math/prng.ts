/**
 * dlgrade's own pseudo-random generator and the keyed hash that seeds a student's variant.
 *
 * Why our own generator rather than fast-check's or a library's: a student's numbers are part of
 * their assignment. If they changed when a dependency was upgraded, a regrade would grade a
 * student against numbers they never saw. xoshiro128** (Blackman and Vigna) is twenty lines of
 * 32-bit integer arithmetic whose output is fixed by its published definition; the tests pin
 * both the published sequence and dlgrade's own golden values, so any change is caught.
 *
 * Why HMAC-SHA256 of (course secret, assignment, question, student): without the secret, one
 * student cannot compute another's numbers (or their own for a question not yet released),
 * and the fields are length-prefixed (JSON) so that no two different tuples hash the same.
 */
import { createHmac } from 'node:crypto';

/** The version tag hashed with every key: bump it only to deliberately give everyone new numbers. */
export const VARIANT_KEY_VERSION = 'dlgrade-variant-v1';

export interface VariantKey {
  secret: string | Buffer;
  assignment: string;
  question: string;
  student: string;
}

/** 32 bytes from the course secret and the (assignment, question, student) triple. */
export function variantDigest(key: VariantKey): Buffer {
  return createHmac('sha256', key.secret).update(JSON.stringify([VARIANT_KEY_VERSION, key.assignment, key.question, key.student])).digest();
}

/** A short, printable id of a variant (for reports): the first 8 hex digits of its digest. */
export function variantId(key: VariantKey): string {
  return variantDigest(key).subarray(0, 4).toString('hex');
}

const TWO_32 = 2 ** 32;
const TWO_53 = 2 ** 53;

/** xoshiro128**: 128 bits of state, 32-bit outputs. */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(state: readonly [number, number, number, number]) {
    [this.s0, this.s1, this.s2, this.s3] = state.map((x) => x >>> 0) as [number, number, number, number];
    // The all-zero state is the one state the generator never leaves.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Seeded from the first 16 bytes of a digest, read big-endian. */
  static fromDigest(digest: Uint8Array): Xoshiro128 {
    const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
    return new Xoshiro128([view.getUint32(0), view.getUint32(4), view.getUint32(8), view.getUint32(12)]);
  }

  static forVariant(key: VariantKey): Xoshiro128 {
    return Xoshiro128.fromDigest(variantDigest(key));
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    this.s0 >>>= 0;
    this.s1 >>>= 0;
    this.s2 >>>= 0;
    this.s3 >>>= 0;
    return result;
  }

  /** A uniform integer in [0, 2^53). */
  nextUint53(): number {
    const hi = this.nextUint32() >>> 11;
    const lo = this.nextUint32();
    return hi * TWO_32 + lo;
  }

  /** A uniform double in [0, 1), on the grid of multiples of 2^-53. */
  nextFloat(): number {
    return this.nextUint53() / TWO_53;
  }

  /** A uniform integer in [min, max] (both included), without modulo bias. */
  integer(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) throw new RangeError(`integer(${min}, ${max}): the bounds must be safe integers with min ≤ max`);
    const span = max - min + 1;
    if (span > TWO_53) throw new RangeError(`integer(${min}, ${max}): at most 2^53 values`);
    if (span <= TWO_32) {
      const limit = TWO_32 - (TWO_32 % span);
      for (;;) {
        const r = this.nextUint32();
        if (r < limit) return min + (r % span);
      }
    }
    const limit = TWO_53 - (TWO_53 % span);
    for (;;) {
      const r = this.nextUint53();
      if (r < limit) return min + (r % span);
    }
  }

  /** One of the items, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.integer(0, items.length - 1)]!;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
