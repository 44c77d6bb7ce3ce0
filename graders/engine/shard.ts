import { createHash } from 'node:crypto';
import { UsageError } from '../errors.ts';

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

/** The variables `--shard auto` reads: a Kubernetes Indexed Job's index (from 0), and the count its manifest sets. */
export const SHARD_INDEX_VARIABLE = 'JOB_COMPLETION_INDEX';
export const SHARD_COUNT_VARIABLE = 'DLGRADE_SHARD_COUNT';

/**
 * The shard of `--shard`: `i/n`, or `auto` for one pod of an Indexed Job, shard
 * `$JOB_COMPLETION_INDEX + 1` of `$DLGRADE_SHARD_COUNT`. A missing or out-of-range variable is a
 * usage error naming both, so a pod never grades the wrong part of the class.
 */
export function shardFromFlag(text: string, env: Readonly<Record<string, string | undefined>>): Shard {
  if (text.trim() !== 'auto') {
    const shard = parseShard(text);
    if (!shard) throw new UsageError(`--shard expects i/n with 1 ≤ i ≤ n, or auto; found "${text}"`);
    return shard;
  }
  const rawIndex = env[SHARD_INDEX_VARIABLE];
  const rawCount = env[SHARD_COUNT_VARIABLE];
  const both = `${SHARD_INDEX_VARIABLE}=${rawIndex === undefined ? '(unset)' : JSON.stringify(rawIndex)}, ${SHARD_COUNT_VARIABLE}=${rawCount === undefined ? '(unset)' : JSON.stringify(rawCount)}`;
  const index = /^\d+$/.test(rawIndex?.trim() ?? '') ? Number(rawIndex) : NaN;
  const count = /^\d+$/.test(rawCount?.trim() ?? '') ? Number(rawCount) : NaN;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index >= count) {
    throw new UsageError(
      `--shard auto needs ${SHARD_INDEX_VARIABLE} (a whole number from 0, set by a Kubernetes Indexed Job) below ${SHARD_COUNT_VARIABLE} (the number of shards, the Job's completions); found ${both}`,
    );
  }
  return { index: index + 1, count };
}
