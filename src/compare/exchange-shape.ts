/**
 * What of one recorded exchange can be compared between targets: the status, the error codes, the media type,
 * the JSON shape (property paths and types) and the trace response headers. Values that legitimately differ from
 * one target to the next (timestamps, generated ids, messages, correlation ids, dates) never enter it.
 */
import type { HarEntry, HarNameValue } from '../../mock/replay/har-format';

export type ExchangeFacts = Record<string, string>;

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

function header(headers: readonly HarNameValue[], name: string): string | undefined {
  return headers.find((candidate) => candidate.name.toLowerCase() === name)?.value;
}

export function bodyText(entry: HarEntry): string {
  const content = entry.response.content;
  if (content.text === undefined) return '';
  return content.encoding === 'base64' ? Buffer.from(content.text, 'base64').toString('utf8') : content.text;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** `error.code` → `string`, `value[].id` → `string`: every property path of a JSON value with its JSON type. */
export function jsonShape(
  value: unknown,
  at = '$',
  into: Map<string, Set<string>> = new Map(),
): Map<string, Set<string>> {
  const types = into.get(at) ?? new Set<string>();
  types.add(typeOf(value));
  into.set(at, types);
  if (Array.isArray(value)) for (const item of value) jsonShape(item, `${at}[]`, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [name, child] of Object.entries(value)) jsonShape(child, `${at}.${name}`, into);
  }
  return into;
}

function parsedBody(text: string): { ok: true; value: unknown } | { ok: false; kind: string } {
  if (text.trim() === '') return { ok: false, kind: 'empty' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, kind: 'not JSON' };
  }
}

function errorCode(value: unknown): string {
  if (typeof value !== 'object' || value === null || !('error' in value)) return 'absent';
  const error = value.error;
  if (typeof error !== 'object' || error === null || !('code' in error)) return 'absent';
  return typeof error.code === 'string' ? error.code : `(${typeOf(error.code)})`;
}

function traceFacts(entry: HarEntry): ExchangeFacts {
  const response = header(entry.response.headers, 'traceresponse');
  const facts: ExchangeFacts = {
    'header traceparent (response)': header(entry.response.headers, 'traceparent') === undefined ? 'absent' : 'present',
  };
  if (response === undefined) return { ...facts, 'header traceresponse': 'absent' };
  const parsed = TRACEPARENT.exec(response.trim());
  if (!parsed) return { ...facts, 'header traceresponse': 'malformed' };
  const sentTraceId = TRACEPARENT.exec(header(entry.request.headers, 'traceparent')?.trim() ?? '')?.[2];
  const sameTrace =
    sentTraceId === undefined
      ? 'no traceparent sent'
      : sentTraceId === parsed[2]
        ? "the request's"
        : 'another trace-id';
  return { ...facts, 'header traceresponse': 'well-formed', 'traceresponse trace-id': sameTrace };
}

/** The comparable facts of one exchange, as field → normalised value. */
export function exchangeFacts(entry: HarEntry): ExchangeFacts {
  const contentType = header(entry.response.headers, 'content-type');
  const facts: ExchangeFacts = {
    status: String(entry.response.status),
    'header x-ms-error-code': header(entry.response.headers, 'x-ms-error-code') ?? 'absent',
    'content-type (media type)':
      contentType === undefined ? 'absent' : (contentType.split(';')[0] ?? '').trim().toLowerCase(),
    ...traceFacts(entry),
  };
  const body = parsedBody(bodyText(entry));
  if (!body.ok) return { ...facts, body: body.kind, 'error.code': 'absent' };
  facts['error.code'] = errorCode(body.value);
  for (const [at, types] of jsonShape(body.value)) facts[`body ${at}`] = [...types].sort().join(' | ');
  return facts;
}
