import { readFileSync } from 'node:fs';
import { parseRecording, type HarEntry, type HarFile } from '../../mock/replay/har-format';
import { exchangeFrom, type Exchange, type Method } from '../suite/http/client';
import { readParts } from '../reporting/recording';

/**
 * Exchanges as the checks see them, from a recording rather than from the client: a HAR entry of this suite's
 * recorder, or of any tool that writes HAR 1.2 (the body as recorded: HAR keeps it with its Content-Encoding undone).
 */
export function exchangeOfHarEntry(entry: HarEntry): Exchange {
  const headers: Record<string, string> = {};
  for (const { name, value } of entry.response.headers) {
    const key = name.toLowerCase();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  const requestHeaders = Object.fromEntries(
    entry.request.headers.map(({ name, value }) => [name.toLowerCase(), value]),
  );
  const { text = '', encoding } = entry.response.content;
  const bodyText = encoding === 'base64' ? Buffer.from(text, 'base64').toString('utf8') : text;
  const pathAsSent = (entry as Partial<HarEntry>)._adt?.pathAsSent;
  const url = pathAsSent === undefined ? entry.request.url : new URL(entry.request.url).origin + pathAsSent;
  return exchangeFrom({
    request: { method: entry.request.method.toUpperCase() as Method, url, headers: requestHeaders },
    status: entry.response.status,
    headers,
    bodyText,
    durationMs: entry.time,
    startedAt: new Date(entry.startedDateTime),
    reused: false,
  });
}

/** Every exchange the run's processes recorded so far (their part files under `outputDir`), each response once. */
export function recordedExchanges(outputDir: string): Exchange[] {
  return readParts(outputDir)
    .filter((entry) => entry._adt.error === undefined && entry.response.status !== 0)
    .map(exchangeOfHarEntry);
}

/** A recording the run already checked (the replay's own file): read again, as it is. */
export function readRecordingFile(file: string): HarFile {
  return parseRecording(readFileSync(file, 'utf8'), file);
}

/** Every answered exchange of a recording file (a judged recording's, whatever tool wrote it). */
export function exchangesInRecording(file: string): Exchange[] {
  return readRecordingFile(file)
    .log.entries.filter((entry) => entry._adt.error === undefined && entry.response.status !== 0)
    .map(exchangeOfHarEntry);
}
