import fc from 'fast-check';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xorshift128plus } from 'pure-rand/generator/xorshift128plus';
import type { ArgGenerator, CodeCheckOptions, DimSpec } from '../../pack/types.ts';
// size() throws on an unknown dimension; paramDrawers then leaves the part to fc.sample.
import { argsArbitrary, size, withProducts } from './arbitraries.ts';
import { realGrid } from '../_internals/real-arbitrary.ts';

type Dims = Record<string, number>;
type ArgsOptions = Pick<CodeCheckOptions, 'params' | 'dims' | 'generators'>;
type Rng = ReturnType<typeof xorshift128plus>;
/** Draws one value; `bias` is fast-check's bias factor, undefined where fast-check draws unbiased. */
type Draw = (rng: Rng, bias: number | undefined) => unknown;

/**
 * The hidden inputs `fc.sample(argsArbitrary(opts), { seed, numRuns: count })` returns, value for
 * value and bit for bit, drawn from the same random stream without fast-check's Value trees: a
 * grader draws every part's inputs for every student, and those trees (their contexts, kept for
 * shrinking that a sample never does) were most of the drawing's CPU and allocation.
 *
 * Each draw below consumes the stream exactly as the fast-check 4 arbitrary argsArbitrary builds
 * (integer, array, tuple, record, map, chain, constant), in the same order. Whatever this module
 * does not replicate (fc.double, which realArbitrary falls back to on extreme ranges; specs
 * fast-check rejects or mishandles; global fast-check settings) is left to fc.sample itself, so
 * its errors and values stay fast-check's. tests/draw-args.test.ts holds the two to equality.
 */
export function drawArgs(opts: ArgsOptions, seed: number, count: number): unknown[][] {
  const drawer = drawsHere(count) ? drawerOf(opts) : null;
  const drawn = drawer ? sampleDraws(drawer, seed, count) : null;
  return drawn ?? fc.sample(argsArbitrary(opts), { seed, numRuns: count });
}

/**
 * `fc.sample(fc.array(fc.integer({ min, max }), { minLength, maxLength }), { seed, numRuns: count })`,
 * drawn the same way: the weights checker's random input sequences.
 */
export function drawIntegerLists(list: { min: number; max: number; minLength: number; maxLength: number }, seed: number, count: number): number[][] {
  const sample = () => fc.sample(fc.array(fc.integer({ min: list.min, max: list.max }), { minLength: list.minLength, maxLength: list.maxLength }), { seed, numRuns: count });
  if (!drawsHere(count)) return sample();
  let draw: Draw;
  try {
    draw = arrayDrawer(integerDrawer(list.min, list.max), list.minLength, list.maxLength);
  } catch {
    return sample();
  }
  return (sampleDraws(draw, seed, count) as number[][] | null) ?? sample();
}

/** fc.sample's runs: the seed's generator jumps before each, and the run draws from a copy of it. */
function sampleDraws<T>(draw: (rng: Rng, bias: number) => T | typeof UNSUPPORTED, seed: number, count: number): T[] | null {
  const out: T[] = [];
  const base = xorshift128plus(qualifiedSeed(seed));
  for (let run = 0; run < count; run++) {
    base.jump();
    const value = draw(base.clone(), runIdToFrequency(run));
    if (value === UNSUPPORTED) return null;
    out.push(value);
  }
  return out;
}

/** True when drawArgs draws these options' inputs itself, without handing them to fc.sample. */
export function drawsWithoutFastCheck(opts: ArgsOptions, seed: number, count: number): boolean {
  const drawer = settingsAreDefault() ? drawerOf(opts) : null;
  return drawer !== null && sampleDraws(drawer, seed, count) !== null;
}

/** fast-check's own seed reading (QualifiedParameters.readSeed), for seeds that are not int32. */
function qualifiedSeed(seed: number): number {
  const seed32 = seed | 0;
  if (seed === seed32) return seed32;
  return seed32 ^ ((seed - seed32) * 0x100000000);
}

/** fast-check's bias factor of run `runId` (IRawProperty.runIdToFrequency). */
function runIdToFrequency(runId: number): number {
  return 2 + ~~(Math.log(runId + 1) * 0.4342944819032518);
}

// Settings that change what fc.sample draws (the random generator, default sizes, replay paths,
// examples, unbiased runs); the seed and run count are always passed explicitly.
const DRAW_SETTINGS = ['randomType', 'baseSize', 'defaultSizeToMaxWhenMaxSpecified', 'path', 'examples', 'unbiased', 'numRuns'] as const;
function settingsAreDefault(): boolean {
  const global = fc.readConfigureGlobal() as Record<string, unknown> | undefined;
  return !global || DRAW_SETTINGS.every((k) => global[k] === undefined);
}

