import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A second implementation of GetById and List, written apart from the bundled mock, that is correct but
 * different: `Z` timestamps with trimmed fractions and other offsets, extra properties, no charset, richer
 * error bodies, extra headers, a non-ErrorResponse 401, paging with `nextLink: null` on the last page.
 * It has no defects of its own: breaking a server is the one mutation system's job (mock quirks, src/verify).
 */

export interface ReferenceServer {
  readonly url: string;
  /** Every request line received, exactly as it arrived (method and raw target). */
  readonly received: readonly string[];
  close(): Promise<void>;
}

type Job = Readonly<Record<string, unknown>> & { readonly id: string };

export const REFERENCE_JOBS: readonly Job[] = [
  {
    id: 'Job-Alpha',
    status: 'succeeded',
    createdDateTime: '2024-03-01T10:00:00.5Z',
    finishedDateTime: '2024-03-01T15:31:02.75+05:30',
    purgeDateTime: '2024-03-31T10:01:02.75Z',
    progress: { deleted: { models: 3, twins: 120, relationships: 80 } },
    kind: 'delete',
  },
  {
    id: 'job-alpha',
    status: 'failed',
    createdDateTime: '2024-03-02T08:00:00Z',
    finishedDateTime: '2024-03-02T20:00:00Z',
    purgeDateTime: '2024-04-01T20:00:00Z',
    error: {
      code: 'JobTimedOut',
      message: 'The job did not finish within 720 minutes.',
      details: [{ code: 'Timeout', message: 'Timed out.' }],
      innererror: { code: 'DeleteTimeout' },
      target: 'job',
    },
  },
  {
    id: 'running-1',
    status: 'running',
    createdDateTime: '2024-06-01T23:59:59.999999Z',
    purgeDateTime: '2024-07-01T23:59:59.999999Z',
  },
  {
    id: 'queued',
    status: 'notstarted',
    createdDateTime: '2024-06-02T00:00:00-07:00',
    purgeDateTime: '2024-07-02T07:00:00Z',
  },
  {
    id: '12345',
    status: 'succeeded',
    createdDateTime: '2024-01-01T00:00:00.1Z',
    finishedDateTime: '2024-01-01T00:00:00.10001Z',
    purgeDateTime: '2024-01-31T00:00:00.1Z',
  },
];

const SUPPORTED_API_VERSION = '2023-10-31';
const DEFAULT_PAGE_SIZE = 2;
const VALID_TRACEPARENT = /^00-([\da-f]{32})-([\da-f]{16})-[\da-f]{2}$/;

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

function errorReply(status: number, code: string, message: string): Reply {
  return {
    status,
    body: {
      error: {
        code,
        message,
        details: [{ code: `${code}Detail`, message }],
        innererror: { code: `${code}Inner`, innererror: { code: 'Deeper' } },
        target: 'request',
      },
      requestTime: new Date(0).toISOString(),
    },
    headers: { 'x-ms-error-code': code },
  };
}

function queryParams(rawQuery: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const [name = '', value = ''] = pair.split('=', 2);
    params.set(name, value);
  }
  return params;
}

function decodeSafely(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function listPage(origin: string, params: Map<string, string>, pageSizeHeader: string | undefined): Reply {
  const size = Math.max(1, Number(pageSizeHeader ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE);
  const start = Number(params.get('continuationToken') ?? '0') || 0;
  const value = REFERENCE_JOBS.slice(start, start + size);
  const next =
    start + size < REFERENCE_JOBS.length
      ? `${origin}/jobs/deletions?continuationToken=${start + size}&api-version=${SUPPORTED_API_VERSION}`
      : null;
  return { status: 200, body: { value, nextLink: next, '@odata.context': 'reference' } };
}

function route(request: http.IncomingMessage, origin: string, token: string): Reply {
  const target = request.url ?? '/';
  const queryStart = target.indexOf('?');
  const path = queryStart === -1 ? target : target.slice(0, queryStart);
  const params = queryParams(queryStart === -1 ? '' : target.slice(queryStart + 1));

  if (request.headers.authorization !== `Bearer ${token}`) {
    return { status: 401, body: { statusCode: 401, message: 'Unauthorized' } };
  }
  // Two api-version values are no one version: rejected as ASP.NET API Versioning rejects an ambiguous version.
  if (
    queryStart !== -1 &&
    target
      .slice(queryStart + 1)
      .split('&')
      .filter((pair) => pair.split('=')[0] === 'api-version').length > 1
  )
    return errorReply(400, 'AmbiguousApiVersion', 'The api-version query parameter is given more than once.');
  const version = params.get('api-version');
  if (version === undefined)
    return errorReply(400, 'MissingApiVersionParameter', 'The api-version query parameter is required.');
  if (version !== SUPPORTED_API_VERSION)
    return errorReply(400, 'UnsupportedApiVersionValue', `Supported api-versions: ${SUPPORTED_API_VERSION}.`);
  if (request.method !== 'GET') return errorReply(405, 'ReferenceMethodNotAllowed', 'Only GET is served here.');

  const collectionPath = '/jobs/deletions';
  if (path === collectionPath || path === `${collectionPath}/`) {
    const header = request.headers['max-items-per-page'];
    return listPage(origin, params, typeof header === 'string' ? header : undefined);
  }
  if (!path.startsWith(`${collectionPath}/`)) return errorReply(404, 'ReferenceRouteNotFound', 'No such route.');
  const segment = path.slice(collectionPath.length + 1);
  const id = decodeSafely(segment);
  if (id === undefined || segment.includes('/'))
    return errorReply(400, 'InvalidArgument', 'The id is not a valid path segment.');
  const job = REFERENCE_JOBS.find((candidate) => candidate.id === id);
  if (!job) return errorReply(404, 'DeleteJobNotFound', `There is no delete job with id ${JSON.stringify(id)}.`);
  return { status: 200, body: job };
}

function traceHeaders(request: http.IncomingMessage): Record<string, string> {
  const traceparent = request.headers.traceparent;
  const match = typeof traceparent === 'string' ? VALID_TRACEPARENT.exec(traceparent) : null;
  const traceId = match?.[1];
  if (traceId === undefined || /^0+$/.test(traceId) || /^0+$/.test(match?.[2] ?? '')) return {};
  return { traceresponse: `00-${traceId}-${randomUUID().replace(/-/g, '').slice(0, 16)}-01` };
}

export async function startReferenceServer(options: { readonly token: string }): Promise<ReferenceServer> {
  const received: string[] = [];
  let origin = '';
  const server = http.createServer((request, response) => {
    received.push(`${request.method ?? '?'} ${request.url ?? ''}`);
    const reply = route(request, origin, options.token);
    response.writeHead(reply.status, {
      'content-type': 'application/json',
      'x-ms-request-id': randomUUID(),
      'mise-correlation-id': randomUUID(),
      'strict-transport-security': 'max-age=31536000',
      ...traceHeaders(request),
      ...reply.headers,
    });
    response.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    received,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
