import { appendFileSync, mkdirSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import path from 'node:path';
import type { HarEntry, HarNameValue } from '../../../mock/replay/har-format';
import type { EvidenceRecord, EvidenceSink } from '../http/client';
import { scrubberFor, type Scrubber } from './scrub';

/**
 * Records every exchange of one process (globalSetup, or one worker) as scrubbed HAR entries, one JSON line each,
 * in a part file under the run's output folder; the matrix reporter assembles the parts into one HAR at the end.
 */

export const EXCHANGE_PARTS_DIR = 'exchanges';

/** One line of a part file. A reused response was not sent again: it only adds its test to the original entry. */
export interface RecordedLine {
  readonly reused: boolean;
  readonly entry: HarEntry;
}

export interface RecordingSettings {
  /** The HAR file; undefined when recording is off. */
  readonly file: string | undefined;
  readonly keepHost: boolean;
}

export interface RecordingContext {
  readonly outputDir: string;
  /** Part file name, unique per process. */
  readonly part: string;
  readonly baseUrl: string;
  readonly keepHost: boolean;
  readonly phase: 'setup' | 'test';
  readonly test?: { readonly title: string; readonly requirementIds: readonly string[] };
}

function queryOf(pathAsSent: string): HarNameValue[] {
  const mark = pathAsSent.indexOf('?');
  if (mark === -1) return [];
  const decode = (text: string): string => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return text;
    }
  };
  return pathAsSent
    .slice(mark + 1)
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const equals = part.indexOf('=');
      return equals === -1
        ? { name: decode(part), value: '' }
        : { name: decode(part.slice(0, equals)), value: decode(part.slice(equals + 1)) };
    });
}

const URI_CHARACTERS = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]/;

/**
 * HAR's `url` is a URI: a stray `%` or a character a URI cannot hold (a space, unicode) is percent-encoded, and
 * nothing else changes (`/..` stays). The exact path as sent is `_adt.pathAsSent`.
 */
export function harUrl(url: string): string {
  let result = '';
  for (let index = 0; index < url.length; index += 1) {
    const char = url[index] ?? '';
    if (char === '%') result += /^[0-9A-Fa-f]{2}$/.test(url.slice(index + 1, index + 3)) ? '%' : '%25';
    else if (URI_CHARACTERS.test(char)) result += char;
    else {
      const point = url.codePointAt(index) ?? 0;
      const whole = String.fromCodePoint(point);
      index += whole.length - 1;
      result += [...Buffer.from(whole, 'utf8')]
        .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
        .join('');
    }
  }
  return result;
}

function headerList(headers: Readonly<Record<string, string>>, scrub: Scrubber): HarNameValue[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value: scrub.header(name, value) }));
}

export function harEntryOf(record: EvidenceRecord, context: RecordingContext, scrub: Scrubber): HarEntry {
  const response = record.response;
  const durationMs = response?.durationMs ?? 0;
  // A body that came content-coded is recorded decoded, as HAR 1.2 asks (`compression` is what the coding saved),
  // so secrets in it are scrubbed like any other; a replay codes it again. One that did not decode stays as it came.
  const decoded = response?.decodedBytes;
  const scrubbed = response
    ? scrub.content(decoded ?? response.bodyBytes, response.headers['content-type'] ?? '')
    : { size: 0, mimeType: 'x-unknown' };
  const content =
    response && decoded ? { ...scrubbed, compression: scrubbed.size - response.bodyBytes.length } : scrubbed;
  return {
    startedDateTime: record.startedAt.toISOString(),
    time: durationMs,
    request: {
      method: record.request.method,
      url: harUrl(scrub.text(record.request.url)),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headerList(record.request.headers, scrub),
      queryString: queryOf(scrub.text(record.pathAsSent)),
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: response?.status ?? 0,
      statusText: response ? (STATUS_CODES[response.status] ?? '') : '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: response ? headerList(response.headers, scrub) : [],
      content,
      redirectURL: scrub.text(response?.headers.location ?? ''),
      headersSize: -1,
      bodySize: response ? (decoded ? response.bodyBytes.length : content.size) : -1,
    },
    cache: {},
    timings: { send: 0, wait: durationMs, receive: 0 },
    _adt: {
      pathAsSent: scrub.text(record.pathAsSent),
      credential: record.credential,
      phase: context.phase,
      tests: context.test ? [context.test.title] : [],
      requirementIds: [...(context.test?.requirementIds ?? [])],
      sequence: 0,
      ...(record.error === undefined ? {} : { error: scrub.text(record.error) }),
    },
  };
}

/** A sink that appends each exchange, scrubbed, to this process's part file. */
export function recordingSink(context: RecordingContext): EvidenceSink {
  const scrub = scrubberFor(context.baseUrl, context.keepHost);
  const dir = path.join(context.outputDir, EXCHANGE_PARTS_DIR);
  const file = path.join(dir, `${context.part}.ndjson`);
  let ready = false;
  return (record) => {
    if (!ready) {
      mkdirSync(dir, { recursive: true });
      ready = true;
    }
    const line: RecordedLine = { reused: record.reused, entry: harEntryOf(record, context, scrub) };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
    return Promise.resolve();
  };
}
