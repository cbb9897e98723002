import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { MOCK_DEFAULT_TOKEN } from '../contract';
import { ERROR_CATALOGUE, errorResponseBody } from '../errors';
import { JSON_CONTENT_TYPE } from '../respond';
import {
  HOST_PLACEHOLDER,
  REPLAY_NOT_RECORDED_CODE,
  replayKeyOf,
  type CredentialKind,
  type HarEntry,
  type HarFile,
  type HarNameValue,
} from './har-format';
import { contentBytes, servedBytes } from './recording-file';

export interface ReplayOptions {
  /** The bearer token that stands for the recorded run's own credential (default: the mock's token). */
  token?: string;
  log?: (line: string) => void;
}

/** Set by Node or by this server for the body it sends, never copied from the recording. */
const NOT_REPLAYED_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);
const HEALTHZ_BODY = '{"status":"ok"}';

function credentialOf(authorization: string | undefined, token: string): CredentialKind {
  if (authorization === undefined) return 'none';
  return authorization === `Bearer ${token}` ? 'configured' : 'invalid';
}

function headerList(req: IncomingMessage): HarNameValue[] {
  return Object.entries(req.headers).map(([name, value]) => ({
    name,
    value: Array.isArray(value) ? value.join(', ') : (value ?? ''),
  }));
}

/** Byte for byte, except the recorded origin, which becomes the origin the client used (nextLink, Operation-Location). */
function rehosted(bytes: Buffer, recordedOrigin: string, origin: string, host: string): Buffer {
  const text = bytes.toString('latin1');
  if (!text.includes(HOST_PLACEHOLDER) && !text.includes(recordedOrigin)) return bytes;
  return Buffer.from(text.split(recordedOrigin).join(origin).split(HOST_PLACEHOLDER).join(host), 'latin1');
}

function notRecorded(
  method: string,
  path: string,
  credential: CredentialKind,
  headers: readonly HarNameValue[],
  recorded: readonly HarEntry[],
): string {
  const shaping = JSON.parse(replayKeyOf(method, path, credential, headers)) as [
    string,
    string,
    string,
    [string, string][],
  ];
  const asked = shaping[3].map(([name, value]) => `${name}: ${value}`).join('; ') || 'no other headers';
  const samePath = recorded.filter((entry) => entry._adt.pathAsSent === path);
  const known =
    samePath.length === 0
      ? 'The recording has no request to this path and query.'
      : `The recording has this path with: ${[...new Set(samePath.map((entry) => `${entry.request.method}, credential ${entry._adt.credential}`))].join(' | ')}.`;
  return `No recorded answer for ${method} ${path} with credential ${credential} (${asked}). ${known}`;
}

/**
 * Serves a recording: the nth request with a replay key gets the nth recorded answer for that key, and every
 * later one the last. A request the recording cannot answer gets MockReplayNotRecorded naming what was missing.
 */
export function createReplayApp(recording: HarFile, options: ReplayOptions = {}): RequestListener {
  const token = options.token ?? MOCK_DEFAULT_TOKEN;
  const entries = recording.log.entries;
  const answers = new Map<string, HarEntry[]>();
  for (const entry of [...entries].sort((a, b) => a._adt.sequence - b._adt.sequence)) {
    const key = replayKeyOf(entry.request.method, entry._adt.pathAsSent, entry._adt.credential, entry.request.headers);
    const list = answers.get(key) ?? [];
    list.push(entry);
    answers.set(key, list);
  }
  const served = new Map<string, number>();
  const recordedOrigin = recording.log._adt.run.recordedOrigin ?? `http://${HOST_PLACEHOLDER}`;

  return (req: IncomingMessage, res: ServerResponse): void => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const done = (status: number | string): void => options.log?.(`${method} ${path.slice(0, 300)} ${status}`);
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': JSON_CONTENT_TYPE }).end(HEALTHZ_BODY);
      return;
    }
    const headers = headerList(req);
    const credential = credentialOf(req.headers.authorization, token);
    const key = replayKeyOf(method, path, credential, headers);
    const list = answers.get(key);
    if (!list || list.length === 0) {
      const body = JSON.stringify(
        errorResponseBody(REPLAY_NOT_RECORDED_CODE, notRecorded(method, path, credential, headers, entries)),
      );
      res
        .writeHead(ERROR_CATALOGUE[REPLAY_NOT_RECORDED_CODE].status, {
          'content-type': JSON_CONTENT_TYPE,
          'x-ms-error-code': REPLAY_NOT_RECORDED_CODE,
        })
        .end(body);
      done(`${ERROR_CATALOGUE[REPLAY_NOT_RECORDED_CODE].status} not recorded`);
      return;
    }
    const index = served.get(key) ?? 0;
    served.set(key, index + 1);
    const entry = list[Math.min(index, list.length - 1)] as HarEntry;
    if (entry._adt.error !== undefined) {
      req.socket.destroy();
      done('dropped (recorded without a response)');
      return;
    }
    const host = req.headers.host ?? 'localhost';
    const origin = `http://${host}`;
    const contentEncoding = entry.response.headers.find(({ name }) => name.toLowerCase() === 'content-encoding')?.value;
    const body = servedBytes(
      entry.response.content,
      rehosted(contentBytes(entry.response.content), recordedOrigin, origin, host),
      contentEncoding,
    );
    const out: string[] = [];
    for (const { name, value } of entry.response.headers) {
      if (!NOT_REPLAYED_HEADERS.has(name.toLowerCase()))
        out.push(name, rehosted(Buffer.from(value, 'latin1'), recordedOrigin, origin, host).toString('latin1'));
    }
    out.push('content-length', String(body.length));
    res.writeHead(entry.response.status, out);
    res.end(method === 'HEAD' ? undefined : body);
    done(entry.response.status);
  };
}
