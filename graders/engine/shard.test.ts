import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inShard, parseShard, shardFromFlag, shardOf } from './shard.ts';

describe('shards', () => {
  it('puts every student in exactly one shard, the same one whoever else is enrolled', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,15}$/), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 9 }), (ids, n) => {
        for (const id of ids) {
          const owners = Array.from({ length: n }, (_, i) => i + 1).filter((i) => inShard(id, { index: i, count: n }));
          expect(owners).toEqual([shardOf(id, n)]);
        }
      }),
    );
  });

  it('spreads students roughly evenly', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[shardOf(`s${i}`, 4) - 1]! += 1;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });

  it('parses i/n and nothing else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1/2/3', '-1/2']) expect(parseShard(bad), bad).toBeUndefined();
  });

  it('--shard auto is the Indexed Job pod\'s JOB_COMPLETION_INDEX + 1 of DLGRADE_SHARD_COUNT', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }).chain((count) => fc.tuple(fc.constant(count), fc.integer({ min: 0, max: count - 1 }))), ([count, index]) => {
        expect(shardFromFlag('auto', { JOB_COMPLETION_INDEX: String(index), DLGRADE_SHARD_COUNT: String(count) })).toEqual({ index: index + 1, count });
      }),
    );
    expect(shardFromFlag('2/5', {})).toEqual({ index: 2, count: 5 });
  });

  it('--shard auto names both variables when either is missing or out of range', () => {
    const bad = [{}, { JOB_COMPLETION_INDEX: '0' }, { DLGRADE_SHARD_COUNT: '4' }, { JOB_COMPLETION_INDEX: '4', DLGRADE_SHARD_COUNT: '4' }, { JOB_COMPLETION_INDEX: '-1', DLGRADE_SHARD_COUNT: '4' }, { JOB_COMPLETION_INDEX: '1', DLGRADE_SHARD_COUNT: '0' }, { JOB_COMPLETION_INDEX: '1.5', DLGRADE_SHARD_COUNT: '4' }, { JOB_COMPLETION_INDEX: '1', DLGRADE_SHARD_COUNT: 'four' }];
    for (const env of bad) {
      expect(() => shardFromFlag('auto', env), JSON.stringify(env)).toThrow(/JOB_COMPLETION_INDEX.*DLGRADE_SHARD_COUNT/s);
    }
    expect(() => shardFromFlag('3/2', {})).toThrow(/i\/n/);
  });
});
