import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { HOST_PLACEHOLDER, type HarEntry } from '../../../mock/replay/har-format';
import { buildRecording, readParts, selectionArgs } from '../../../src/reporting/recording';
import type { Matrix } from '../../../src/reporting/verdicts';
import type { Credential } from '../../../src/suite/auth/credentials';
import { AdtClient } from '../../../src/suite/http/client';
import { registerSecret } from '../../../src/suite/http/redact';
import { harUrl, recordingSink } from '../../../src/suite/recording/recorder';
import { harSchemaProblems } from '../support/har-validation';

/** JWT-shaped, as an Entra token is: the recording must hold neither it nor anything shaped like it. */
const TOKEN = `eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJyZWNvcmRpbmctdGVzdCJ9.${'c2lnbmF0dXJl'.repeat(3)}`;
const FORGED = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJmb3JnZWQifQ.Zm9yZ2Vk';
const JWT_SHAPED = /eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/;
registerSecret(TOKEN);
const credential: Credential = {
  holdsCredential: true,
  description: 'test',
  authorization: () => Promise.resolve(`Bearer ${TOKEN}`),
};

const BOM_BODY = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"id":"bom"}')]);
const LATIN1_BODY = Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]);

interface Target {
  url: string;
  host: string;
  close(): Promise<void>;
}

