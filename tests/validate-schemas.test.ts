import { describe, expect, it } from 'vitest';
import { createAjv, getValidators, readSchema, type SchemaName } from '../graders/pack/schema.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const SCHEMAS: SchemaName[] = ['assignment', 'question'];

/** Every subschema, with a readable path, found by walking the JSON. */
function subschemas(node: Json, at = '#'): { at: string; schema: Record<string, Json> }[] {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((n, i) => subschemas(n, `${at}/${i}`));
  const here = 'type' in node || 'properties' in node || '$ref' in node || 'oneOf' in node ? [{ at, schema: node }] : [];
  return [...here, ...Object.entries(node).flatMap(([k, v]) => (k === 'properties' || k === 'enum' || k === 'const' || k === 'default' ? [] : subschemas(v, `${at}/${k}`))), ...propertySchemas(node, at)];
}

function propertySchemas(node: Record<string, Json>, at: string) {
  const props = node.properties;
  if (!props || typeof props !== 'object' || Array.isArray(props)) return [];
  return Object.entries(props).flatMap(([k, v]) => subschemas(v, `${at}/properties/${k}`));
}

describe.each(SCHEMAS)('the %s schema', (name) => {
  const schema = readSchema(name) as Record<string, Json>;
  const all = subschemas(schema);

  it('should be walked in full by these checks', () => {
    expect(all.length).toBeGreaterThan(name === 'question' ? 100 : 10);
  });

  it('should compile under strict ajv', () => {
    expect(() => createAjv().compile(schema)).not.toThrow();
  });

  it('should declare every required key as a property with a description', () => {
    const problems: string[] = [];
    for (const { at, schema: s } of all) {
      const required = (s.required ?? []) as string[];
      const props = (s.properties ?? {}) as Record<string, Record<string, Json>>;
      for (const key of required) {
        if (!props[key]) problems.push(`${at}: required "${key}" is not a declared property`);
        else if (typeof props[key].description !== 'string' || props[key].description === '') problems.push(`${at}: "${key}" has no description`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('should describe every property and close every object', () => {
    const problems: string[] = [];
    for (const { at, schema: s } of all) {
      for (const [key, p] of Object.entries((s.properties ?? {}) as Record<string, Record<string, Json>>)) {
        if (typeof p.description !== 'string' || p.description === '') problems.push(`${at}/properties/${key}: no description`);
      }
      // Fixed-key objects are closed; maps of user-chosen names constrain their values instead,
      // and a discriminated union closes each of its branches.
      if (s.type === 'object' && s.properties && !s.discriminator && s.additionalProperties !== false) problems.push(`${at}: additionalProperties is not false`);
      if (s.type === 'object' && !s.properties && !s.additionalProperties && !s.oneOf) problems.push(`${at}: an object with no properties and no value schema`);
    }
    expect(problems).toEqual([]);
  });
});

describe('the compiled validators', () => {
  it('should be compiled once and reused', () => {
    expect(getValidators()).toBe(getValidators());
    expect(getValidators().question).toBe(getValidators().question);
  });
});
