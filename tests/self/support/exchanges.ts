import type { Exchange, SentRequest } from '../../../src/suite/http/client';

export interface ExchangeSpec {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string is the body text as sent; anything else is sent as JSON. Omitted: an empty body. */
  readonly body?: unknown;
  readonly request?: Partial<SentRequest>;
}

/** A hand-built exchange for the checks' unit tests, shaped like the client's. */
export function exchangeOf({ status, headers = {}, body, request = {} }: ExchangeSpec): Exchange {
  const lowerCased = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const bodyText = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return {
    request: { method: 'GET', url: 'http://127.0.0.1/jobs/deletions/job?api-version=2023-10-31', headers: {}, ...request },
    status,
    headers: lowerCased,
    bodyText,
    durationMs: 1,
    reused: false,
    header: (name) => lowerCased[name.toLowerCase()],
    json: () => JSON.parse(bodyText) as unknown,
  };
}

/** An ErrorResponse reply whose x-ms-error-code agrees with its error.code. */
export function errorExchange(status: number, code: string, request?: Partial<SentRequest>): Exchange {
  return exchangeOf({ status, headers: { 'content-type': 'application/json', 'x-ms-error-code': code }, body: { error: { code, message: `${code}.` } }, ...(request === undefined ? {} : { request }) });
}
