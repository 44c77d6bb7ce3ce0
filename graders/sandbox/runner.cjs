'use strict';
// The program the sandbox child runs. It loads the student's bundle and answers call batches on
// fd 3, a plain pipe (length-prefixed V8 serialization, see frames.ts). Student code shares this
// process, so every built-in used after the load is captured here first: the student may replace
// Math, Array.prototype, Object.is, JSON or structuredClone. What the student can still do to the
// channel (write to fd 3 themselves) only spoils their own results: the grader checks every
// message it reads.
//
// The channel is read and written synchronously, and this script never returns to the event
// loop once it serves: a net.Socket on fd 3 cost about 8 ms of CPU per child to load and set up,
// a quarter of a bare Node start. So nothing the student's code leaves behind (a timer, a promise)
// ever runs; their functions must return their results synchronously anyway.
const v8 = require('node:v8');
const fs = require('node:fs');
const serialize = v8.serialize;
const deserialize = v8.deserialize;
const readSync = fs.readSync;
const writeSync = fs.writeSync;
const alloc = Buffer.allocUnsafe;
const concat = Buffer.concat;
const exit = process.exit.bind(process);
const wait = Atomics.wait;
const waitCell = new Int32Array(new SharedArrayBuffer(4));
const CHANNEL = 3;
const clone = globalThis.structuredClone;
const apply = Reflect.apply;
const ownKeys = Object.keys;
const isArray = Array.isArray;
const isView = ArrayBuffer.isView;
const same = Object.is;
const toStr = String;
const define = Reflect.defineProperty;
const create = Object.create;
const setProto = Reflect.setPrototypeOf;
const sliceStr = Function.prototype.call.bind(String.prototype.slice);
const hasOwn = Object.hasOwn;
const getProto = Reflect.getPrototypeOf;
const OBJECT_PROTO = Object.prototype;
const MAX_ENTRIES = 1_000_000;
const MAX_DEPTH = 32;

// Plain assignment could reach a setter the student planted on Array.prototype or Object.prototype.
function put(target, key, value) {
  define(target, key, { value, writable: true, enumerable: true, configurable: true });
}

// An array with no prototype: assigning its elements reaches no setter the student planted, and
// costs far less than defining each (V8 serializes it as any array; the grader gets a plain one).
function bareArray() {
  const out = [];
  setProto(out, null);
  return out;
}

class BadOutput {
  constructor(message) {
    this.message = message;
  }
}

function safeDescribe(err) {
  try {
    if (err !== null && typeof err === 'object') {
      const name = toStr(err.name);
      const message = toStr(err.message);
      return sliceStr(name + ': ' + message, 0, 500);
    }
    return sliceStr('non-Error value thrown: ' + toStr(err), 0, 500);
  } catch {
    return 'an exception that could not be described';
  }
}

// Copies a student value into plain data (numbers, strings, booleans, null, undefined, arrays,
// typed arrays, plain records), running any getters here so that they cannot throw inside
// process.send. Shapes and types are judged in the grader.
function toPlain(value, depth, budget) {
  if (++budget.n > MAX_ENTRIES) throw new BadOutput('the value is too large (over ' + MAX_ENTRIES + ' entries)');
  const t = typeof value;
  if (t === 'number' || t === 'string' || t === 'boolean' || t === 'undefined' || value === null) return value;
  if (t === 'bigint') throw new BadOutput('a BigInt, not a number');
  if (t === 'symbol') throw new BadOutput('a Symbol');
  if (t === 'function') throw new BadOutput('a function, not a value');
  if (depth > MAX_DEPTH) throw new BadOutput('the value is nested too deeply');
  let then;
  try {
    then = value.then;
  } catch (e) {
    throw new BadOutput('reading the value threw ' + safeDescribe(e));
  }
  if (typeof then === 'function') {
    throw new BadOutput('a Promise (or another thenable); the function must return its result synchronously');
  }
  try {
    if (isView(value)) {
      const out = bareArray();
      const n = value.length;
      if (typeof n !== 'number' || n > MAX_ENTRIES) throw new BadOutput('the value is too large');
      for (let i = 0; i < n; i++) out[i] = toPlain(value[i], depth + 1, budget);
      return out;
    }
    if (isArray(value)) {
      const n = value.length;
      if (n > MAX_ENTRIES) throw new BadOutput('the value is too large (over ' + MAX_ENTRIES + ' entries)');
      const out = bareArray();
      for (let i = 0; i < n; i++) {
        const e = value[i];
        // Numbers are nearly all of it: copied here instead of in a call each.
        if (typeof e === 'number') {
          if (++budget.n > MAX_ENTRIES) throw new BadOutput('the value is too large (over ' + MAX_ENTRIES + ' entries)');
          out[i] = e;
        } else out[i] = toPlain(e, depth + 1, budget);
      }
      return out;
    }
    // No prototype either: a "__proto__" key is an ordinary property here.
    const out = create(null);
    const keys = ownKeys(value);
    for (let i = 0; i < keys.length; i++) out[keys[i]] = toPlain(value[keys[i]], depth + 1, budget);
    return out;
  } catch (e) {
    if (e instanceof BadOutput) throw e;
    throw new BadOutput('reading the value threw ' + safeDescribe(e));
  }
}

