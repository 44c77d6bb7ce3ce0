import fc from 'fast-check';
import type { ArgGenerator, CodeCheckOptions, DimSpec } from '../../pack/types.ts';
import { realArbitrary } from '../_internals/real-arbitrary.ts';

type Dims = Record<string, number>;

type ArgsOptions = Pick<CodeCheckOptions, 'params' | 'dims' | 'generators'>;

// fast-check's arbitraries hold no state between draws, so one built for a part serves every
// submission a grader process grades: the same draws from the same seed, without building the
// chain, and the arrays and integers of every drawn size, again for each input of each student.
const BUILT = new WeakMap<ArgsOptions, fc.Arbitrary<unknown[]>>();
// Sizes are drawn from small ranges; the bound only keeps a pathological pack from growing it.
const SIZES_PER_PART = 4096;

/** Draws the shared sizes first (`H`, `D`, ...), then every argument from them. */
export function argsArbitrary(opts: ArgsOptions): fc.Arbitrary<unknown[]> {
  let built = BUILT.get(opts);
  if (!built) {
    built = buildArgsArbitrary(opts);
    BUILT.set(opts, built);
  }
  return built;
}

function buildArgsArbitrary(opts: ArgsOptions): fc.Arbitrary<unknown[]> {
  const bySizes = new Map<string, fc.Arbitrary<unknown[]>>();
  return dimsArbitrary(opts.dims).chain((dims) => {
    const key = JSON.stringify(dims);
    const known = bySizes.get(key);
    if (known) return known;
    const args = fc.tuple(
      ...opts.params.map((p) => {
        const g = opts.generators[p];
        if (!g) throw new Error(`no generator for parameter "${p}"`);
        return generatorArbitrary(g, dims);
      }),
    );
    if (bySizes.size < SIZES_PER_PART) bySizes.set(key, args);
    return args;
  });
}

function dimsArbitrary(specs: Record<string, DimSpec>): fc.Arbitrary<Dims> {
  const drawn: Record<string, fc.Arbitrary<number>> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if ('min' in spec) drawn[name] = fc.integer({ min: spec.min, max: spec.max });
  }
  return fc.record(drawn).map((base) => withProducts(base, specs));
}

/** The drawn sizes with the products (`times`) worked out from them. */
export function withProducts(base: Dims, specs: Record<string, DimSpec>): Dims {
  const dims: Dims = { ...base };
  // Products may refer to other products; resolve until nothing changes.
  const entries = Object.entries(specs);
  for (let pass = 0; pass < entries.length; pass++) {
    for (const [name, spec] of entries) {
      if ('times' in spec && dims[spec.times[0]] !== undefined) dims[name] = dims[spec.times[0]]! * spec.times[1];
    }
  }
  return dims;
}

/** A size written in a generator: a number, or the name of a drawn dimension. */
export function size(ref: string, dims: Dims): number {
  if (/^\d+$/.test(ref)) return Number(ref);
  const v = dims[ref];
  if (v === undefined) throw new Error(`unknown dimension "${ref}"`);
  return v;
}

function generatorArbitrary(g: ArgGenerator, dims: Dims): fc.Arbitrary<unknown> {
  switch (g.type) {
    case 'number':
      return realArbitrary(g.min, g.max);
    case 'integer':
      return fc.integer({ min: g.min, max: g.max });
    case 'vector': {
      const n = size(g.length, dims);
      return fc.array(realArbitrary(g.min, g.max), { minLength: n, maxLength: n });
    }
    case 'matrix': {
      const r = size(g.rows, dims);
      const c = size(g.cols, dims);
      return fc.array(fc.array(realArbitrary(g.min, g.max), { minLength: c, maxLength: c }), { minLength: r, maxLength: r });
    }
    case 'index':
      return fc.integer({ min: 0, max: size(g.dim, dims) - 1 });
    case 'indices': {
      const n = size(g.count, dims);
      return fc.array(fc.integer({ min: 0, max: size(g.dim, dims) - 1 }), { minLength: n, maxLength: n });
    }
    case 'vectors': {
      const n = size(g.count, dims);
      return fc.array(fc.array(realArbitrary(g.min, g.max), { minLength: 1, maxLength: g.maxLength }), { minLength: n, maxLength: n });
    }
    case 'record': {
      const fields: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, f] of Object.entries(g.fields)) fields[k] = generatorArbitrary(f, dims);
      return fc.record(fields);
    }
  }
}
