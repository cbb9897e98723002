import { request } from 'node:http';
import { FAULT_GRAMMAR } from '../../../mock/faults';
import { API, AUTH, call, expect, spawnNpmMock, test } from './fixtures';

test.describe('per-request scenarios', () => {
  test('serves another scenario for one request through x-mock-scenario, with no restart', async ({ mock }) => {
    const empty = await call(mock.url, `/jobs/deletions?${API}`, { headers: { 'x-mock-scenario': 'empty' } });
    expect(empty.json(), 'the empty scenario').toEqual({ value: [], nextLink: null });
    const normal = await call(mock.url, `/jobs/deletions/deletejob1?${API}`);
    expect(normal.status, 'the next request without the header is back on the default scenario').toBe(200);
  });

  test('answers an unknown scenario with MockUnknownScenario', async ({ mock }) => {
    const reply = await call(mock.url, `/jobs/deletions?${API}`, { headers: { 'x-mock-scenario': 'nope' } });
    expect([reply.status, reply.headers['x-ms-error-code']], 'a mock usage error').toEqual([
      400,
      'MockUnknownScenario',
    ]);
  });

  test('serves a chosen scenario by default when started with one', async ({ startMock }) => {
    const mock = await startMock({ scenario: 'history' });
    const reply = await call(mock.url, `/jobs/deletions/history-01?${API}`);
    expect(reply.status, 'history is the run scenario').toBe(200);
  });

  test('refuses to start with an unknown scenario, naming the known ones', async ({ startMock }) => {
    await expect(startMock({ scenario: 'nope' }), 'one clear message').rejects.toThrow(
      /Unknown scenario "nope".*default/,
    );
  });
});

test.describe('faults', () => {
  test('delays the answer by latency=N (at least N ms)', async ({ mock }) => {
    const started = performance.now();
    const reply = await call(mock.url, `/jobs/deletions/deletejob1?${API}`, {
      headers: { 'x-mock-fault': 'latency=200' },
    });
    expect(reply.status, 'latency alone keeps the normal answer').toBe(200);
    expect(performance.now() - started, 'the answer waited').toBeGreaterThanOrEqual(195);
  });

  test('answers status=429 with Retry-After and a catalogue error', async ({ mock }) => {
    const reply = await call(mock.url, `/jobs/deletions/deletejob1?${API}`, {
      headers: { 'x-mock-fault': 'status=429;retry-after=2' },
    });
    expect([reply.status, reply.headers['retry-after'], reply.headers['x-ms-error-code']], 'throttled').toEqual([
      429,
      '2',
      'MockInjectedTooManyRequests',
    ]);
  });

  test('defaults Retry-After to 1 second on an injected 429', async ({ mock }) => {
    const reply = await call(mock.url, `/jobs/deletions/deletejob1?${API}`, {
      headers: { 'x-mock-fault': 'status=429' },
    });
    expect(reply.headers['retry-after'], 'clients always get a retry hint').toBe('1');
  });

  for (const [status, code] of [
    [500, 'MockInjectedInternalError'],
    [503, 'MockInjectedServiceUnavailable'],
    [502, 'MockInjectedFault'],
  ] as const) {
    test(`answers status=${status} with ${code}`, async ({ mock }) => {
      const reply = await call(mock.url, `/jobs/deletions/deletejob1?${API}`, {
        headers: { 'x-mock-fault': `status=${status}` },
      });
      expect([reply.status, reply.headers['x-ms-error-code']], 'the injected error').toEqual([status, code]);
    });
  }

  test('drops the connection without an answer on drop', async ({ mock }) => {
    const outcome = call(mock.url, `/jobs/deletions/deletejob1?${API}`, { headers: { 'x-mock-fault': 'drop' } });
    await expect(outcome, 'the socket closes before any response').rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  test('cuts the body short on truncate, after announcing the full length', async ({ mock }) => {
    const { hostname, port } = new URL(mock.url);
    const result = await new Promise<{ length: string | undefined; received: number; aborted: boolean }>((resolve) => {
      const req = request(
        { hostname, port, path: `/jobs/deletions/deletejob1?${API}`, headers: { ...AUTH, 'x-mock-fault': 'truncate' } },
        (res) => {
          let received = 0;
          res.on('data', (chunk: Buffer) => {
            received += chunk.length;
          });
          res.on('error', () => undefined);
          res.on('close', () => {
            resolve({ length: res.headers['content-length'], received, aborted: !res.complete });
          });
        },
      );
      req.end();
    });
    expect(result.aborted, 'the response never completes').toBe(true);
    expect(result.received, 'fewer bytes than announced').toBeLessThan(Number(result.length));
  });

  test('combines latency with a status', async ({ mock }) => {
    const reply = await call(mock.url, `/jobs/deletions/deletejob1?${API}`, {
      headers: { 'x-mock-fault': 'latency=50; status=503' },
    });
    expect(reply.status, 'both parts apply').toBe(503);
  });

  for (const spec of ['status=200', 'latency=-1', 'latency=99999999', 'explode', 'drop=1', 'status=']) {
    test(`answers the malformed fault "${spec}" with MockInvalidFaultHeader`, async ({ mock }) => {
      const reply = await call(mock.url, `/jobs/deletions/deletejob1?${API}`, { headers: { 'x-mock-fault': spec } });
      expect([reply.status, reply.headers['x-ms-error-code']], 'a mock usage error, never a crash').toEqual([
        400,
        'MockInvalidFaultHeader',
      ]);
    });
  }

  test('npm run mock answers a bad x-mock-fault with the grammar its bad --fault message shows', async () => {
    const mock = await spawnNpmMock(['--port', '0', '--log', 'off']);
    try {
      const reply = await call(mock.url, `/jobs/deletions/deletejob1?${API}`, {
        headers: { 'x-mock-fault': 'status=42' },
      });
      expect([reply.status, reply.headers['x-ms-error-code']], 'a mock usage error').toEqual([
        400,
        'MockInvalidFaultHeader',
      ]);
      const message = (reply.json() as { error: { message: string } }).error.message;
      expect(message, 'what is wrong with the header, then the grammar').toBe(
        `The x-mock-fault header "status=42" is malformed: status must be a whole number from 400 to 599, got "42". Fault grammar: ${FAULT_GRAMMAR}`,
      );
    } finally {
      await mock.stop();
    }
    await expect(spawnNpmMock(['--port', '0', '--fault', 'status=42']), 'the same words for --fault').rejects.toThrow(
      `Fault "status=42" is malformed: status must be a whole number from 400 to 599, got "42". Fault grammar: ${FAULT_GRAMMAR}`,
    );
  });

  test('applies a per-run fault to every request but not to /healthz, and a header overrides it', async ({
    startMock,
  }) => {
    const mock = await startMock({ fault: 'status=503' });
    expect((await call(mock.url, `/jobs/deletions/deletejob1?${API}`)).status, 'the run fault').toBe(503);
    expect((await call(mock.url, '/healthz')).status, 'readiness stays truthful').toBe(200);
    expect(
      (await call(mock.url, `/jobs/deletions/deletejob1?${API}`, { headers: { 'x-mock-fault': '' } })).status,
      'an empty header means no fault',
    ).toBe(200);
  });

  test('refuses to start with a malformed per-run fault', async ({ startMock }) => {
    await expect(startMock({ fault: 'status=teapot' }), 'one clear message').rejects.toThrow(
      /Fault "status=teapot" is malformed/,
    );
  });
});
