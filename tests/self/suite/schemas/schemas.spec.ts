import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from '@playwright/test';
import { expect } from '../../../../src/suite/expect';
import { readSnapshot } from '../../../../scripts/spec-snapshot';
import {
  SCHEMA_NAMES,
  SCHEMAS_DIR,
  type SchemaName,
  schemaFileName,
  validateAgainst,
} from '../../../../src/suite/schemas';

interface ExampleFile {
  responses: Record<string, { body?: unknown }>;
}

/** The official examples, as the shipped snapshot of the spec carries them (keyed by operationId). */
function exampleBody(operationId: string, status: string): unknown {
  const examples = readSnapshot()['x-examples'] as Record<string, ExampleFile | undefined>;
  const body = examples[operationId]?.responses[status]?.body;
  if (body === undefined) throw new Error(`the snapshot has no ${status} example body for ${operationId}`);
  return body;
}

const succeededJob = {
  id: 'deletejob1',
  status: 'succeeded',
  createdDateTime: '2022-01-01T00:00:00.0000000+00:00',
  finishedDateTime: '2022-01-01T00:01:00.0000000+00:00',
  purgeDateTime: '2022-01-31T00:01:00.0000000+00:00',
};

test.describe('schema files', () => {
  test('every file in schemas/ is a known schema and every known schema has a file', () => {
    const files = readdirSync(SCHEMAS_DIR)
      .filter((file) => file.endsWith('.json'))
      .sort();
    expect(files, 'schemas/ holds exactly one file per schema name').toEqual(SCHEMA_NAMES.map(schemaFileName).sort());
  });

  for (const name of SCHEMA_NAMES) {
    test(`${name} declares draft-07, its own $id and allows unknown properties`, () => {
      const schema = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, schemaFileName(name)), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(schema.$schema, 'all schemas use draft-07').toBe('http://json-schema.org/draft-07/schema#');
      expect(String(schema.$id), '$id ends with the file name').toMatch(new RegExp(`/${schemaFileName(name)}$`));
      expect(schema.additionalProperties, 'extra properties from a correct server must not fail').toBeUndefined();
    });
  }
});

test.describe('official examples validate', () => {
  test('the GetById example body is a DeleteJob', () => {
    expect(exampleBody('DeleteJobs_GetById', '200'), 'the official GetById example 200 body').toMatchSchema(
      'DeleteJob',
    );
  });

  test('the List example body is a DeleteJobCollection and each item a DeleteJob', () => {
    const body = exampleBody('DeleteJobs_List', '200') as { value: unknown[] };
    expect(body, 'the official List example 200 body').toMatchSchema('DeleteJobCollection');
    expect(body.value.length, 'the example lists two jobs').toBe(2);
    for (const [index, item] of body.value.entries()) {
      expect(item, `the official List example value[${index}]`).toMatchSchema('DeleteJob');
    }
  });

  test('the Add example body is a DeleteJob', () => {
    expect(exampleBody('DeleteJobs_Add', '202'), 'the official Add example 202 body').toMatchSchema('DeleteJob');
  });
});

interface Case {
  name: string;
  schema: SchemaName;
  data: unknown;
}

const VALID: Case[] = [
  {
    name: 'a running job without finishedDateTime or error',
    schema: 'DeleteJob',
    data: {
      id: 'j',
      status: 'running',
      createdDateTime: '2023-05-31T22:17:55.175361Z',
      purgeDateTime: '2023-06-30T22:17:55.175361Z',
    },
  },
  {
    name: 'a failed job with an error',
    schema: 'DeleteJob',
    data: { ...succeededJob, status: 'failed', error: { code: 'JobTimedOut', message: 'timed out' } },
  },
  {
    name: 'a job with unknown extra properties',
    schema: 'DeleteJob',
    data: { ...succeededJob, progress: 100, 'x-vendor': { a: 1 } },
  },
  { name: 'an empty object (the spec requires nothing; DJ-200-03 checks presence)', schema: 'DeleteJob', data: {} },
  {
    name: 'timestamps with Z, trimmed fraction and no fraction',
    schema: 'DeleteJob',
    data: {
      ...succeededJob,
      createdDateTime: '2023-05-31T22:17:55Z',
      finishedDateTime: '2023-05-31T22:17:55.1Z',
      purgeDateTime: '2023-06-30T22:17:55.123456789-07:00',
    },
  },
  {
    name: 'an error response with details, innererror and extra fields',
    schema: 'ErrorResponse',
    data: {
      error: {
        code: 'DeleteJobNotFound',
        message: 'm',
        details: [{ code: 'A', message: 'a', details: [], extra: true }],
        innererror: { code: 'B', innererror: { code: 'C', more: 1 } },
        target: 'id',
      },
      requestId: 'r',
    },
  },
  { name: 'an error without code or message (the spec requires neither)', schema: 'Error', data: {} },
  { name: 'a nested InnerError', schema: 'InnerError', data: { code: 'A', innererror: { innererror: {} } } },
  {
    name: 'a collection with nextLink null (last page, as the live service sends)',
    schema: 'DeleteJobCollection',
    data: { value: [succeededJob], nextLink: null },
  },
  { name: 'a collection without nextLink', schema: 'DeleteJobCollection', data: { value: [] } },
  {
    name: 'a collection with extra properties',
    schema: 'DeleteJobCollection',
    data: { value: [], nextLink: 'https://x/jobs/deletions?continuationToken=1', count: 0 },
  },
];

