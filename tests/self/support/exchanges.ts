import { exchangeFrom, type Exchange, type SentRequest } from '../../../src/suite/http/client';

export interface ExchangeSpec {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string is the body text as sent; anything else is sent as its JSON. */
  readonly body?: unknown;
  readonly request?: Partial<SentRequest>;
  readonly durationMs?: number;
  readonly contentEncodingProblem?: string;
  readonly startedAt?: Date;
}

/** A hand-built exchange for feeding checks: a 200 JSON GET unless told otherwise. */
export function exchangeOf(spec: ExchangeSpec = {}): Exchange {
  const headers = Object.fromEntries(
    Object.entries(spec.headers ?? { 'content-type': 'application/json; charset=utf-8' }).map(([name, value]) => [
      name.toLowerCase(),
      value,
    ]),
  );
  const bodyText = spec.body === undefined ? '' : typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
  const request: SentRequest = {
    method: 'GET',
    url: 'http://127.0.0.1:1/jobs/deletions?api-version=2023-10-31',
    headers: {},
    ...spec.request,
  };
  const status = spec.status ?? 200;
  return exchangeFrom({
    request,
    status,
    headers,
    bodyText,
    ...(spec.contentEncodingProblem === undefined ? {} : { contentEncodingProblem: spec.contentEncodingProblem }),
    durationMs: spec.durationMs ?? 1,
    startedAt: spec.startedAt ?? new Date('2024-06-01T12:00:00Z'),
    reused: false,
  });
}

/** An ErrorResponse reply whose x-ms-error-code agrees with its error.code. */
export function errorExchange(status: number, code: string, request?: Partial<SentRequest>): Exchange {
  return exchangeOf({
    status,
    headers: { 'content-type': 'application/json', 'x-ms-error-code': code },
    body: { error: { code, message: `${code}.` } },
    ...(request === undefined ? {} : { request }),
  });
}
