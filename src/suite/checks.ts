import type { Exchange } from './http/client';
import { decodedSegment } from './ids';
import { isRecord, parsedOrUndefined } from './json';

export { isRecord };

/** Readings of an exchange the checks share: pure, with no assertion and no Playwright. */

/** `GET /jobs/deletions/x?api-version=…`, for messages. */
export function describeRequest(exchange: Exchange): string {
  return `${exchange.request.method} ${exchange.request.url.replace(/^https?:\/\/[^/]+/, '')}`;
}

const JOBS_PATH = /\/jobs\/deletions(\/[^/?#]*)?(?:[?#]|$)/;

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/**
 * Which Delete Jobs read a request is: List, or GetById of the id its path segment names (decoded; undefined when
 * it does not decode); undefined for any other route.
 */
export function deleteJobsRouteOf(
  exchange: Exchange,
): { operation: 'list' } | { operation: 'getById'; id: string | undefined } | undefined {
  const match = JOBS_PATH.exec(pathOf(exchange.request.url));
  if (!match) return undefined;
  return match[1] === undefined
    ? { operation: 'list' }
    : { operation: 'getById', id: decodedSegment(match[1].slice(1)) };
}

/** A property counts as present when it is there and not null (the live service omits unset ones). */
export function isPresent(body: Readonly<Record<string, unknown>>, name: string): boolean {
  return body[name] !== undefined && body[name] !== null;
}

function errorPropertyOf(exchange: Exchange, name: 'code' | 'message'): unknown {
  const body = parsedOrUndefined(exchange.bodyText);
  return isRecord(body) && isRecord(body.error) ? body.error[name] : undefined;
}

/** error.code of an ErrorResponse-shaped body, or undefined. */
export function errorCodeOf(exchange: Exchange): unknown {
  return errorPropertyOf(exchange, 'code');
}

/** error.message of an ErrorResponse-shaped body, or undefined. */
export function errorMessageOf(exchange: Exchange): unknown {
  return errorPropertyOf(exchange, 'message');
}

/**
 * DJ-404-02 on one error response: undefined when x-ms-error-code is present and equals error.code,
 * otherwise what is wrong, in words (so the assertion shows it).
 */
export function errorCodeHeaderProblem(exchange: Exchange): string | undefined {
  const header = exchange.header('x-ms-error-code');
  const code = errorCodeOf(exchange);
  if (header === undefined) return `no x-ms-error-code header (error.code in the body is ${JSON.stringify(code)})`;
  if (header !== code)
    return `x-ms-error-code ${JSON.stringify(header)} while error.code in the body is ${JSON.stringify(code)}`;
  return undefined;
}

/** DJ-ODD-02: `a 200 carrying the job "x"` when a 200 body carries an id other than the one asked for. */
export function foreignJobIn(exchange: Exchange, requested: string): string | undefined {
  if (exchange.status !== 200) return undefined;
  const body = parsedOrUndefined(exchange.bodyText);
  return isRecord(body) && body.id !== undefined && body.id !== requested
    ? `a 200 carrying the job ${JSON.stringify(body.id)}`
    : undefined;
}

const JSON_CONTENT_TYPE = /^application\/json\s*(;.*)?$/i;

export function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && JSON_CONTENT_TYPE.test(value.trim());
}