const INVALID: (Case & { expected: string })[] = [
  {
    name: 'a capitalised status',
    schema: 'DeleteJob',
    data: { ...succeededJob, status: 'Succeeded' },
    expected:
      '/status must be equal to one of the allowed values (notstarted, running, failed, succeeded), got "Succeeded"',
  },
  {
    name: 'an unknown status value',
    schema: 'DeleteJobStatus',
    data: 'cancelled',
    expected: '(root) must be equal to one of the allowed values',
  },
  { name: 'an array body', schema: 'DeleteJob', data: [succeededJob], expected: '(root) must be object' },
  {
    name: 'a numeric id',
    schema: 'DeleteJob',
    data: { ...succeededJob, id: 1 },
    expected: '/id must be string, got 1',
  },
  {
    name: 'a null status',
    schema: 'DeleteJob',
    data: { ...succeededJob, status: null },
    expected: '/status must be string, got null',
  },
  {
    name: 'a space separator in a timestamp',
    schema: 'DeleteJob',
    data: { ...succeededJob, createdDateTime: '2022-01-01 00:00:00Z' },
    expected:
      '/createdDateTime must match format "rfc3339-date-time" (the date and time must be separated by an upper-case "T")',
  },
  {
    name: 'an offset without a colon',
    schema: 'DeleteJob',
    data: { ...succeededJob, purgeDateTime: '2022-01-31T00:01:00+0000' },
    expected: '/purgeDateTime must match format "rfc3339-date-time"',
  },
  {
    name: 'a timestamp without offset',
    schema: 'DeleteJob',
    data: { ...succeededJob, finishedDateTime: '2022-01-01T00:01:00' },
    expected: '/finishedDateTime must match format "rfc3339-date-time" (an offset (Z or ±hh:mm) is required)',
  },
  {
    name: '30 February',
    schema: 'DeleteJob',
    data: { ...succeededJob, createdDateTime: '2022-02-30T00:00:00Z' },
    expected: 'day 30 does not exist in 2022-02',
  },
  {
    name: 'an epoch number as timestamp',
    schema: 'DeleteJob',
    data: { ...succeededJob, createdDateTime: 1_640_995_200 },
    expected: '/createdDateTime must be string',
  },
  {
    name: 'a job error that is a string',
    schema: 'DeleteJob',
    data: { ...succeededJob, status: 'failed', error: 'boom' },
    expected: '/error must be object, got "boom"',
  },
  {
    name: 'an error response without error',
    schema: 'ErrorResponse',
    data: { code: 'DeleteJobNotFound', message: 'm' },
    expected: '/error is required but missing',
  },
  {
    name: 'an error response that is an array',
    schema: 'ErrorResponse',
    data: [],
    expected: '(root) must be object, got []',
  },
  {
    name: 'an error response with a numeric code',
    schema: 'ErrorResponse',
    data: { error: { code: 404 } },
    expected: '/error/code must be string, got 404',
  },
  {
    name: 'details that are not an array',
    schema: 'ErrorResponse',
    data: { error: { code: 'A', details: { code: 'B' } } },
    expected: '/error/details must be array',
  },
  {
    name: 'a bad nested detail',
    schema: 'Error',
    data: { details: [{ message: 7 }] },
    expected: '/details/0/message must be string, got 7',
  },
  {
    name: 'a bad nested innererror',
    schema: 'Error',
    data: { innererror: { innererror: { code: false } } },
    expected: '/innererror/innererror/code must be string, got false',
  },
  {
    name: 'a collection without value',
    schema: 'DeleteJobCollection',
    data: { nextLink: null },
    expected: '/value is required but missing',
  },
  {
    name: 'a collection whose item is invalid',
    schema: 'DeleteJobCollection',
    data: { value: [{ status: 'done' }] },
    expected: '/value/0/status must be equal to one of the allowed values',
  },
  {
    name: 'a numeric nextLink',
    schema: 'DeleteJobCollection',
    data: { value: [], nextLink: 2 },
    expected: '/nextLink must be string or null, got 2',
  },
];

test.describe('valid bodies', () => {
  for (const { name, schema, data } of VALID) {
    test(`${schema}: ${name}`, () => {
      expect(data, `${name} is a valid ${schema}`).toMatchSchema(schema);
    });
  }

  for (const status of ['notstarted', 'running', 'failed', 'succeeded']) {
    test(`DeleteJobStatus: ${status}`, () => {
      expect(status, `${status} is a status`).toMatchSchema('DeleteJobStatus');
    });
  }
});

test.describe('invalid bodies', () => {
  for (const { name, schema, data, expected } of INVALID) {
    test(`${schema}: ${name}`, () => {
      const result = validateAgainst(schema, data);
      expect(result.valid, `${name} must not validate as ${schema}`).toBe(false);
      expect(result.errors.join('\n'), 'the error names the property and the reason').toContain(expected);
    });
  }

  test('every failing property is reported, not just the first', () => {
    const result = validateAgainst('DeleteJob', { id: 3, status: 'Done', purgeDateTime: 'tomorrow' });
    expect(result.errors, 'three separate failures').toHaveLength(3);
  });
});
