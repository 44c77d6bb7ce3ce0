import { createHash } from 'node:crypto';

/** One of `count` disjoint parts of a course (`index` from 1). */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n); undefined when the text is not of that form. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) return undefined;
  return { index, count };
}

/**
 * The shard (from 1) a student belongs to. A hash of the id alone, so adding or removing a
 * student never moves another one, and every machine of a CI matrix agrees without talking.
 */
export function shardOf(studentId: string, count: number): number {
  const digest = createHash('sha256').update(studentId).digest();
  return Number(digest.readBigUInt64BE(0) % BigInt(count)) + 1;
}

export function inShard(studentId: string, shard: Shard): boolean {
  return shardOf(studentId, shard.count) === shard.index;
}
