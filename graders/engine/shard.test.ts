import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inShard, parseShard, shardOf } from './shard.ts';

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
});
