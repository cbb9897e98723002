import { API, call, expect, test } from './fixtures';

const SEEDED = [
  ['deletejob1', 'succeeded'],
  ['timed-out-job', 'failed'],
  ['running-job', 'running'],
  ['notstarted-job', 'notstarted'],
  ['casejob', 'succeeded'],
  ['CaseJob', 'failed'],
] as const;

test.describe('GetById against the default scenario', () => {
  for (const [id, status] of SEEDED) {
    test(`serves seeded job ${id} as ${status}`, async ({ mock }) => {
      const reply = await call(mock.url, `/jobs/deletions/${id}?${API}`);
      expect(reply.status, 'a seeded job is found').toBe(200);
      expect(reply.headers['content-type'], 'JSON with charset, as the live service').toBe(
        'application/json; charset=utf-8',
      );
      const job = reply.json() as Record<string, unknown>;
      expect(job.id, 'the id is the one requested').toBe(id);
      expect(job.status, 'the seeded status').toBe(status);
      const finished = status === 'succeeded' || status === 'failed';
      expect('finishedDateTime' in job, 'finishedDateTime only once the job is done').toBe(finished);
      expect('error' in job, 'error only on a failed job').toBe(status === 'failed');
    });
  }

  test('answers byte-identical bodies on repeated requests (frozen clock)', async ({ mock }) => {
    const first = await call(mock.url, `/jobs/deletions/running-job?${API}`);
    const second = await call(mock.url, `/jobs/deletions/running-job?${API}`);
    expect(second.text, 'a frozen clock makes replies reproducible').toBe(first.text);
  });

  test("keeps the official examples' timestamp style for seeded jobs", async ({ mock }) => {
    const job = (await call(mock.url, `/jobs/deletions/deletejob1?${API}`)).json() as Record<string, string>;
    expect(job.createdDateTime, '7 fractional digits and +00:00, verbatim from the seed').toBe(
      '2024-05-20T08:00:00.0000000+00:00',
    );
    expect(job.purgeDateTime, 'purge 30 days after finish').toBe('2024-06-19T08:01:00.0000000+00:00');
  });

  test('treats ids that differ only in case as different jobs', async ({ mock }) => {
    const lower = (await call(mock.url, `/jobs/deletions/casejob?${API}`)).json() as { id: string };
    const upper = (await call(mock.url, `/jobs/deletions/CaseJob?${API}`)).json() as { id: string };
    expect([lower.id, upper.id], 'each id returns its own job').toEqual(['casejob', 'CaseJob']);
    const variant = await call(mock.url, `/jobs/deletions/CASEJOB?${API}`);
    expect(variant.status, 'a case variant that is not seeded is unknown').toBe(404);
    expect(variant.headers['x-ms-error-code'], 'the documented not-found code').toBe('DeleteJobNotFound');
  });

  test('answers an unknown id with 404 DeleteJobNotFound in header and body', async ({ mock }) => {
    const reply = await call(mock.url, `/jobs/deletions/no-such-job?${API}`);
    expect(reply.status, 'unknown id').toBe(404);
    expect(reply.json(), 'an ErrorResponse with the catalogue code').toEqual({
      error: { code: 'DeleteJobNotFound', message: expect.any(String) as unknown },
    });
    expect(reply.headers['x-ms-error-code'], 'header equals body code').toBe('DeleteJobNotFound');
    expect(reply.headers['content-type'], 'errors are JSON too').toBe('application/json; charset=utf-8');
  });

  test('decodes percent-encoding before the byte-for-byte lookup', async ({ mock }) => {
    const reply = await call(mock.url, `/jobs/deletions/%63asejob?${API}`);
    expect(reply.status, '%63 is "c", so this is casejob').toBe(200);
    expect((reply.json() as { id: string }).id, 'the decoded id').toBe('casejob');
  });

  const oddIds = [
    ['encoded slash', 'a%2Fb'],
    ['encoded question mark', 'a%3Fb'],
    ['encoded hash', 'a%23b'],
    ['encoded percent', '100%25'],
    ['unicode', encodeURIComponent('jöb-✓-𝄞')],
    ['300 characters', 'x'.repeat(300)],
    ['dots', '..'],
    ['single dot', '.'],
    ['space', 'a%20b'],
    ['empty', ''],
    ['encoded empty-looking', '%20'],
  ] as const;
  for (const [label, raw] of oddIds) {
    test(`answers the odd id "${label}" with 404 DeleteJobNotFound`, async ({ mock }) => {
      const reply = await call(mock.url, `/jobs/deletions/${raw}?${API}`);
      expect(reply.status, 'an odd id is simply unknown').toBe(404);
      expect(reply.headers['x-ms-error-code'], 'never a mock route error for a well-formed id').toBe(
        'DeleteJobNotFound',
      );
    });
  }

  for (const raw of ['%zz', '%E0%A4', '%', 'a%2']) {
    test(`answers malformed percent-encoding "${raw}" with a 400 from the catalogue`, async ({ mock }) => {
      const reply = await call(mock.url, `/jobs/deletions/${raw}?${API}`);
      expect(reply.status, 'a client error, never a 5xx').toBe(400);
      expect(reply.headers['x-ms-error-code'], 'mock-specific code').toBe('MockMalformedPercentEncoding');
    });
  }
});

