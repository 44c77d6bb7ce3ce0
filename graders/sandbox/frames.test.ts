import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePayload, encodeFrame, FrameReader } from './frames.ts';
import { plainDataProblem } from './plain-data.ts';

/** Feeds `bytes` to a reader in the given chunk sizes. */
function feed(reader: FrameReader, bytes: Buffer, cuts: number[]) {
  const events = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    const end = Math.min(bytes.length, at + Math.max(1, cut));
    events.push(...reader.push(bytes.subarray(at, end)));
    at = end;
    if (at >= bytes.length) break;
  }
  if (at < bytes.length) events.push(...reader.push(bytes.subarray(at)));
  return events;
}

describe('frames', () => {
  it('round-trip any doubles (NaN, ±Infinity, -0) however the stream is cut', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double())), fc.array(fc.integer({ min: 1, max: 64 })), (values, cuts) => {
        const bytes = Buffer.concat(values.map((v) => encodeFrame({ v })));
        const events = feed(new FrameReader(1 << 20), bytes, cuts);
        expect(events).toHaveLength(values.length);
        events.forEach((e, i) => {
          if (!('frame' in e)) throw new Error('unexpected error');
          const d = decodePayload(e.frame);
          expect(d.ok && plainDataProblem(d.value)).toBe(undefined);
          const got = (d as { value: { v: number[] } }).value.v;
          expect(got.length).toBe(values[i]!.length);
          got.forEach((x, j) => expect(Object.is(x, values[i]![j])).toBe(true));
        });
      }),
    );
  });

  it('refuse a frame over the cap from its header alone, before buffering any of it', () => {
    const reader = new FrameReader(16);
    expect(reader.push(Buffer.from([0x80, 0, 0, 0]))).toEqual([{ error: 'a message of 2147483648 bytes (the limit is 16)' }]);
    expect(reader.pendingBytes).toBe(0);
    expect(reader.push(Buffer.alloc(100))).toEqual([]);
  });

  it('never throw on hostile bytes: every frame is decoded or refused', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.integer({ min: 1, max: 40 })), (junk, cuts) => {
        const withHeader = Buffer.concat([Buffer.from([0, 0, 0, junk.length & 0xff]), Buffer.from([0xff, 0x0f]), Buffer.from(junk)]);
        for (const bytes of [Buffer.from(junk), withHeader]) {
          for (const e of feed(new FrameReader(256), bytes, cuts)) {
            if ('frame' in e) {
              const d = decodePayload(e.frame);
              if (d.ok) plainDataProblem(d.value);
            }
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('decode a million-deep nesting to an error, not a crash', () => {
    const n = 1_000_000;
    const bytes = Buffer.concat([Buffer.from([0xff, 0x0f]), Buffer.alloc(2 * n, Buffer.from([0x41, 0x01])), Buffer.from([0x49, 0x02]), Buffer.alloc(3 * n, Buffer.from([0x24, 0x00, 0x01]))]);
    expect(decodePayload(bytes)).toMatchObject({ ok: false, why: expect.stringMatching(/could not be decoded/) });
  });
});

describe('plain data', () => {
  it('accepts numbers, strings, booleans, null and undefined in arrays and plain objects', () => {
    expect(plainDataProblem({ a: [1, NaN, -0, 'x', true, null, undefined], b: { c: [[2]] } })).toBeUndefined();
    expect(plainDataProblem(Object.assign(Object.create(null), { a: 1 }))).toBeUndefined();
  });

  it.each([
    ['a cycle', (() => { const a: unknown[] = []; a.push(a); return a; })(), /appears more than once/],
    ['a shared part', (() => { const x = [1]; return [x, x]; })(), /appears more than once/],
    ['a Map', new Map([[1, 2]]), /kind Map/],
    ['a typed array', new Float64Array(3), /kind Float64Array/],
    ['a boxed number', Object(1) as unknown, /kind Number/],
    ['a Date', new Date(0), /kind Date/],
    ['a sparse array of 2^32 - 1', (() => { const a: unknown[] = []; a.length = 2 ** 32 - 1; return a; })(), /more than 1000000 entries/],
    ['a BigInt', 1n, /type bigint/],
    ['a __proto__ key', JSON.parse('{"__proto__": 1}') as unknown, /__proto__/],
  ])('refuses %s', (_name, value, why) => {
    expect(plainDataProblem(value)).toMatch(why);
  });

  it('checks a 100,000-deep nesting without recursion', () => {
    let v: unknown = 1;
    for (let i = 0; i < 100_000; i++) v = [v];
    expect(plainDataProblem(v)).toMatch(/nesting deeper than 32 levels/);
  });
});