/** Whether a sample of `count` runs is drawn here: fast-check reads odd counts its own way. */
function drawsHere(count: number): boolean {
  return Number.isSafeInteger(count) && count > 0 && settingsAreDefault();
}

/** Marks a draw this module does not replicate; the whole sample is then fast-check's. */
const UNSUPPORTED: unique symbol = Symbol('unsupported');
class Unsupported extends Error {}

type PartDrawer = (rng: Rng, bias: number) => unknown[] | typeof UNSUPPORTED;
const DRAWERS = new WeakMap<ArgsOptions, PartDrawer | null>();
// As in argsArbitrary: sizes come from small ranges; the bound only stops a pathological pack.
const SIZES_PER_PART = 4096;

function drawerOf(opts: ArgsOptions): PartDrawer | null {
  let drawer = DRAWERS.get(opts);
  if (drawer === undefined) {
    drawer = buildDrawer(opts);
    DRAWERS.set(opts, drawer);
  }
  return drawer;
}

function buildDrawer(opts: ArgsOptions): PartDrawer | null {
  const drawDims = dimsDrawer(opts.dims);
  if (!drawDims) return null;
  const bySizes = new Map<string, Draw[] | null>();
  return (rng, bias) => {
    // argsArbitrary's chain: the sizes first, then one tuple of every parameter from them.
    const dims = drawDims(rng, bias);
    const key = JSON.stringify(dims);
    let draws = bySizes.get(key);
    if (draws === undefined) {
      draws = paramDrawers(opts, dims);
      if (bySizes.size < SIZES_PER_PART) bySizes.set(key, draws);
    }
    if (!draws) return UNSUPPORTED;
    const args: unknown[] = [];
    for (const d of draws) args.push(d(rng, bias));
    return args;
  };
}

function paramDrawers(opts: ArgsOptions, dims: Dims): Draw[] | null {
  try {
    return opts.params.map((p) => {
      const g = opts.generators[p];
      if (!g) throw new Unsupported();
      return generatorDrawer(g, dims);
    });
  } catch {
    // Every failure to build (an unknown dimension, bad bounds, a spec the types do not allow)
    // is left to fc.sample, which then reports it (or draws it) as it always has.
    return null;
  }
}

/** fc.record of the drawn sizes (a tuple of them and a noBias boolean, mapped), then products. */
function dimsDrawer(specs: Record<string, DimSpec>): ((rng: Rng, bias: number) => Dims) | null {
  const drawn: Record<string, Draw> = {};
  try {
    for (const [name, spec] of Object.entries(specs)) {
      if ('min' in spec) drawn[name] = integerDrawer(spec.min, spec.max);
    }
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
  const toRecord = recordDrawer(drawn);
  return (rng, bias) => withProducts(toRecord(rng, bias) as Dims, specs);
}

function generatorDrawer(g: ArgGenerator, dims: Dims): Draw {
  switch (g.type) {
    case 'number':
      return realDrawer(g.min, g.max);
    case 'integer':
      return integerDrawer(g.min, g.max);
    case 'vector':
      return fixedArrayDrawer(realDrawer(g.min, g.max), size(g.length, dims));
    case 'matrix':
      return fixedArrayDrawer(fixedArrayDrawer(realDrawer(g.min, g.max), size(g.cols, dims)), size(g.rows, dims));
    case 'index':
      return integerDrawer(0, size(g.dim, dims) - 1);
    case 'indices':
      return fixedArrayDrawer(integerDrawer(0, size(g.dim, dims) - 1), size(g.count, dims));
    case 'vectors':
      return fixedArrayDrawer(arrayDrawer(realDrawer(g.min, g.max), 1, g.maxLength), size(g.count, dims));
    case 'record': {
      // Built as argsArbitrary builds its model, so the keys come in the same order.
      const fields: Record<string, Draw> = {};
      for (const [k, f] of Object.entries(g.fields)) fields[k] = generatorDrawer(f, dims);
      return recordDrawer(fields);
    }
    default:
      throw new Unsupported();
  }
}

/** realArbitrary: a constant, or grid integers divided by the scale; its fc.double is not replicated. */
function realDrawer(min: number, max: number): Draw {
  const grid = realGrid(min, max);
  if (grid === 'constant') return () => min;
  if (grid === 'double') throw new Unsupported();
  const { lo, hi, scale } = grid;
  const int = integerDrawer(lo, hi);
  return (rng, bias) => (int(rng, bias) as number) / scale;
}

/** fast-check's IntegerArbitrary.generate, with its bias towards zero and the bounds. */
function integerDrawer(min: number, max: number): Draw {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) throw new Unsupported();
  const any = uniform(min, max);
  const ranges = biasNumericRange(min, max).map((r) => uniform(r.min, r.max));
  if (ranges.length === 1) {
    const near = ranges[0]!;
    return (rng, bias) => (bias === undefined || !biased(rng, bias) ? any(rng) : near(rng));
  }
  const pick = uniform(-2 * (ranges.length - 1), ranges.length - 2);
  return (rng, bias) => {
    if (bias === undefined || !biased(rng, bias)) return any(rng);
    const id = pick(rng);
    return (id < 0 ? ranges[0]! : ranges[id + 1]!)(rng);
  };
}