test.describe('validation order: auth, then api-version, then routing', () => {
  test('answers a missing token with the live 401 shape before anything else', async ({ mock }) => {
    const reply = await call(mock.url, '/nowhere', { auth: false });
    expect(reply.status, 'auth comes first').toBe(401);
    expect(reply.json(), 'the live 401 body').toEqual({ statusCode: 401, message: 'Unauthorized' });
    expect(reply.headers['x-ms-error-code'], '401 carries no error code header, like the live service').toBeUndefined();
  });

  for (const [label, value] of [
    ['wrong token', 'Bearer nope'],
    ['no scheme', 'adt-mock-token'],
    ['basic scheme', 'Basic adt-mock-token'],
    ['empty bearer', 'Bearer '],
  ] as const) {
    test(`rejects ${label} with 401`, async ({ mock }) => {
      const reply = await call(mock.url, `/jobs/deletions/deletejob1?${API}`, {
        auth: false,
        headers: { authorization: value },
      });
      expect(reply.status, 'an invalid credential').toBe(401);
    });
  }

  test('accepts the bearer scheme in any case and a token set by option', async ({ startMock }) => {
    const mock = await startMock({ token: 's3cret' });
    const reply = await call(mock.url, `/jobs/deletions/deletejob1?${API}`, {
      auth: false,
      headers: { authorization: 'bearer s3cret' },
    });
    expect(reply.status, 'scheme names are case-insensitive').toBe(200);
    const old = await call(mock.url, `/jobs/deletions/deletejob1?${API}`);
    expect(old.status, 'the default token no longer works').toBe(401);
  });

  const versions = [
    ['missing', '', 'MissingApiVersionParameter'],
    ['empty (treated as missing)', '?api-version=', 'MissingApiVersionParameter'],
    ['unsupported', '?api-version=1999-01-01', 'UnsupportedApiVersionValue'],
    ['wrong case of a real version', '?api-version=2023-10-31-PREVIEW', 'UnsupportedApiVersionValue'],
    ['repeated with an unsupported value', `?${API}&api-version=2020-01-01`, 'UnsupportedApiVersionValue'],
  ] as const;
  for (const [label, query, code] of versions) {
    test(`answers a ${label} api-version with 400 ${code}`, async ({ mock }) => {
      const reply = await call(mock.url, `/jobs/deletions/deletejob1${query}`);
      expect(reply.status, 'api-version is checked before routing').toBe(400);
      expect(reply.headers['x-ms-error-code'], 'the Azure guideline code').toBe(code);
      expect((reply.json() as { error: { code: string } }).error.code, 'header equals body code').toBe(code);
    });
  }

  test('checks api-version before the route, so a bad route without it is a 400', async ({ mock }) => {
    const reply = await call(mock.url, '/nowhere');
    expect(reply.headers['x-ms-error-code'], 'api-version first').toBe('MissingApiVersionParameter');
  });

  test('answers unknown routes and methods with mock-specific codes, never a real API code', async ({ mock }) => {
    const route = await call(mock.url, `/jobs/deletion/deletejob1?${API}`);
    expect([route.status, route.headers['x-ms-error-code']], 'a typo in the path').toEqual([404, 'MockRouteNotFound']);
    const nested = await call(mock.url, `/jobs/deletions/a/b?${API}`);
    expect(nested.headers['x-ms-error-code'], 'an extra path segment is a route, not an id').toBe('MockRouteNotFound');
    const upper = await call(mock.url, `/Jobs/Deletions/deletejob1?${API}`);
    expect(upper.headers['x-ms-error-code'], 'service path segments are case-sensitive').toBe('MockRouteNotFound');
    const method = await call(mock.url, `/jobs/deletions/deletejob1?${API}`, { method: 'DELETE' });
    expect([method.status, method.headers['x-ms-error-code']], 'jobs cannot be deleted').toEqual([
      405,
      'MockMethodNotAllowed',
    ]);
    expect(method.headers['allow'], 'the methods that work').toBe('GET, HEAD');
  });

  test('serves /healthz without token or api-version', async ({ mock }) => {
    const reply = await call(mock.url, '/healthz', { auth: false });
    expect([reply.status, reply.json()], 'ready').toEqual([200, { status: 'ok' }]);
  });
});

