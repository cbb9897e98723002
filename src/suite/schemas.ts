import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type * as AjvFormatsModule from 'ajv-formats';
import { PACKAGE_ROOT } from '../package-root';
import { parseRfc3339DateTime, RFC3339_FORMAT_NAME } from './rfc3339';

export const SCHEMA_NAMES = [
  'DeleteJob',
  'DeleteJobStatus',
  'Error',
  'ErrorResponse',
  'InnerError',
  'DeleteJobCollection',
] as const;

export type SchemaName = (typeof SCHEMA_NAMES)[number];

export interface ValidationResult {
  valid: boolean;
  /** One line per failure: JSON pointer of the property, what is wrong, and the value received. */
  errors: string[];
}

export const SCHEMAS_DIR = path.join(PACKAGE_ROOT, 'schemas');

export function schemaFileName(name: SchemaName): string {
  return `${name}.schema.json`;
}

export function isSchemaName(name: string): name is SchemaName {
  return (SCHEMA_NAMES as readonly string[]).includes(name);
}

function loadSchema(name: SchemaName): Record<string, unknown> {
  const file = path.join(SCHEMAS_DIR, schemaFileName(name));
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/**
 * The one Ajv instance, with every schema compiled once per process on first use: Playwright loads the specs in its
 * runner process too, only to list the tests, and compiling there would cost every run half a second for nothing.
 * Even loading Ajv costs about 45 ms, in every runner and worker of the hundred-odd runs `npm test` makes.
 */
function compileValidators(): Map<SchemaName, ValidateFunction> {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, for the reason above */
  const { default: Ajv } = require('ajv') as typeof AjvModule;
  const { default: addFormats } = require('ajv-formats') as typeof AjvFormatsModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true });
  addFormats(ajv);
  ajv.addFormat(RFC3339_FORMAT_NAME, {
    type: 'string',
    validate: (value: string) => parseRfc3339DateTime(value).ok,
  });
  for (const name of SCHEMA_NAMES) ajv.addSchema(loadSchema(name), name);
  return new Map<SchemaName, ValidateFunction>(
    SCHEMA_NAMES.map((name) => {
      const validate = ajv.getSchema(name);
      if (!validate) throw new Error(`Schema ${name} did not compile`);
      return [name, validate];
    }),
  );
}

let compiled: Map<SchemaName, ValidateFunction> | undefined;

function validators(): Map<SchemaName, ValidateFunction> {
  compiled ??= compileValidators();
  return compiled;
}

const MAX_VALUE_CHARS = 120;

function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function describe(error: ErrorObject, data: unknown): string {
  const where = error.instancePath || '(root)';
  const got = show(valueAt(data, error.instancePath));
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return `${error.instancePath}/${missing} is required but missing`;
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ');
      return `${where} must be equal to one of the allowed values (${allowed}), got ${got}`;
    }
    case 'format': {
      const format = (error.params as { format: string }).format;
      const value = valueAt(data, error.instancePath);
      const parsed =
        format === RFC3339_FORMAT_NAME && typeof value === 'string' ? parseRfc3339DateTime(value) : undefined;
      const reason = parsed && !parsed.ok ? ` (${parsed.reason})` : '';
      return `${where} must match format "${format}"${reason}, got ${got}`;
    }
    case 'type': {
      const type = (error.params as { type: string | string[] }).type;
      return `${where} must be ${Array.isArray(type) ? type.join(' or ') : type}, got ${got}`;
    }
    default:
      return `${where} ${error.message ?? `fails ${error.keyword}`}, got ${got}`;
  }
}

/** Validates data against one of the project's schemas (compiled once per process, on first use). */
export function validateAgainst(name: SchemaName, data: unknown): ValidationResult {
  const validate = validators().get(name);
  if (!validate) throw new Error(`Unknown schema ${name}; known: ${SCHEMA_NAMES.join(', ')}`);
  if (validate(data)) return { valid: true, errors: [] };
  const errors = (validate.errors ?? []).map((error) => describe(error, data));
  return { valid: false, errors: [...new Set(errors)] };
}
