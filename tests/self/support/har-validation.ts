import Ajv, { type ErrorObject, type SchemaObject } from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';

/**
 * Validates a HAR against the HAR 1.2 JSON Schemas of the npm package `har-schema` (the maintained set that
 * har-validator uses), not against a check of our own. Its schemas use a few keywords outside JSON Schema
 * (`optional`, `min`), hence strict mode off.
 */
export function harSchemaProblems(har: unknown): string[] {
  let schemas: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional dev dependency, loaded only here
    schemas = require('har-schema') as Record<string, unknown>;
  } catch {
    throw new Error(
      'The npm package har-schema is not installed, so the recording cannot be validated as HAR 1.2. Fix: npm install --save-dev har-schema',
    );
  }
  const ajv = new Ajv({ allErrors: true, strict: false });
  // har-schema 2 declares JSON Schema draft-06, which Ajv 8 reads once given its meta-schema.
  ajv.addMetaSchema(draft06);
  addFormats(ajv);
  // The package also exports its index module; only the JSON Schemas carry an $id.
  for (const schema of Object.values(schemas))
    if (typeof schema === 'object' && schema !== null && '$id' in schema) ajv.addSchema(schema as SchemaObject);
  const validate = ajv.getSchema('har.json#') ?? ajv.getSchema('har.json');
  if (!validate) throw new Error('har-schema holds no har.json schema: the package changed its layout.');
  return validate(har)
    ? []
    : (validate.errors ?? []).map((error: ErrorObject) => `${error.instancePath} ${error.message ?? ''}`);
}
