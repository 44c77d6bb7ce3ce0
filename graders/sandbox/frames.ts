import { deserialize, serialize } from 'node:v8';

/**
 * The framing of the channel between the grader and a sandbox child: a 4-byte big-endian length,
 * then that many bytes of V8 serialization (which keeps NaN, ±Infinity and -0). The child shares
 * its process with the student's code, which can write anything to the channel's descriptor, so
 * what the grader reads here is hostile input: a frame over the cap is refused from its header,
 * before any of it is buffered, and a payload that does not decode is an error value, never an
 * exception.
 */
export const FRAME_HEADER_BYTES = 4;

export function encodeFrame(value: unknown): Buffer {
  const body = serialize(value);
  const header = Buffer.allocUnsafe(FRAME_HEADER_BYTES);
  header.writeUInt32BE(body.length, 0);
  return Buffer.concat([header, body], FRAME_HEADER_BYTES + body.length);
}

export type Decoded = { ok: true; value: unknown } | { ok: false; why: string };

/** Decodes one payload; hostile bytes give `ok: false` (a deserializer error, a stack overflow). */
export function decodePayload(payload: Buffer): Decoded {
  try {
    return { ok: true, value: deserialize(payload) };
  } catch (err) {
    const why = err instanceof Error ? err.message : 'an error';
    return { ok: false, why: `a message that could not be decoded (${why.slice(0, 200)})` };
  }
}

export type FrameEvent = { frame: Buffer } | { error: string };

/**
 * Splits a byte stream into frames of at most `maxFrameBytes`. Once it has reported an error it
 * reports nothing more: the caller kills the child.
 */
export class FrameReader {
  private header = Buffer.alloc(FRAME_HEADER_BYTES);
  private headerFill = 0;
  private body: Buffer | undefined;
  private bodyFill = 0;
  private broken = false;

  constructor(private readonly maxFrameBytes: number) {}

  /** Feeds a chunk; returns the complete frames in it, or the first protocol error. */
  push(chunk: Buffer): FrameEvent[] {
    const events: FrameEvent[] = [];
    let at = 0;
    while (!this.broken && at < chunk.length) {
      if (!this.body) {
        const n = Math.min(FRAME_HEADER_BYTES - this.headerFill, chunk.length - at);
        chunk.copy(this.header, this.headerFill, at, at + n);
        this.headerFill += n;
        at += n;
        if (this.headerFill < FRAME_HEADER_BYTES) break;
        const length = this.header.readUInt32BE(0);
        this.headerFill = 0;
        if (length > this.maxFrameBytes) {
          this.broken = true;
          events.push({ error: `a message of ${length} bytes (the limit is ${this.maxFrameBytes})` });
          break;
        }
        if (length === 0) {
          this.broken = true;
          events.push({ error: 'an empty message' });
          break;
        }
        this.body = Buffer.allocUnsafe(length);
        this.bodyFill = 0;
      }
      const n = Math.min(this.body.length - this.bodyFill, chunk.length - at);
      chunk.copy(this.body, this.bodyFill, at, at + n);
      this.bodyFill += n;
      at += n;
      if (this.bodyFill === this.body.length) {
        events.push({ frame: this.body });
        this.body = undefined;
      }
    }
    return events;
  }

  /** Bytes of a frame begun but not finished (a child that died mid-message). */
  get pendingBytes(): number {
    return this.body ? this.bodyFill : this.headerFill;
  }
}
