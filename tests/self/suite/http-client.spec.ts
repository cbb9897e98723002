import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import type { Credential } from '../../../src/suite/auth/credentials';
import { curlCommand } from '../../../src/suite/http/curl';
import { formatEvidence } from '../../../src/suite/evidence';
import { AdtClient, TargetRequestError, type EvidenceRecord } from '../../../src/suite/http/client';
import { registerSecret } from '../../../src/suite/http/redact';

const TOKEN = 'http-client-secret-7d2e41c9';
registerSecret(TOKEN);
const credential: Credential = {
  holdsCredential: true,
  description: 'test',
  authorization: () => Promise.resolve(`Bearer ${TOKEN}`),
};

interface EchoServer {
  url: string;
  received: string[];
  close(): Promise<void>;
}

/** Echoes what it received, credentials included, in its body and headers: the client must redact them. */
async function startEchoServer(): Promise<EchoServer> {
  const received: string[] = [];
  const server = http.createServer((request, response) => {
    received.push(request.url ?? '');
    response.writeHead(200, {
      'content-type': 'application/json',
      'x-echo-authorization': request.headers.authorization ?? '',
    });
    response.end(JSON.stringify({ url: request.url, authorization: request.headers.authorization ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

function recordingClient(baseUrl: string): { client: AdtClient; records: EvidenceRecord[] } {
  const records: EvidenceRecord[] = [];
  const client = AdtClient.create({ baseUrl, apiVersion: '2023-10-31', credential }).withEvidence((record) => {
    records.push(record);
    return Promise.resolve();
  });
  return { client, records };
}

let server: EchoServer;
test.beforeEach(async () => {
  server = await startEchoServer();
});
test.afterEach(async () => {
  await server.close();
});

test('raw id segments reach the server exactly as written', async () => {
  const { client } = recordingClient(server.url);
  for (const raw of ['job%zz', '..', '.', 'a%2Fb', '', '%20x']) await client.getByRawId(raw);
  await client.getById('jöb 1/2');
  await client.getById('x', { apiVersion: null });
  await client.getById('x', { apiVersion: '' });
  expect(server.received).toEqual([
    '/jobs/deletions/job%zz?api-version=2023-10-31',
    '/jobs/deletions/..?api-version=2023-10-31',
    '/jobs/deletions/.?api-version=2023-10-31',
    '/jobs/deletions/a%2Fb?api-version=2023-10-31',
    '/jobs/deletions/?api-version=2023-10-31',
    '/jobs/deletions/%20x?api-version=2023-10-31',
    '/jobs/deletions/j%C3%B6b%201%2F2?api-version=2023-10-31',
    '/jobs/deletions/x',
    '/jobs/deletions/x?api-version=',
  ]);
});

test('the token never reaches an exchange or the evidence, even when the server echoes it', async () => {
  const { client, records } = recordingClient(server.url);
  const exchange = await client.getById('job-1');
  const everything = JSON.stringify({
    exchange,
    body: exchange.bodyText,
    headers: exchange.headers,
    records,
    text: records.map((record) => formatEvidence(record)),
  });
  expect(everything).not.toContain(TOKEN);
  expect(exchange.request.headers.authorization).toBe('Bearer <redacted>');
  expect(exchange.header('x-echo-authorization')).toBe('Bearer <redacted>');
  expect(records[0]?.curl).toContain('-H "Authorization: Bearer $ADT_ACCESS_TOKEN"');
});

test("the reproduce note asks for the token only when the curl expands it, and names the mock's only for the mock", async () => {
  const { client, records } = recordingClient(server.url);
  await client.getById('job-1');
  await client.getById('job-1', { auth: 'none' });
  const [own, none] = records as [EvidenceRecord, EvidenceRecord];
  expect(formatEvidence(own)).toContain('# Reproduce (export ADT_ACCESS_TOKEN first, with the token the run used):');
  expect(formatEvidence(own), 'a URL target has no mock token').not.toContain('MOCK_DEFAULT_TOKEN');
  expect(formatEvidence(own, { mockToken: true })).toContain(
    "the bundled mock's token is MOCK_DEFAULT_TOKEN in mock/contract.ts",
  );
  expect(formatEvidence(none, { mockToken: true })).toContain('# Reproduce:\ncurl ');
});

test('a made-up credential is shown as sent, but anything shaped like a JWT is redacted', async () => {
  const { client, records } = recordingClient(server.url);
  await client.getById('job-1', { auth: { authorization: 'Bearer not-a-real-token' } });
  await client.getById('job-1', { auth: { authorization: 'Bearer eyJhbGciOi.eyJhdWQiOi.c2lnbmF0dXJl' } });
  expect(records[0]?.request.headers.authorization).toBe('Bearer not-a-real-token');
  expect(records[0]?.curl).toContain(`-H 'authorization: Bearer not-a-real-token'`);
  expect(records[0]?.curl).not.toContain('$ADT_ACCESS_TOKEN');
  expect(JSON.stringify(records[1])).not.toContain('eyJhbGciOi');
});

test('an altered credential (DJ-AUTH-03) is redacted like the configured one, even when the server echoes it', async () => {
  const { client, records } = recordingClient(server.url);
  const exchange = await client.getById('job-1', { auth: { altered: 'last-character' } });
  const altered = `${TOKEN.slice(0, -1)}A`;
  expect(server.received, 'the request went out').toHaveLength(1);
  expect(exchange.bodyText, 'the echo server saw the altered token (this test proves something)').toContain(
    '<redacted>',
  );
  const everything = JSON.stringify({
    exchange,
    body: exchange.bodyText,
    headers: exchange.headers,
    records,
    text: records.map((record) => formatEvidence(record)),
  });
  expect(everything, 'the altered token appears nowhere').not.toContain(altered);
  expect(
    records[0]?.curl,
    'the curl shows the header, redacted, and not the configured token from the environment',
  ).toContain(`-H 'authorization: Bearer <redacted>'`);
  expect(records[0]?.curl).not.toContain('$ADT_ACCESS_TOKEN');
  expect(records[0]?.credential, 'recorded as a credential the target must reject').toBe('invalid');
});

test('identical GETs are sent once per client and reported as reused; reuse: false sends again', async () => {
  const { client, records } = recordingClient(server.url);
  const first = await client.getById('job-1');
  const second = await client.getById('job-1');
  await client.getById('job-1', {
    headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
  });
  await client.getById('job-1', { reuse: false });
  expect(server.received).toHaveLength(3);
  expect([first.reused, second.reused]).toEqual([false, true]);
  expect(records.map((record) => record.reused)).toEqual([false, true, false, false]);
  expect(formatEvidence(records[1] as EvidenceRecord)).toContain('response reused');
});

test('a refused connection is a clear TargetRequestError, with the attempt in the evidence', async () => {
  const closed = await startEchoServer();
  await closed.close();
  const { client, records } = recordingClient(closed.url);
  const failure = await client.getById('job-1').catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(TargetRequestError);
  expect((failure as Error).message).toMatch(
    /GET http:\/\/127\.0\.0\.1:\d+\/jobs\/deletions\/job-1\?api-version=2023-10-31 failed: connection refused/,
  );
  expect(records[0]?.error).toContain('connection refused');
});

test('a nextLink to another origin is refused without sending anything', async () => {
  const { client } = recordingClient(server.url);
  await expect(client.followNextLink('https://elsewhere.example/jobs/deletions?page=2')).rejects.toThrow(
    /points to https:\/\/elsewhere\.example/,
  );
  await client.followNextLink(`${server.url}/jobs/deletions?continuationToken=2`);
  await client.followNextLink('/jobs/deletions?continuationToken=3&api-version=2023-10-31');
  expect(server.received).toEqual([
    '/jobs/deletions?continuationToken=2&api-version=2023-10-31',
    '/jobs/deletions?continuationToken=3&api-version=2023-10-31',
  ]);
});

test('curl commands quote safely and keep empty headers', () => {
  const command = curlCommand({
    method: 'GET',
    url: "http://h/jobs/deletions/it's?api-version=1",
    headers: [
      ['tracestate', ''],
      ['x-a', "b'c"],
    ],
    bearerFromEnvironment: true,
  });
  expect(command).toBe(
    `curl -sS -i --path-as-is -g 'http://h/jobs/deletions/it'\\''s?api-version=1' -H "Authorization: Bearer $ADT_ACCESS_TOKEN" -H 'tracestate;' -H 'x-a: b'\\''c'`,
  );
});