/** Echoes the credential and its own host (as a nextLink does), and sends bodies that are not plain UTF-8. */
async function startTarget(): Promise<Target> {
  const server = http.createServer((request, response) => {
    const host = request.headers.host ?? '';
    if (request.url?.startsWith('/bom')) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(BOM_BODY);
    } else if (request.url?.startsWith('/latin1')) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(LATIN1_BODY);
    } else {
      const body = JSON.stringify({
        authorization: request.headers.authorization ?? null,
        nextLink: `http://${host}/jobs/deletions?continuationToken=1`,
        echoedJwt: FORGED,
      });
      response
        .writeHead(request.headers.authorization === `Bearer ${TOKEN}` ? 200 : 401, {
          'content-type': 'application/json',
          'x-echo-authorization': request.headers.authorization ?? '',
          location: `http://${host}/next`,
        })
        .end(body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

const MATRIX = {
  status: 'passed',
  requirements: [{ id: 'DJ-200-01', verdict: 'passed', reason: '' }],
} as unknown as Matrix;

async function record(target: Target, keepHost: boolean): Promise<{ entries: HarEntry[]; text: string; har: unknown }> {
  const outputDir = mkdtempSync(path.join(tmpdir(), 'adt-recording-self-'));
  try {
    const base = AdtClient.create({ baseUrl: target.url, apiVersion: '2023-10-31', credential });
    const sink = (title: string) =>
      recordingSink({
        outputDir,
        part: 'worker-0',
        baseUrl: target.url,
        keepHost,
        phase: 'test',
        test: { title, requirementIds: ['DJ-200-01'] },
      });
    const first = base.withEvidence(sink('first test'));
    await first.send({ method: 'GET', path: '/jobs/deletions/echo?api-version=2023-10-31' });
    await base
      .withEvidence(sink('second test'))
      .send({ method: 'GET', path: '/jobs/deletions/echo?api-version=2023-10-31' });
    await first.send({ method: 'GET', path: '/jobs/deletions/echo?api-version=2023-10-31', auth: 'none' });
    await first.send({
      method: 'GET',
      path: '/jobs/deletions/echo?api-version=2023-10-31',
      auth: { authorization: `Bearer ${FORGED}` },
    });
    await first.send({
      method: 'GET',
      path: '/jobs/deletions/echo?api-version=2023-10-31',
      auth: { authorization: 'Bearer made-up' },
    });
    await first.send({
      method: 'GET',
      path: '/bom/%zz/..?api-version=2023-10-31',
      headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    });
    await first.send({ method: 'GET', path: '/latin1' });
    base.close();
    const entries = readParts(outputDir);
    const har = buildRecording(entries, { target: 'url' }, MATRIX, 'test');
    return { entries: har.log.entries, text: JSON.stringify(har), har };
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
  }
}

let target: Target;
test.beforeEach(async () => {
  target = await startTarget();
});
test.afterEach(async () => {
  await target.close();
});

test('the recording holds neither the token nor anything JWT-shaped, and names the host only by its placeholder', async () => {
  const { text, entries } = await record(target, false);
  expect(text, 'the configured token, anywhere in the recording').not.toContain(TOKEN);
  expect(
    text.match(JWT_SHAPED)?.[0],
    'a JWT-shaped string (the forged token in a request header and echoed in a body)',
  ).toBeUndefined();
  expect(text, 'the target host, with or without its port').not.toContain('127.0.0.1');
  const echo = entries[0] as HarEntry;
  expect(echo.request.url, 'the request URL names the placeholder host').toBe(
    `http://${HOST_PLACEHOLDER}/jobs/deletions/echo?api-version=2023-10-31`,
  );
  expect(
    echo.request.headers.find((h) => h.name === 'authorization')?.value,
    'Authorization as the evidence shows it',
  ).toBe('Bearer <redacted>');
  expect(
    JSON.parse(echo.response.content.text ?? '{}'),
    'a nextLink in a body carries the placeholder host',
  ).toMatchObject({ nextLink: `http://${HOST_PLACEHOLDER}/jobs/deletions?continuationToken=1` });
  expect(echo.response.redirectURL, 'a Location header carries the placeholder host').toBe(
    `http://${HOST_PLACEHOLDER}/next`,
  );
});

test('keeping the host (ADT_EXCHANGES_KEEP_HOST) keeps it, and still removes the token', async () => {
  const { text } = await record(target, true);
  expect(text, 'the host is kept on request').toContain(target.host);
  expect(text, 'the token is removed all the same').not.toContain(TOKEN);
});

test('each entry keeps the request as sent, its credential kind, its tests, and the exact bytes of the body', async () => {
  const { entries } = await record(target, false);
  expect(
    entries.map((e) => [e._adt.credential, e._adt.sequence, e.response.status]),
    'one entry per request sent (the reused one is not), credential kinds, identical requests numbered',
  ).toEqual([
    ['configured', 0, 200],
    ['none', 0, 401],
    ['invalid', 0, 401],
    ['invalid', 1, 401],
    ['configured', 0, 200],
    ['configured', 0, 200],
  ]);
  expect(entries[0]?._adt.tests, 'a reused response lists every test that read it').toEqual([
    'first test',
    'second test',
  ]);
  const bom = entries[4] as HarEntry;
  expect(bom._adt.pathAsSent, 'the path exactly as sent, stray % and dot segment included').toBe(
    '/bom/%zz/..?api-version=2023-10-31',
  );
  expect(bom.request.url, "HAR's url is a URI: only what a URI cannot hold is encoded").toBe(
    `http://${HOST_PLACEHOLDER}/bom/%25zz/..?api-version=2023-10-31`,
  );
  expect(bom.request.headers.find((h) => h.name === 'traceparent')?.value, 'trace headers as sent').toBe(
    '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  );
  expect(
    [bom.response.content.encoding, Buffer.from(bom.response.content.text ?? '', 'base64').equals(BOM_BODY)],
    'a body with a BOM is base64 of its exact bytes',
  ).toEqual(['base64', true]);
  const latin1 = entries[5] as HarEntry;
  expect(
    [latin1.response.content.encoding, Buffer.from(latin1.response.content.text ?? '', 'base64').equals(LATIN1_BODY)],
    'a body that is not UTF-8 is base64 of its exact bytes',
  ).toEqual(['base64', true]);
  expect(entries[0]?.response.content.encoding, 'a plain UTF-8 body stays text').toBeUndefined();
});

test('the recording validates as HAR 1.2 against the maintained har-schema', async () => {
  const { har } = await record(target, false);
  expect(harSchemaProblems(har), 'HAR 1.2 schema violations').toEqual([]);
  const broken = JSON.parse(JSON.stringify(har)) as { log: { entries: { request: { url: string } }[] } };
  (broken.log.entries[0] as { request: { url: string } }).request.url = 'http://h/%zz';
  expect(
    harSchemaProblems(broken),
    'the schema rejects what a HAR reader cannot parse (so this check can fail)',
  ).not.toEqual([]);
});

test("URLs and the recorded run's test selection", () => {
  expect(harUrl('http://h/a b/%zz/%41/\u{1F600}'), 'space, stray %, emoji encoded; valid escapes kept').toBe(
    'http://h/a%20b/%25zz/%41/%F0%9F%98%80',
  );
  expect(
    selectionArgs([
      'node',
      'cli.js',
      'test',
      '--reporter=dot',
      '--grep',
      '@DJ-404',
      '--output',
      'x',
      '--max-failures=1',
      'tests/conformance/auth.spec.ts',
      '--workers=2',
    ]),
    'only the options that pick tests',
  ).toEqual(['--grep', '@DJ-404', '--max-failures=1', 'tests/conformance/auth.spec.ts']);
});
