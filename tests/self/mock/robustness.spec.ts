import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import fc from 'fast-check';
import { MOCK_DEFAULT_TOKEN } from '../../../mock/contract';
import { API, call, expect, test } from './fixtures';

interface RawReply {
  status: number;
  errorCodeHeader: string | undefined;
  body: string;
}

function send(
  agent: Agent,
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<RawReply> {
  const { hostname, port } = new URL(base);
  // Node's client sends a GET or HEAD body with no Content-Length: its bytes would reach the mock as the start of
  // another request and make the test flaky. Framed, a body is legal on every method.
  const framed = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = request({ agent, hostname, port, method, path, headers: framed }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => {
        const code = res.headers['x-ms-error-code'];
        resolve({ status: res.statusCode ?? 0, errorCodeHeader: Array.isArray(code) ? code.join() : code, body: text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Raw bytes over a socket, for requests Node's own client refuses to send. */
function sendRaw(base: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('end', () => {
      resolve(text);
    });
    socket.on('error', reject);
  });
}

const PATH_PIECES = [
  '/jobs/deletions',
  '/jobs/deletions/',
  'deletejob1',
  'casejob',
  'CaseJob',
  '..',
  '.',
  '/',
  '%',
  '%2F',
  '%3F',
  '%23',
  '%25',
  '%zz',
  '%E0%A4',
  '%C3%A9',
  '%F0%9F%98%80',
  '%00',
  '%20',
  '~',
  '!',
  '$',
  '&',
  "'",
  '(',
  ')',
  '*',
  '+',
  ',',
  ';',
  '=',
  ':',
  '@',
  'a',
  'Z',
  '9',
  '-',
  '_',
  '/healthz',
  '/mock/clock',
  '/mock/reset',
  'x'.repeat(300),
];
const QUERY_PIECES = [
  API,
  'api-version=',
  'api-version=1999-01-01',
  'api-version',
  'API-VERSION=2023-10-31',
  '&',
  '=',
  '%zz',
  'continuationToken=2',
  'continuationToken=abc',
  'continuationToken=99999999999',
  'timeoutInMinutes=15',
  'timeoutInMinutes=99999999999999999999',
  'advanceMs=5',
  'set=2024-06-01T12:00:00Z',
  '?',
  '#',
];
const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 600,
});

const requestShape = fc.record({
  method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
  path: fc
    .array(fc.constantFrom(...PATH_PIECES), { maxLength: 6 })
    .map((pieces) => `/${pieces.join('')}`.replace(/^\/\//, '/')),
  query: fc.option(
    fc.array(fc.constantFrom(...QUERY_PIECES), { maxLength: 4 }).map((pieces) => pieces.join('&')),
    { nil: undefined },
  ),
  authorization: fc.option(
    fc.oneof(fc.constant(`Bearer ${MOCK_DEFAULT_TOKEN}`), fc.constant(`bearer ${MOCK_DEFAULT_TOKEN}`), printable),
    { nil: undefined },
  ),
  headers: fc.dictionary(
    fc.constantFrom(
      'traceparent',
      'tracestate',
      'x-mock-scenario',
      'x-mock-session',
      'max-items-per-page',
      'operation-id',
      'content-type',
      'x-unknown',
      'accept',
    ),
    fc.oneof(
      printable,
      fc.constantFrom(
        'default',
        'empty',
        'history',
        '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        '5',
        '-1',
        '',
      ),
    ),
  ),
  body: fc.option(fc.oneof(printable, fc.constant('{"broken": '), fc.constant('{}'), fc.constant('[1,2'), fc.json()), {
    nil: undefined,
  }),
});

/** How the reply to a generated request breaks the contract, or undefined when it keeps it. */
function breach(method: string, path: string, reply: RawReply): string | undefined {
  if (reply.status >= 500) return `${method} ${path}: ${String(reply.status)}, a 5xx without an injected fault`;
  if (reply.status < 400 || reply.status === 401 || method === 'HEAD') return undefined;
  let error: { code?: unknown; message?: unknown } | undefined;
  try {
    error = (JSON.parse(reply.body) as { error?: { code?: unknown; message?: unknown } }).error;
  } catch {
    return `${method} ${path}: ${String(reply.status)} whose body is not JSON`;
  }
  if (error?.code === undefined || reply.errorCodeHeader !== error.code)
    return `${method} ${path}: x-ms-error-code ${String(reply.errorCodeHeader)} differs from error.code ${String(error?.code)}`;
  if (typeof error.message !== 'string' || error.message.length === 0)
    return `${method} ${path}: error.message is empty, no message for humans`;
  return undefined;
}

// One expect for the whole property: Playwright records every expect as a step, and two thousand of them in one test
// cost seconds of CPU. fast-check shrinks a failure to the smallest request that still breaks the contract.
test('thousands of generated requests never get a 5xx, and every error keeps the contract', async ({ mock }) => {
  test.setTimeout(180_000);
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const details = await fc
    .check(
      fc.asyncProperty(requestShape, async (shape) => {
        const headers: Record<string, string> = { ...shape.headers };
        if (shape.authorization !== undefined) headers.authorization = shape.authorization;
        const path = shape.query === undefined ? shape.path : `${shape.path}?${shape.query}`;
        const problem = breach(
          shape.method,
          path,
          await send(agent, mock.url, shape.method, path, headers, shape.body),
        );
        if (problem !== undefined) throw new Error(problem);
      }),
      { numRuns: 2000 },
    )
    .finally(() => {
      agent.destroy();
    });
  expect(
    fc.defaultReportMessage(details),
    'the (shrunk) generated request whose reply broke the contract: never a 5xx, x-ms-error-code equals error.code, a message for humans',
  ).toBeUndefined();
  expect(details.numRuns, 'generated requests sent').toBe(2000);
  expect((await call(mock.url, '/healthz')).status, 'the server is still up').toBe(200);
});

test('answers oversized headers with 431 and a catalogue code, then keeps serving', async ({ mock }) => {
  const raw = await sendRaw(mock.url, `GET /healthz HTTP/1.1\r\nHost: x\r\nx-big: ${'a'.repeat(40_000)}\r\n\r\n`);
  expect(raw, 'status line').toMatch(/^HTTP\/1\.1 431 /);
  expect(raw, 'the catalogue code').toContain('x-ms-error-code: MockRequestHeaderTooLarge');
  expect((await call(mock.url, '/healthz')).status, 'still up').toBe(200);
});

test('accepts a 20 KB bearer-sized header without complaint', async ({ mock }) => {
  const reply = await call(mock.url, `/jobs/deletions/deletejob1?${API}`, {
    headers: { 'x-large': 'b'.repeat(20_000) },
  });
  expect(reply.status, 'large but legal headers are fine').toBe(200);
});

for (const [label, bytes] of [
  ['an unknown method', 'BREW /jobs/deletions HTTP/1.1\r\nHost: x\r\n\r\n'],
  ['garbage instead of HTTP', 'this is not http\r\n\r\n'],
  ['a bad Content-Length', 'GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n'],
  ['a space in the path', 'GET /jobs/dele tions HTTP/1.1\r\nHost: x\r\n\r\n'],
] as const) {
  test(`answers ${label} with 400 MockBadRequest`, async ({ mock }) => {
    const raw = await sendRaw(mock.url, bytes);
    expect(raw, 'a 400, never a 5xx or a silent close').toMatch(/^HTTP\/1\.1 400 /);
    expect(raw, 'the catalogue code').toContain('x-ms-error-code: MockBadRequest');
  });
}

test('ignores bodies on GET, even large ones, and keeps the connection usable', async ({ mock }) => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const withBody = await send(
      agent,
      mock.url,
      'GET',
      `/jobs/deletions/deletejob1?${API}`,
      { authorization: `Bearer ${MOCK_DEFAULT_TOKEN}` },
      '{"broken": '.repeat(100_000),
    );
    expect(withBody.status, 'the body is ignored').toBe(200);
    const next = await send(
      agent,
      mock.url,
      'GET',
      `/jobs/deletions/casejob?${API}`,
      { authorization: `Bearer ${MOCK_DEFAULT_TOKEN}` },
      undefined,
    );
    expect(next.status, 'the same keep-alive connection still works').toBe(200);
  } finally {
    agent.destroy();
  }
});

test('ignores broken JSON bodies on Add, which takes no body', async ({ mock }) => {
  const reply = await call(mock.url, `/jobs/deletions?${API}`, {
    method: 'POST',
    body: '{"timeoutInMinutes": ',
    headers: { 'content-type': 'application/json', 'x-mock-scenario': 'empty', 'x-mock-session': 'broken-json' },
  });
  expect(reply.status, 'Add has no body to parse').toBe(202);
});
