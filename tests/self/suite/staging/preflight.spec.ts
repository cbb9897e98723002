import { expect, test } from '@playwright/test';
import { assertPreflight, PreflightError, runPreflight, type PreflightTarget } from '../../../../src/suite/preflight';
import { closedPortUrl, fakeJwt, sendJson, startHttpsServer, startServer, type Handler } from './loopback';

const API_VERSION = '2023-10-31';
const hourFromNow = Math.floor(Date.now() / 1000) + 3600;
const adtToken = `Bearer ${fakeJwt({ aud: 'https://digitaltwins.azure.net', exp: hourFromNow, oid: 'oid-123', tid: 'tid-456' })}`;

function target(baseUrl: string, extra: Partial<PreflightTarget> = {}): PreflightTarget {
  return { baseUrl, apiVersion: API_VERSION, auth: 'azure', authorization: adtToken, timeoutMs: 2_000, ...extra };
}

async function preflightAgainst(handler: Handler, extra: Partial<PreflightTarget> = {}) {
  const server = await startServer(handler);
  try {
    return { outcome: await runPreflight(target(server.url, extra)), requests: server.requests };
  } finally {
    await server.close();
  }
}

test.describe('preflight', () => {
  test('a target that answers List with a DeleteJobCollection passes, with one GET carrying api-version and the token', async () => {
    const { outcome, requests } = await preflightAgainst((_req, res) => {
      sendJson(res, 200, { value: [{ id: 'a' }], nextLink: null });
    });
    expect(outcome).toEqual({ ok: true, status: 200, jobsOnFirstPage: 1 });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.url).toBe(`/jobs/deletions?api-version=${API_VERSION}`);
    expect(requests[0]?.headers.authorization).toBe(adtToken);
  });

  test('connection refused names the host, the meaning and the fix', async () => {
    const outcome = await runPreflight(target(await closedPortUrl()));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.kind).toBe('refused');
    expect(outcome.message).toContain('ECONNREFUSED');
    expect(outcome.message).toContain('unset it to run against the bundled mock');
  });

  test('a host name that never resolves (.invalid) is reported as DNS failure', async () => {
    const outcome = await runPreflight(target('https://adt-preflight-self-test.invalid'));
    expect(outcome).toMatchObject({ ok: false, kind: 'dns' });
    expect(outcome.ok ? '' : outcome.message).toContain('adt-preflight-self-test.invalid does not resolve');
  });

  test('a self-signed certificate is reported as a TLS failure naming NODE_EXTRA_CA_CERTS', async () => {
    const server = await startHttpsServer((_req, res) => {
      sendJson(res, 200, { value: [] });
    });
    try {
      const outcome = await runPreflight(target(server.url));
      expect(outcome).toMatchObject({ ok: false, kind: 'tls' });
      expect(outcome.ok ? '' : outcome.message).toContain('NODE_EXTRA_CA_CERTS');
      expect(server.requests, 'no request is sent over an untrusted connection').toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  test('an HTTPS URL on a plain-HTTP port is a TLS failure, not a hang', async () => {
    const server = await startServer((_req, res) => {
      sendJson(res, 200, { value: [] });
    });
    try {
      const outcome = await runPreflight(target(server.url.replace('http:', 'https:')));
      expect(outcome).toMatchObject({ ok: false, kind: 'tls' });
    } finally {
      await server.close();
    }
  });

  test('a target that accepts but never answers times out with one message', async () => {
    const { outcome } = await preflightAgainst(
      () => {
        /* never answers */
      },
      { timeoutMs: 300 },
    );
    expect(outcome).toMatchObject({ ok: false, kind: 'timeout' });
    expect(outcome.ok ? '' : outcome.message).toContain('within 0.3 s (ADT_REQUEST_TIMEOUT_SECONDS)');
  });

  test('401 with an expired token says it expired, without printing the token', async () => {
    const expired = `Bearer ${fakeJwt({ aud: 'https://digitaltwins.azure.net', exp: 1_600_000_000 })}`;
    const { outcome } = await preflightAgainst(
      (_req, res) => {
        sendJson(res, 401, { statusCode: 401, message: 'Unauthorized' });
      },
      { authorization: expired },
    );
    expect(outcome).toMatchObject({ ok: false, kind: 'unauthorized' });
    const message = outcome.ok ? '' : outcome.message;
    expect(message).toContain('expired at 2020-09-13');
    expect(message).not.toContain(expired.slice(7));
  });

  test('401 with a token for another audience names the audience and the right scope', async () => {
    const armToken = `Bearer ${fakeJwt({ aud: 'https://management.azure.com', exp: hourFromNow })}`;
    const { outcome } = await preflightAgainst(
      (_req, res) => {
        sendJson(res, 401, {});
      },
      { authorization: armToken },
    );
    expect(outcome.ok ? '' : outcome.message).toContain('audience https://management.azure.com');
    expect(outcome.ok ? '' : outcome.message).toContain('https://digitaltwins.azure.net/.default');
  });

  test('401 without any token (ADT_AUTH=none) tells how to configure auth', async () => {
    const { outcome } = await preflightAgainst(
      (_req, res) => {
        sendJson(res, 401, {});
      },
      { auth: 'none', authorization: undefined },
    );
    expect(outcome).toMatchObject({ ok: false, kind: 'unauthorized' });
    expect(outcome.ok ? '' : outcome.message).toContain('ADT_AUTH=azure');
  });

  test('403 names the missing data-plane role and the identity to assign it to', async () => {
    const { outcome } = await preflightAgainst((_req, res) => {
      sendJson(res, 403, { error: { code: 'Forbidden', message: 'x' } });
    });
    expect(outcome).toMatchObject({ ok: false, kind: 'forbidden' });
    const message = outcome.ok ? '' : outcome.message;
    expect(message).toContain('Azure Digital Twins Data Reader');
    expect(message).toContain('object id oid-123');
  });

  test('404 on the route says the URL is not an ADT data-plane endpoint and flags a stray path', async () => {
    const server = await startServer((_req, res) => {
      sendJson(res, 404, { error: 'no route' });
    });
    try {
      const outcome = await runPreflight(target(`${server.url}/subscriptions/x`));
      expect(outcome).toMatchObject({ ok: false, kind: 'not-found' });
      expect(outcome.ok ? '' : outcome.message).toContain('the path "/subscriptions/x"');
      expect(server.requests[0]?.url).toBe(`/subscriptions/x/jobs/deletions?api-version=${API_VERSION}`);
    } finally {
      await server.close();
    }
  });

  test('400 UnsupportedApiVersionValue points at ADT_API_VERSION', async () => {
    const { outcome } = await preflightAgainst((_req, res) => {
      sendJson(res, 400, { error: { code: 'UnsupportedApiVersionValue', message: 'x' } });
    });
    expect(outcome).toMatchObject({ ok: false, kind: 'api-version' });
    expect(outcome.ok ? '' : outcome.message).toContain('ADT_API_VERSION');
  });

  test('200 that is not a DeleteJobCollection (a web page) is rejected as not an ADT endpoint', async () => {
    const { outcome } = await preflightAgainst((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>portal</html>');
    });
    expect(outcome).toMatchObject({ ok: false, kind: 'unexpected' });
  });

  test('a 200 JSON answer with a defect goes on to the tests, which name the defect: the URL is right', async () => {
    const defects: readonly { label: string; contentType: string; body: string }[] = [
      { label: 'byte order mark', contentType: 'application/json', body: '\uFEFF{"value":[],"nextLink":null}' },
      { label: 'trailing bytes', contentType: 'application/json', body: '{"value":[],"nextLink":null}garbage' },
      { label: 'wrong content type', contentType: 'text/plain', body: '{"value":[],"nextLink":null}' },
      { label: 'unparsable body', contentType: 'application/json', body: '{"value":[' },
    ];
    for (const { label, contentType, body } of defects) {
      const { outcome } = await preflightAgainst((_req, res) => {
        res.writeHead(200, { 'content-type': contentType });
        res.end(body);
      });
      expect(outcome.ok, `preflight must not stop the run on a ${label}: ${outcome.ok ? '' : outcome.message}`).toBe(
        true,
      );
    }
  });

  test('a redirect is reported with its Location, not followed', async () => {
    const { outcome, requests } = await preflightAgainst((_req, res) => {
      res.writeHead(302, { location: 'https://elsewhere.example/' });
      res.end();
    });
    expect(outcome).toMatchObject({ ok: false, kind: 'redirect' });
    expect(outcome.ok ? '' : outcome.message).toContain('https://elsewhere.example/');
    expect(requests).toHaveLength(1);
  });

  test('a 429 with Retry-After is retried before the verdict', async () => {
    const { outcome, requests } = await preflightAgainst((_req, res, index) => {
      if (index === 0) sendJson(res, 429, { message: 'slow down' }, { 'retry-after': '0' });
      else sendJson(res, 200, { value: [] });
    });
    expect(outcome).toEqual({ ok: true, status: 200, jobsOnFirstPage: 0 });
    expect(requests).toHaveLength(2);
  });

  test('a persistent 500 becomes one server-error message', async () => {
    const { outcome } = await preflightAgainst((_req, res) => {
      sendJson(res, 500, { error: { code: 'InternalServerError', message: 'x' } });
    });
    expect(outcome).toMatchObject({ ok: false, kind: 'server-error' });
  });

  test('assertPreflight throws one PreflightError whose stack is just the message', async () => {
    const error = await assertPreflight(target(await closedPortUrl())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreflightError);
    const { message, stack } = error as PreflightError;
    expect(stack, 'Playwright prints the stack; it must be the message alone').toBe(message);
  });
});
