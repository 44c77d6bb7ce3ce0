import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { SpecError, SpecErrorCode } from './errors.ts';
import type { DocPath, SourceFile } from './source.ts';

// From the source tree the schemas are in specs/schema/; the bundle in dist/ carries a copy beside it.
const BUNDLED_SCHEMAS = new URL('./schema/', import.meta.url);

/** Folder of the JSON Schemas (also referenced by editors from the YAML files). */
export const SCHEMA_DIR = fileURLToPath(existsSync(BUNDLED_SCHEMAS) ? BUNDLED_SCHEMAS : new URL('../../specs/schema/', import.meta.url));

export type SchemaName = 'assignment' | 'question';

// ajv-formats is CommonJS: under NodeNext the plugin is the `default` of the module object.
const addFormats = addFormatsModule.default;

/**
 * The bundled CLI carries validators that ajv compiled at build time (scripts/build.mjs), with the
 * options of `createAjv`; compiling both schemas costs about 0.15 s of every start otherwise.
 */
const PRECOMPILED = new URL('./schema/validators.js', import.meta.url);
let validators: Record<SchemaName, ValidateFunction> | undefined = existsSync(PRECOMPILED)
  ? ((await import(PRECOMPILED.href)) as Record<SchemaName, ValidateFunction>)
  : undefined;

/** A strict ajv instance with the options the specs are validated with. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, discriminator: true });
  addFormats(ajv);
  return ajv;
}

export function readSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(`${SCHEMA_DIR}${name}.schema.json`, 'utf8')) as Record<string, unknown>;
}

/** The compiled validators, built on first use and then reused for the whole process. */
export function getValidators(): Record<SchemaName, ValidateFunction> {
  if (!validators) {
    const ajv = createAjv();
    validators = { assignment: ajv.compile(readSchema('assignment')), question: ajv.compile(readSchema('question')) };
  }
  return validators;
}

/** Validates `data` of `source` against the named schema; every violation, located. */
export function validateAgainstSchema(name: SchemaName, data: unknown, source: SourceFile): SpecError[] {
  const validate = getValidators()[name];
  if (validate(data)) return [];
  const errors = (validate.errors ?? []).map((e) => toSpecError(e, source, data));
  return dedupe(errors);
}

function pathOf(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `parts[3].tolerance`, naming the part by its id when it has one: `parts[3] (q1.2.layer_params).tolerance`. */
function whereIn(path: DocPath, data: unknown): string {
  if (path.length === 0) return 'top level';
  return path
    .map((p, i) => {
      if (typeof p === 'number' || /^\d+$/.test(p)) {
        const id = i === 1 && path[0] === 'parts' ? valueAt(data, [...path.slice(0, 2), 'id']) : undefined;
        return typeof id === 'string' ? `[${p}] (${id})` : `[${p}]`;
      }
      return i === 0 ? p : `.${p}`;
    })
    .join('');
}

function got(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(data: unknown, path: DocPath): unknown {
  let v: unknown = data;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[String(key)];
  }
  return v;
}

function toSpecError(e: ErrorObject, source: SourceFile, data: unknown): SpecError {
  const path = pathOf(e.instancePath);
  const where = (p: DocPath) => whereIn(p, data);
  const at = where(path);
  const p = e.params as Record<string, unknown>;
  const simple = (code: SpecErrorCode, message: string) => source.error(code, path, `${at}: ${message}`);
  switch (e.keyword) {
    case 'required':
      return source.error('SCHEMA_REQUIRED', path, `${at}: missing required property "${String(p.missingProperty)}"; add it`);
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      return source.error('SCHEMA_ADDITIONAL_PROPERTY', [...path, name], `${at}: unknown property "${name}"; remove it or check its spelling`, 'key');
    }
    case 'type':
      return simple('SCHEMA_TYPE', `expected ${String(p.type)}, got ${got(valueAt(data, path))}`);
    case 'enum':
      return simple('SCHEMA_ENUM', `expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${got(valueAt(data, path))}`);
    case 'const':
      return simple('SCHEMA_ENUM', `expected ${JSON.stringify(p.allowedValue)}, got ${got(valueAt(data, path))}`);
    case 'discriminator': {
      const tag = String(p.tag);
      if (p.tagValue === undefined) return source.error('SCHEMA_REQUIRED', path, `${at}: missing required property "${tag}"; add it`);
      if (p.error === 'tag') return source.error('SCHEMA_TYPE', [...path, tag], `${where([...path, tag])}: expected string, got ${got(p.tagValue)}`);
      return source.error('SCHEMA_ENUM', [...path, tag], `${where([...path, tag])}: unknown ${tag} ${JSON.stringify(p.tagValue)}`);
    }
    case 'format':
      return simple('SCHEMA_FORMAT', `expected a ${String(p.format)} (e.g. 2026-12-10T23:59:00Z), got ${got(valueAt(data, path))}`);
    case 'pattern':
      if (p.propertyName !== undefined) break;
      return simple('SCHEMA_PATTERN', `${got(valueAt(data, path))} does not match the pattern ${String(p.pattern)}`);
    case 'propertyNames':
      return source.error('SCHEMA_PATTERN', [...path, String(p.propertyName)], `${at}: invalid name "${String(p.propertyName)}"`, 'key');
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'multipleOf':
      return simple('SCHEMA_RANGE', `must be ${String(p.comparison ?? 'a multiple of')} ${String(p.limit ?? p.multipleOf)}, got ${got(valueAt(data, path))}`);
    case 'minItems':
    case 'maxItems':
    case 'minLength':
    case 'maxLength':
    case 'minProperties':
    case 'maxProperties':
    case 'additionalItems':
      return simple('SCHEMA_SIZE', e.message ?? 'wrong size');
    case 'uniqueItems': {
      const dup = Math.max(Number(p.i), Number(p.j));
      return source.error('SCHEMA_UNIQUE', [...path, dup], `${where([...path, dup])}: duplicate of item ${Math.min(Number(p.i), Number(p.j))}; list each entry once`);
    }
    default:
      break;
  }
  if (e.keyword === 'pattern' && p.propertyName !== undefined) {
    return source.error('SCHEMA_PATTERN', [...path, String(p.propertyName)], `${at}: invalid name "${String(p.propertyName)}" (must match ${String(p.pattern)})`, 'key');
  }
  return simple('SCHEMA_INVALID', e.message ?? 'invalid');
}

/**
 * ajv can say one thing twice (an enum and the discriminator for the same `kind`; a pattern and
 * propertyNames for the same key): one error per code and position is enough, except for
 * missing properties, which all point at their parent.
 */
function dedupe(errors: SpecError[]): SpecError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.code}:${e.line}:${e.col}${e.code === 'SCHEMA_REQUIRED' ? e.message : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