/** fast-check's bias coin, `mrng.nextInt(1, bias) === 1`. */
function biased(rng: Rng, bias: number): boolean {
  return uniformInt(rng, 1, bias) === 1;
}

/**
 * pure-rand's uniformInt(rng, min, max), with the bound of its rejection sampling worked out once
 * per range rather than on every draw; ranges over 2^32 values go to uniformInt itself.
 */
function uniform(min: number, max: number): (rng: Rng) => number {
  if (max - min > 0xffffffff) return (rng) => uniformInt(rng, min, max);
  const values = max - min + 1;
  const allowed = values > 2 ? ~~(0x100000000 / values) * values : 0x100000000;
  return (rng) => {
    let v = rng.next() + 0x80000000;
    while (v >= allowed) v = rng.next() + 0x80000000;
    return (v % values) + min;
  };
}

function integerLogLike(v: number): number {
  return Math.floor(Math.log(v) / Math.log(2));
}

/** fast-check's biasNumericRange for integers. */
function biasNumericRange(min: number, max: number): { min: number; max: number }[] {
  if (min === max) return [{ min, max }];
  if (min < 0 && max > 0) {
    const logMin = integerLogLike(-min);
    const logMax = integerLogLike(max);
    return [
      { min: -logMin, max: logMax },
      { min: max - logMax, max },
      { min, max: min + logMin },
    ];
  }
  const logGap = integerLogLike(max - min);
  const closeToMin = { min, max: min + logGap };
  const closeToMax = { min: max - logGap, max };
  return min < 0 ? [closeToMax, closeToMin] : [closeToMin, closeToMax];
}

/** fc.array with minLength = maxLength = n: the length is still drawn, the items get the bias. */
function fixedArrayDrawer(item: Draw, n: number): Draw {
  // Other lengths fast-check rejects or loops on; they stay its to handle.
  if (!Number.isSafeInteger(n) || n < 0) throw new Unsupported();
  return (rng, bias) => {
    uniformInt(rng, n, n);
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(item(rng, bias));
    return out;
  };
}

// fast-check's default size ('small'): arrays are at most 2 * minLength + 10 long unless maxLength is less.
const SMALL_EXTRA = 10;

/** fc.array with lengths in [minLength, maxLength] (ArrayArbitrary.generate without custom slices). */
function arrayDrawer(item: Draw, minLength: number, maxLength: number): Draw {
  if (!Number.isSafeInteger(maxLength) || !Number.isSafeInteger(minLength) || minLength < 0) throw new Unsupported();
  const maxGenerated = Math.min(2 * minLength + SMALL_EXTRA, maxLength);
  if (maxGenerated < minLength) throw new Unsupported();
  if (minLength === maxGenerated) return fixedArrayDrawer(item, minLength);
  const biasedMax = minLength + Math.floor(Math.log(maxGenerated - minLength) / Math.log(2));
  return (rng, bias) => {
    let n: number;
    let itemBias: number | undefined;
    if (bias === undefined) n = uniformInt(rng, minLength, maxGenerated);
    else if (uniformInt(rng, 1, bias) !== 1) n = uniformInt(rng, minLength, maxGenerated);
    else if (uniformInt(rng, 1, bias) !== 1) {
      n = uniformInt(rng, minLength, maxGenerated);
      itemBias = bias;
    } else {
      n = uniformInt(rng, minLength, biasedMax);
      itemBias = bias;
    }
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(item(rng, itemBias));
    return out;
  };
}

/**
 * fc.record without constraints: the fields in key order, then an unbiased boolean that, when
 * true, gives the record a null prototype (fast-check's own way of varying objects).
 */
function recordDrawer(model: Record<string, Draw>): Draw {
  const keys = Object.keys(model);
  if (Object.getOwnPropertySymbols(model).length) throw new Unsupported();
  const draws = keys.map((k) => model[k]!);
  return (rng, bias) => {
    const values: unknown[] = [];
    for (const d of draws) values.push(d(rng, bias));
    const obj: Record<string, unknown> = uniformInt(rng, 0, 1) === 1 ? Object.create(null) : {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key === '__proto__') Object.defineProperty(obj, key, { value: values[i], configurable: true, enumerable: true, writable: true });
      else obj[key] = values[i];
    }
    return obj;
  };
}