test.describe('trace headers', () => {
  const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
  const VALID = `00-${TRACE_ID}-b7ad6b7169203331-01`;

  test('answers a valid traceparent with a traceresponse carrying the same trace-id and flags', async ({ mock }) => {
    const reply = await call(mock.url, `/jobs/deletions/deletejob1?${API}`, {
      headers: { traceparent: VALID, tracestate: 'a=1' },
    });
    const traceresponse = reply.headers.traceresponse ?? '';
    expect(traceresponse, 'version, same trace-id, a new 16-hex parent id, same flags').toMatch(
      new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`),
    );
    expect(traceresponse.split('-')[2], "the parent id is the mock's own span, not the caller's").not.toBe(
      'b7ad6b7169203331',
    );
    expect(traceresponse.split('-')[2], 'never an all-zero span id').not.toBe('0000000000000000');
  });

  test('adds traceresponse to errors too', async ({ mock }) => {
    const reply = await call(mock.url, `/jobs/deletions/missing?${API}`, { headers: { traceparent: VALID } });
    expect(reply.status, 'still a 404').toBe(404);
    expect(reply.headers['traceresponse'], 'trace correlation on errors').toContain(TRACE_ID);
  });

  const malformed = {
    'bad version': `ff-${TRACE_ID}-b7ad6b7169203331-01`,
    'uppercase hex': `00-${TRACE_ID.toUpperCase()}-b7ad6b7169203331-01`,
    'all-zero trace id': `00-${'0'.repeat(32)}-b7ad6b7169203331-01`,
    'all-zero parent id': `00-${TRACE_ID}-0000000000000000-01`,
    garbage: 'not a traceparent at all',
    'version 00 with extra field': `00-${TRACE_ID}-b7ad6b7169203331-01-extra`,
  };
  for (const [label, traceparent] of Object.entries(malformed)) {
    test(`ignores a traceparent with ${label}: same reply, no traceresponse`, async ({ mock }) => {
      const plain = await call(mock.url, `/jobs/deletions/deletejob1?${API}`);
      const traced = await call(mock.url, `/jobs/deletions/deletejob1?${API}`, {
        headers: { traceparent, tracestate: 'x'.repeat(512) },
      });
      expect([traced.status, traced.text], 'never rejected, body unchanged').toEqual([plain.status, plain.text]);
      expect(traced.headers['traceresponse'], 'an invalid traceparent is ignored').toBeUndefined();
    });
  }

  test('accepts a future traceparent version and keeps its trace-id', async ({ mock }) => {
    const reply = await call(mock.url, `/jobs/deletions/deletejob1?${API}`, {
      headers: { traceparent: `01-${TRACE_ID}-b7ad6b7169203331-01-more` },
    });
    expect(reply.headers['traceresponse'], 'forward compatible parsing').toContain(TRACE_ID);
  });

  test('never rejects an empty tracestate or one without traceparent', async ({ mock }) => {
    for (const tracestate of ['', 'k=v', ',,,', '='.repeat(600)]) {
      const reply = await call(mock.url, `/jobs/deletions/deletejob1?${API}`, { headers: { tracestate } });
      expect(reply.status, `tracestate ${JSON.stringify(tracestate.slice(0, 20))} is ignored`).toBe(200);
    }
  });
});