// Arguments arrive as fresh structured-clone copies, so a plain recursive walk is enough; any
// oddity the student planted in them (a getter, a proxy) counts as a change.
function sameData(a, b, depth) {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return same(a, b);
  if (depth > MAX_DEPTH) return false;
  if (isArray(a) !== isArray(b)) return false;
  const ka = ownKeys(a);
  const kb = ownKeys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i];
    if (k !== kb[i]) return false;
    const x = a[k];
    const y = b[k];
    if (typeof x === 'number' ? !same(x, y) : !sameData(x, y, depth + 1)) return false;
  }
  return true;
}

// The arguments as they were before the call, for sameData: arrays and plain records copied by
// hand into objects without a prototype (about four times cheaper than structuredClone on the
// small nested arrays of homework functions; this copy is never handed to the student's code),
// anything else, and whatever is nested deeper than the limit, by structuredClone. A hole stays
// a hole.
function copyData(value, depth) {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH || isView(value)) return clone(value);
  if (isArray(value)) {
    const n = value.length;
    // A length an earlier call set on a shared array: the serializer walks only what is there.
    if (n > MAX_ENTRIES) return clone(value);
    const out = bareArray();
    for (let i = 0; i < n; i++) if (hasOwn(value, i)) out[i] = copyData(value[i], depth + 1);
    out.length = n;
    return out;
  }
  if (getProto(value) !== OBJECT_PROTO) return clone(value);
  const out = create(null);
  const keys = ownKeys(value);
  for (let i = 0; i < keys.length; i++) out[keys[i]] = copyData(value[keys[i]], depth + 1);
  return out;
}

function callOnce(fn, args) {
  const before = copyData(args, 0);
  let value;
  try {
    value = apply(fn, undefined, args);
  } catch (e) {
    return { ok: false, kind: 'threw', error: safeDescribe(e) };
  }
  let plain;
  try {
    plain = toPlain(value, 0, { n: 0 });
  } catch (e) {
    return { ok: false, kind: 'bad-output', error: e instanceof BadOutput ? e.message : safeDescribe(e) };
  }
  let changed;
  try {
    changed = !sameData(before, args, 0);
  } catch {
    changed = true;
  }
  if (!changed) return { ok: true, value: plain };
  let after;
  try {
    after = toPlain(args, 0, { n: 0 });
  } catch {
    after = ['(the arguments were replaced by values that cannot be read)'];
  }
  return { ok: true, value: plain, argsAfter: after };
}

// fd 3 is blocking as Node's spawn leaves it; were it not, a read or write that would block
// waits a millisecond and tries again.
function retryable(e) {
  const code = e !== null && typeof e === 'object' ? e.code : undefined;
  if (code === 'EAGAIN' || code === 'EWOULDBLOCK') {
    wait(waitCell, 0, 0, 1);
    return true;
  }
  return code === 'EINTR';
}

function writeAll(buf) {
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(CHANNEL, buf, off, buf.length - off);
    } catch (e) {
      // The grader is gone (or closed the channel): nothing is left to answer.
      if (!retryable(e)) exit(0);
    }
  }
}

function send(msg) {
  const body = serialize(msg);
  const header = alloc(4);
  header.writeUInt32BE(body.length, 0);
  writeAll(concat([header, body]));
}

// Exactly `length` bytes into a buffer of their own: V8's deserializer returns typed arrays as
// views of the buffer it was given, so a frame's buffer is never reused.
function readExactly(length) {
  const buf = alloc(length);
  let off = 0;
  while (off < length) {
    let n;
    try {
      n = readSync(CHANNEL, buf, off, length - off, null);
    } catch (e) {
      if (retryable(e)) continue;
      exit(0);
    }
    // The grader is gone (or closed the channel).
    if (n === 0) exit(0);
    off += n;
  }
  return buf;
}

// Frames from the grader (trusted): a 4-byte length, then the payload.
function serve() {
  for (;;) {
    const length = readExactly(4).readUInt32BE(0);
    onMessage(deserialize(readExactly(length)));
  }
}

let mod;

function onMessage(msg) {
  if (msg === null || typeof msg !== 'object' || typeof msg.id !== 'number' || msg.type !== 'call') return;
  const outcomes = bareArray();
  let fn;
  try {
    fn = typeof msg.fn === 'string' && mod != null ? mod[msg.fn] : undefined;
  } catch {
    fn = undefined;
  }
  const lists = isArray(msg.argLists) ? msg.argLists : [];
  for (let i = 0; i < lists.length; i++) {
    if (typeof fn !== 'function') {
      outcomes[i] = { ok: false, kind: 'not-a-function', error: toStr(msg.fn) + ' is exported but is not a function' };
    } else {
      outcomes[i] = callOnce(fn, lists[i]);
    }
  }
  send({ id: msg.id, type: 'result', outcomes });
}

try {
  mod = require(process.argv[2]);
  let names;
  try {
    names = mod !== null && (typeof mod === 'object' || typeof mod === 'function') ? ownKeys(mod) : [];
  } catch {
    names = [];
  }
  const exported = [];
  for (let i = 0; i < names.length; i++) {
    if (typeof names[i] === 'string' && names[i] !== '__esModule') put(exported, exported.length, names[i]);
  }
  send({ type: 'ready', exports: exported });
} catch (e) {
  send({ type: 'load-error', message: safeDescribe(e) });
}
serve();
