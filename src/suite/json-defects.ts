import { isJsonContentType } from './checks';
import type { Exchange } from './http/client';

/**
 * DJ-JSON-01: what is wrong with a JSON response, in words a report reader understands: a body that is not what its
 * Content-Encoding announces, a byte order mark, bytes after the JSON value, a missing or wrong content type, a body
 * that does not parse. Empty when nothing is.
 */

const BOM = '\uFEFF';
const JSON_WHITESPACE = /^[ \t\n\r]*/;

function preview(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/** Where the first JSON value of the text ends (after leading whitespace), or undefined when it never closes. */
function endOfFirstValue(text: string): number | undefined {
  const start = JSON_WHITESPACE.exec(text)?.[0].length ?? 0;
  const first = text[start];
  if (first !== '{' && first !== '[' && first !== '"') {
    const primitive = /^(?:-?\d[\d.eE+-]*|true|false|null)/.exec(text.slice(start));
    return primitive ? start + primitive[0].length : undefined;
  }
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') {
        inString = false;
        if (depth === 0) return index + 1;
      }
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return undefined;
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
    return [`${Buffer.byteLength(rest)} byte(s) follow the JSON value (${JSON.stringify(shown)}); a JSON text is exactly one value`];
  }
  return [`the body does not parse as JSON (${parseProblem(text) ?? ''}): ${preview(text)}`];
}

export function jsonBodyDefects(exchange: Exchange): string[] {
  if (exchange.contentEncodingProblem !== undefined) return [`${exchange.contentEncodingProblem}; what came back: ${preview(exchange.bodyText)}`];
  const contentType = exchange.header('content-type');
  const typeProblems =
    contentType === undefined
      ? ['the content-type header is missing: a JSON body needs application/json']
      : isJsonContentType(contentType)
        ? []
        : [`content-type is ${JSON.stringify(contentType)}, not a JSON content type (application/json)`];
  const hasBom = exchange.bodyText.startsWith(BOM);
  const bomProblems = hasBom ? ['the body starts with a UTF-8 byte order mark, which RFC 8259 section 8.1 forbids in JSON text'] : [];
  return [...typeProblems, ...bomProblems, ...bodyProblems(hasBom ? exchange.bodyText.slice(BOM.length) : exchange.bodyText)];
}
