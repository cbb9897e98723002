import { expect, test } from '@playwright/test';
import {
  ADT_RECORDING_KIND,
  ADT_RECORDING_VERSION,
  HAR_VERSION,
  type HarEntry,
  type HarFile,
} from '../../../mock/replay/har-format';
import { diffExchanges, exchangeDiffMarkdown, NOT_SENT, titleNormaliser } from '../../../src/compare/exchange-diff';
import { exchangeFacts, jsonShape } from '../../../src/compare/exchange-shape';

interface Sent {
  test: string;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  requestHeaders?: Record<string, string>;
  path?: string;
  requirementIds?: string[];
}

const pairs = (headers: Record<string, string>): { name: string; value: string }[] =>
  Object.entries(headers).map(([name, value]) => ({ name, value }));

function entry(sent: Sent): HarEntry {
  const text = typeof sent.body === 'string' ? sent.body : JSON.stringify(sent.body ?? {});
  return {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 1,
    request: {
      method: 'GET',
      url: `https://adt-instance.invalid${sent.path ?? '/jobs/deletions/x'}`,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(sent.requestHeaders ?? {}),
      queryString: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: sent.status ?? 200,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs({ 'content-type': 'application/json; charset=utf-8', ...sent.headers }),
      content: { size: text.length, mimeType: 'application/json', text },
      redirectURL: '',
      headersSize: -1,
      bodySize: text.length,
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
    _adt: {
      pathAsSent: sent.path ?? '/jobs/deletions/x',
      credential: 'configured',
      phase: 'test',
      tests: [sent.test],
      requirementIds: sent.requirementIds ?? ['DJ-404-02'],
      sequence: 0,
    },
  };
}

function har(...sent: Sent[]): HarFile {
  return {
    log: {
      version: HAR_VERSION,
      creator: { name: 't', version: '1' },
      entries: sent.map(entry),
      _adt: { kind: ADT_RECORDING_KIND, version: ADT_RECORDING_VERSION, run: {} },
    },
  };
}

const notFound = (code: string, headerCode = code): Sent => ({
  test: 'DJ-404-02 x-ms-error-code equals error.code on the 404',
  status: 404,
  body: { error: { code, message: `No job ${Math.random()}` } },
  headers: { 'x-ms-error-code': headerCode, 'x-ms-request-id': String(Math.random()), date: new Date().toUTCString() },
  // One response read by the tests of three requirements (identical GETs are sent once per worker).
  requirementIds: ['DJ-404-01', 'DJ-404-02', 'DJ-TRACE-03'],
});

test('a header that differs is named, with the requirement of the test that sent the request and both values', () => {
  const diff = diffExchanges(
    new Map([
      ['mock', har(notFound('DeleteJobNotFound'))],
      ['quirk', har(notFound('DeleteJobNotFound', 'ResourceNotFound'))],
    ]),
  );
  expect(diff.differences, 'one differing exchange').toHaveLength(1);
  expect(diff.differences[0], 'its field, values and requirement').toMatchObject({
    fields: [{ field: 'header x-ms-error-code', values: { mock: 'DeleteJobNotFound', quirk: 'ResourceNotFound' } }],
    requirementIds: ['DJ-404-02'],
    test: 'DJ-404-02 x-ms-error-code equals error.code on the 404',
    request: 1,
  });
  const markdown = exchangeDiffMarkdown(diff);
  expect(markdown, 'the Markdown names the exchange once, with what each target was sent').toContain(
    '| DJ-404-02 | **DJ-404-02 x-ms-error-code equals error.code on the 404** · request 1 | GET /jobs/deletions/x | GET /jobs/deletions/x |',
  );
  expect(markdown, 'and the field beneath it').toContain(
    '| | ↳ header x-ms-error-code | DeleteJobNotFound | ResourceNotFound |',
  );
});

test('a 200 against a 404 is one differing exchange with its fields beneath, not a row per field', () => {
  const getById = (found: boolean): Sent => ({
    test: 'DJ-200-01 GetById answers 200 [deletejob1 · succeeded]',
    path: '/jobs/deletions/deletejob1',
    status: found ? 200 : 404,
    body: found
      ? { id: 'deletejob1', status: 'succeeded', createdDateTime: '2024-05-20T08:00:00Z' }
      : { error: { code: 'DeleteJobNotFound', message: 'm' } },
    headers: found ? {} : { 'x-ms-error-code': 'DeleteJobNotFound' },
    requirementIds: ['DJ-200-01'],
  });
  const diff = diffExchanges(
    new Map([
      ['mock', har(getById(true))],
      ['staging', har(getById(false))],
    ]),
  );
  expect(diff.differences, 'one exchange, one entry').toHaveLength(1);
  const fields = diff.differences[0]?.fields ?? [];
  expect(fields[0], 'the status first').toEqual({ field: 'status', values: { mock: '200', staging: '404' } });
  expect(
    fields.map((f) => f.field),
    'every field of the root cause beneath it',
  ).toEqual(expect.arrayContaining(['header x-ms-error-code', 'error.code', 'body $.id', 'body $.error']));
  expect(fields.length, 'a handful of fields, all under the one exchange').toBeGreaterThan(5);

  const markdown = exchangeDiffMarkdown(diff);
  const rows = markdown.split('\n').filter((line) => line.startsWith('| '));
  const exchangeRows = rows.filter((line) => line.includes('DJ-200-01 GetById answers 200'));
  expect(exchangeRows, 'the exchange is one row of the Markdown').toHaveLength(1);
  const at = rows.indexOf(exchangeRows[0] ?? '');
  expect(
    rows.slice(at + 1, at + 1 + fields.length).every((line) => line.startsWith('| | ↳ ')),
    'its fields are the rows right beneath it',
  ).toBe(true);
  expect(markdown, 'the summary counts one differing exchange for the requirement').toMatch(
    /^\| DJ-200-01 \| 1 \| status, /m,
  );
});

test('messages, request ids, dates, timestamps and job ids are normalised away: two correct servers do not differ', () => {
  const job = (id: string, created: string): Sent => ({
    test: `DJ-200-02 body validates against DeleteJob [${id} · succeeded]`,
    path: `/jobs/deletions/${id}`,
    body: { id, status: 'succeeded', createdDateTime: created, finishedDateTime: created, purgeDateTime: created },
    headers: { 'mise-correlation-id': id, traceresponse: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` },
    requirementIds: ['DJ-200-02'],
  });
  const diff = diffExchanges(
    new Map([
      ['a', har(notFound('DeleteJobNotFound'), job('deletejob1', '2024-05-20T08:00:00Z'))],
      ['b', har(notFound('DeleteJobNotFound'), job('staging-job-7', '2025-01-01T10:11:12.1234567+00:00'))],
    ]),
  );
  expect(diff.differences, 'no difference').toEqual([]);
  expect(diff.comparedRequests, 'both logical requests were matched despite different ids').toBe(2);
});

test('status, error.code, media type, JSON shape and trace headers each show as their own field beneath the exchange', () => {
  const sent = (status: number, body: unknown, headers: Record<string, string>): Sent => ({
    test: 'DJ-TRACE-04 t',
    status,
    body,
    headers,
    requestHeaders: { traceparent: `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01` },
  });
  const diff = diffExchanges(
    new Map([
      [
        'a',
        har(
          sent(
            404,
            { error: { code: 'DeleteJobNotFound', message: 'm' } },
            { traceresponse: `00-${'1'.repeat(32)}-${'3'.repeat(16)}-01` },
          ),
        ),
      ],
      [
        'b',
        har(
          sent(
            400,
            { error: { code: 'ValidationFailed', message: 'm', details: [] } },
            { 'content-type': 'text/plain', traceresponse: `00-${'9'.repeat(32)}-${'3'.repeat(16)}-01` },
          ),
        ),
      ],
    ]),
  );
  const fields = diff.differences[0]?.fields ?? [];
  expect(fields.map((d) => d.field).sort(), 'every differing aspect named').toEqual(
    ['body $.error.details', 'content-type (media type)', 'error.code', 'status', 'traceresponse trace-id'].sort(),
  );
  expect(fields.find((d) => d.field === 'body $.error.details')?.values, 'a property one side lacks').toEqual({
    a: 'absent',
    b: 'array',
  });
  expect(
    fields.find((d) => d.field === 'traceresponse trace-id')?.values,
    "whether the trace-id is the caller's, not its value",
  ).toEqual({ a: "the request's", b: 'another trace-id' });
});

test('a request one target did not send is listed as not sent', () => {
  const diff = diffExchanges(
    new Map([
      ['a', har(notFound('DeleteJobNotFound'), notFound('DeleteJobNotFound'))],
      ['b', har(notFound('DeleteJobNotFound'))],
    ]),
  );
  expect(diff.differences, 'the second request of the test').toEqual([
    expect.objectContaining({ request: 2, fields: [{ field: 'request', values: { a: 'sent', b: NOT_SENT } }] }),
  ]);
});

test('a target without a recording is reported as not compared, never as equal', () => {
  const diff = diffExchanges(
    new Map<string, HarFile | { missing: string }>([
      ['a', har(notFound('X'))],
      ['b', { missing: 'the run wrote no recording' }],
    ]),
  );
  expect(diff.missing, 'says which and why').toEqual({ b: 'the run wrote no recording' });
  expect(diff.comparedRequests, 'nothing compared with one recording').toBe(0);
  expect(exchangeDiffMarkdown(diff), 'the Markdown says so').toContain('- b: not compared, the run wrote no recording');
});

test("job ids in titles become the job's status and rank, case variants included", () => {
  const normalise = titleNormaliser(['t [zeta · failed]', 't [alpha · failed]', 't [one · succeeded]']);
  expect(normalise('DJ-CASE-01 case variant "ALPHA" answers 404 [alpha · failed]'), 'first failed job by id').toBe(
    'DJ-CASE-01 case variant "<failed#1>" answers 404 [<failed#1>]',
  );
  expect(normalise('t [zeta · failed]'), 'second failed job').toBe('t [<failed#2>]');
  expect(normalise('DJ-APIV-01 no api-version'), 'a title without job is kept').toBe('DJ-APIV-01 no api-version');
});

test('the JSON shape lists property paths with their JSON types, array items merged', () => {
  const shape = jsonShape({ value: [{ id: 'a', error: null }, { id: 'b' }], nextLink: null });
  expect(
    Object.fromEntries([...shape].map(([at, types]) => [at, [...types].sort().join('|')])),
    'paths and types',
  ).toEqual({
    $: 'object',
    '$.value': 'array',
    '$.value[]': 'object',
    '$.value[].id': 'string',
    '$.value[].error': 'null',
    '$.nextLink': 'null',
  });
  const bom = exchangeFacts(entry({ test: 't', body: '\uFEFF{"a":1}' }));
  expect(bom.body, 'a body JSON.parse rejects is "not JSON"').toBe('not JSON');
});
