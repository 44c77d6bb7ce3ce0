import fc from 'fast-check';
import type { ArgGenerator, CodeCheckOptions, DimSpec } from '../../pack/types.ts';
import { realArbitrary } from '../_internals/real-arbitrary.ts';

type Dims = Record<string, number>;

/** Draws the shared sizes first (`H`, `D`, ...), then every argument from them. */
export function argsArbitrary(opts: Pick<CodeCheckOptions, 'params' | 'dims' | 'generators'>): fc.Arbitrary<unknown[]> {
  return dimsArbitrary(opts.dims).chain((dims) =>
    fc.tuple(
      ...opts.params.map((p) => {
        const g = opts.generators[p];
        if (!g) throw new Error(`no generator for parameter "${p}"`);
        return generatorArbitrary(g, dims);
      }),
    ),
  );
}

function dimsArbitrary(specs: Record<string, DimSpec>): fc.Arbitrary<Dims> {
  const drawn: Record<string, fc.Arbitrary<number>> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if ('min' in spec) drawn[name] = fc.integer({ min: spec.min, max: spec.max });
  }
  return fc.record(drawn).map((base) => {
    const dims: Dims = { ...base };
    // Products may refer to other products; resolve until nothing changes.
    for (let pass = 0; pass < Object.keys(specs).length; pass++) {
      for (const [name, spec] of Object.entries(specs)) {
        if ('times' in spec && dims[spec.times[0]] !== undefined) dims[name] = dims[spec.times[0]]! * spec.times[1];
      }
    }
    return dims;
  });
}

function size(ref: string, dims: Dims): number {
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
