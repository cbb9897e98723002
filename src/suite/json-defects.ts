import { isJsonContentType } from './checks';
import type { Exchange } from './http/client';
import { BYTE_ORDER_MARK, endOfFirstValue } from './json';

/**
 * DJ-JSON-01: what is wrong with a JSON response, in words a report reader understands: a body that is not what its
 * Content-Encoding announces, a byte order mark, bytes after the JSON value, a missing or wrong content type, a body
 * that does not parse. Empty when nothing is.
 */

function preview(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

function parseProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function bodyProblems(text: string): string[] {
  if (parseProblem(text) === undefined) return [];
  const end = endOfFirstValue(text);
  const rest = end === undefined ? '' : text.slice(end);
  if (end !== undefined && parseProblem(text.slice(0, end)) === undefined && rest.trim() !== '') {
    const shown = rest.length > 40 ? `${rest.slice(0, 40)}…` : rest;
    return [
      `${Buffer.byteLength(rest)} byte(s) follow the JSON value (${JSON.stringify(shown)}); a JSON text is exactly one value`,
    ];
  }
  return [`the body does not parse as JSON (${parseProblem(text) ?? ''}): ${preview(text)}`];
}

export function jsonBodyDefects(exchange: Exchange): string[] {
  if (exchange.contentEncodingProblem !== undefined)
    return [`${exchange.contentEncodingProblem}; what came back: ${preview(exchange.bodyText)}`];
  const contentType = exchange.header('content-type');
  const typeProblems =
    contentType === undefined
      ? ['the content-type header is missing: a JSON body needs application/json']
      : isJsonContentType(contentType)
        ? []
        : [`content-type is ${JSON.stringify(contentType)}, not a JSON content type (application/json)`];
  const hasBom = exchange.bodyText.startsWith(BYTE_ORDER_MARK);
  const bomProblems = hasBom
    ? ['the body starts with a UTF-8 byte order mark, which RFC 8259 section 8.1 forbids in JSON text']
    : [];
  return [
    ...typeProblems,
    ...bomProblems,
    ...bodyProblems(hasBom ? exchange.bodyText.slice(BYTE_ORDER_MARK.length) : exchange.bodyText),
  ];
}
