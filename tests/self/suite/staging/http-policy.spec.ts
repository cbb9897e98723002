/**
 * The suite's HTTP client with the staging policy wired in, against the bundled mock's fault injection
 * (x-mock-fault) and a recording server: retries bounded and recorded in the evidence, pacing, the guard.
 */
import { expect, test as base } from '@playwright/test';
import { MOCK_FAULT_HEADER } from '../../../../mock/defaults';
import { startMockServer, type RunningMock } from '../../../../mock/server';
import { credentialFor } from '../../../../src/suite/auth/credentials';
import { formatEvidence } from '../../../../src/suite/evidence';
import { AdtClient, type ClientOptions, type EvidenceRecord } from '../../../../src/suite/http/client';
import { parseConfig } from '../../../../src/config';
import { safetyPolicyFor, UnsafeRequestError } from '../../../../src/suite/http/safety';
import { sendJson, startServer } from './loopback';

const TOKEN = 'http-policy-self-test-token';
const JOB = 'deletejob1';
const retry = { maxRetries: 2, maxTotalWaitMs: 10_000, fallbackWaitMs: 50 };

/** A bundled mock started in this process for each test that asks for it (it starts in milliseconds). */
const test = base.extend<{ mockToken: string; mock: RunningMock }>({
  mockToken: [TOKEN, { option: true }],
  mock: async ({ mockToken }, use) => {
    const mock = await startMockServer({ scenario: 'default', token: mockToken });
    await use(mock);
    await mock.close();
  },
});

function clientFor(
  baseUrl: string,
  extra: Partial<ClientOptions> = {},
): { client: AdtClient; evidence: EvidenceRecord[] } {
  const evidence: EvidenceRecord[] = [];
  const base = AdtClient.create({
    baseUrl,
    apiVersion: '2023-10-31',
    credential: credentialFor({ kind: 'token', token: TOKEN }),
    retry,
    ...extra,
  });
  return {
    client: base.withEvidence((record) => {
      evidence.push(record);
      return Promise.resolve();
    }),
    evidence,
  };
}

test.describe('Retry-After through the suite client, against the mock fault header', () => {
  test('a persistent 429 with Retry-After is retried maxRetries times, then reported as the 429 it is', async ({
    mock,
  }) => {
    const { client, evidence } = clientFor(mock.url);
    const exchange = await client.getById(JOB, {
      headers: { [MOCK_FAULT_HEADER]: 'status=429;retry-after=0' },
      reuse: false,
    });
    expect(exchange.status, 'the final status is not hidden').toBe(429);
    expect(
      evidence[0]?.retries?.map((r) => r.status),
      'each retry is recorded in the evidence',
    ).toEqual([429, 429]);
    expect(formatEvidence(evidence[0] ?? ({} as EvidenceRecord))).toContain(
      'Attempt 1 got HTTP 429 (Retry-After: 0); retried after 0 ms',
    );
    client.close();
  });

  test('503 with Retry-After is retried; 503 without it and 500 are verdicts, sent once', async ({ mock }) => {
    const { client, evidence } = clientFor(mock.url);
    await client.getById(JOB, { headers: { [MOCK_FAULT_HEADER]: 'status=503;retry-after=0' }, reuse: false });
    await client.getById(JOB, { headers: { [MOCK_FAULT_HEADER]: 'status=503' }, reuse: false });
    await client.getById(JOB, { headers: { [MOCK_FAULT_HEADER]: 'status=500' }, reuse: false });
    expect(evidence.map((record) => record.retries?.length ?? 0)).toEqual([2, 0, 0]);
    client.close();
  });

  test('a Retry-After beyond the total wait budget is not waited for', async ({ mock }) => {
    const { client, evidence } = clientFor(mock.url, { retry: { ...retry, maxTotalWaitMs: 1_000 } });
    const started = Date.now();
    const exchange = await client.getById(JOB, {
      headers: { [MOCK_FAULT_HEADER]: 'status=429;retry-after=30' },
      reuse: false,
    });
    expect(exchange.status).toBe(429);
    expect(Date.now() - started, 'returned without waiting 30 s').toBeLessThan(10_000);
    expect(evidence[0]?.retries).toBeUndefined();
    client.close();
  });

  test('a 429 that clears is retried to the real answer', async () => {
    const server = await startServer((_req, res, index) => {
      if (index === 0) sendJson(res, 429, { message: 'Too many requests' }, { 'retry-after': '1' });
      else sendJson(res, 200, { value: [] });
    });
    const { client, evidence } = clientFor(server.url);
    const exchange = await client.list({ reuse: false });
    expect(exchange.status).toBe(200);
    expect(evidence[0]?.retries).toEqual([{ attempt: 1, status: 429, retryAfter: '1', waitMs: 1000 }]);
    expect(exchange.durationMs, 'latency is the last attempt, not the Retry-After wait').toBeLessThan(1000);
    client.close();
    await server.close();
  });
});

test.describe('pacing through the suite client', () => {
  test('requests start at least minIntervalMs apart, and the wait is not counted as latency', async () => {
    const server = await startServer((_req, res) => {
      sendJson(res, 200, { value: [] });
    });
    const { client } = clientFor(server.url, { minIntervalMs: 1000 });
    const started = Date.now();
    const durations: number[] = [];
    for (let i = 0; i < 3; i++) durations.push((await client.list({ reuse: false })).durationMs);
    expect(Date.now() - started, 'three requests at 1 per second take at least 2 s').toBeGreaterThanOrEqual(2000);
    expect(Math.max(...durations), 'no exchange includes the 1 s pacing wait').toBeLessThan(1000);
    client.close();
    await server.close();
  });
});

test.describe('the safety guard inside the suite client', () => {
  test('without opt-in, a POST to a URL target throws and nothing reaches the server', async () => {
    const server = await startServer((_req, res) => {
      sendJson(res, 202, {});
    });
    const { client } = clientFor(server.url, {
      safety: safetyPolicyFor(
        { kind: 'url', baseUrl: server.url },
        parseConfig({ AZURE_DIGITALTWINS_URL: server.url }).safety,
      ),
    });
    await expect(client.createDeleteJob()).rejects.toThrow(UnsafeRequestError);
    expect(server.requests).toHaveLength(0);
    client.close();
    await server.close();
  });

  test('the default policy of a client is the strict one: GET only', async () => {
    const server = await startServer((_req, res) => {
      sendJson(res, 202, {});
    });
    const { client } = clientFor(server.url);
    await expect(client.createDeleteJob()).rejects.toThrow('ADT_ALLOW_CREATE_DELETE_JOB=1');
    expect(server.requests).toHaveLength(0);
    client.close();
    await server.close();
  });

  test('with opt-in and the matching host, the POST is sent', async () => {
    const server = await startServer((_req, res) => {
      sendJson(res, 202, {});
    });
    const env = { ADT_ALLOW_CREATE_DELETE_JOB: '1', ADT_CONFIRM_TARGET_HOST: '127.0.0.1' };
    const { client } = clientFor(server.url, {
      safety: safetyPolicyFor(
        { kind: 'url', baseUrl: server.url },
        parseConfig({ ...env, AZURE_DIGITALTWINS_URL: server.url }).safety,
      ),
    });
    expect((await client.createDeleteJob()).status).toBe(202);
    expect(server.requests.map((request) => request.method)).toEqual(['POST']);
    client.close();
    await server.close();
  });
});
