import { DEFAULT_API_VERSION } from '../config/variables';
import {
  ADT_RECORDING_KIND,
  ADT_RECORDING_VERSION,
  HAR_VERSION,
  parseRecording,
  RecordingError,
  replayKeyOf,
  type CredentialKind,
  type HarEntry,
  type HarFile,
  type HarNameValue,
  HEADERS_NOT_MATCHED,
} from '../../mock/replay/har-format';

/** Input `npm run judge` cannot read: one line, exit 2. */
export class JudgeInputError extends Error {}

const DELETE_JOBS_PATH = /^(.*?)\/jobs\/deletions(?:[/?]|$)/;
const FIX =
  'Pass a HAR 1.2 file (a browser\'s "Save all as HAR", a recording proxy\'s export, or reports/exchanges.har of a run).';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nameValues(value: unknown): HarNameValue[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isObject)
    .map((pair) => ({ name: String(pair.name), value: typeof pair.value === 'string' ? pair.value : '' }));
}

/** Path and query exactly as written in the URL: `new URL` would normalise them, and normalisation is judged. */
function pathAndQuery(url: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^#]*)/i.exec(url)?.[1] || undefined;
}

interface ForeignExchange {
  entry: Record<string, unknown>;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
  method: string;
  url: string;
  pathAsSent: string;
  prefix: string;
  authorization: string | undefined;
  status: number;
}

function foreignExchange(raw: unknown): ForeignExchange | undefined {
  if (!isObject(raw) || !isObject(raw.request) || !isObject(raw.response)) return undefined;
  const { request, response } = raw;
  if (typeof request.url !== 'string' || typeof request.method !== 'string') return undefined;
  const pathAsSent = pathAndQuery(request.url);
  const route = pathAsSent === undefined ? undefined : DELETE_JOBS_PATH.exec(pathAsSent);
  if (pathAsSent === undefined || !route) return undefined;
  // An export that left a body out (a browser's sanitized HAR, a size limit) cannot say what was answered.
  const content = isObject(response.content) ? response.content : {};
  if (typeof content.text !== 'string' && content.size !== 0) return undefined;
  const authorization = nameValues(request.headers).find(({ name }) => name.toLowerCase() === 'authorization')?.value;
  const status = typeof response.status === 'number' ? response.status : 0;
  return {
    entry: raw,
    request,
    response,
    method: request.method.toUpperCase(),
    url: request.url,
    pathAsSent,
    prefix: route[1] ?? '',
    authorization,
    status,
  };
}

/**
 * Which credential each request carried, from the traffic alone. The value most often answered 2xx is the
 * configured one; no header is `none`; any other value is `invalid`. A tool that redacted every token to one
 * value leaves the 401s as the only sign of an invalid one. A recording with no Authorization header at all
 * (a browser export strips it) says nothing about credentials: every request counts as configured.
 */
function credentialKinds(exchanges: readonly ForeignExchange[]): CredentialKind[] {
  if (exchanges.every(({ authorization }) => authorization === undefined)) return exchanges.map(() => 'configured');
  const accepted = new Map<string, number>();
  for (const { authorization, status } of exchanges) {
    if (authorization !== undefined && status >= 200 && status < 300)
      accepted.set(authorization, (accepted.get(authorization) ?? 0) + 1);
  }
  const configured = [...accepted.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return exchanges.map(({ authorization, status }) => {
    if (authorization === undefined) return 'none';
    return authorization === configured && status !== 401 ? 'configured' : 'invalid';
  });
}

function mostCommon(values: readonly string[], fallback: string): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? fallback;
}

function contentOf(
  response: Record<string, unknown>,
  headers: readonly HarNameValue[],
): HarEntry['response']['content'] {
  const content = isObject(response.content) ? response.content : {};
  const coded = headers.some(
    ({ name, value }) => name.toLowerCase() === 'content-encoding' && !/^\s*identity\s*$/i.test(value),
  );
  return {
    size: typeof content.size === 'number' ? content.size : 0,
    mimeType: typeof content.mimeType === 'string' ? content.mimeType : '',
    ...(typeof content.text === 'string' ? { text: content.text } : {}),
    ...(content.encoding === 'base64' ? { encoding: 'base64' as const } : {}),
    // HAR keeps a body with its Content-Encoding undone; the replay codes it again as the header says.
    ...(coded ? { compression: typeof content.compression === 'number' ? content.compression : 0 } : {}),
  };
}

/** The request headers the suite's probes choose (W3C Trace Context), which a recording can answer too. */
const PROBED_HEADERS: ReadonlySet<string> = new Set(['traceparent', 'tracestate']);

/**
 * Another tool's request headers (cookies, browser hints, an SDK's request id) never match what this suite sends;
 * kept, they would leave every request unanswered. Only the headers the replay does not match on stay, and the
 * trace headers the suite's own probes send: recorded with the same values, they answer those probes.
 */
function plainRequestHeaders(request: Record<string, unknown>): HarNameValue[] {
  return nameValues(request.headers).filter(
    ({ name }) => HEADERS_NOT_MATCHED.has(name.toLowerCase()) || PROBED_HEADERS.has(name.toLowerCase()),
  );
}

function entryOf(exchange: ForeignExchange, credential: CredentialKind, sequence: number): HarEntry {
  const { entry, request, response } = exchange;
  const headers = nameValues(response.headers);
  return {
    startedDateTime: typeof entry.startedDateTime === 'string' ? entry.startedDateTime : new Date(0).toISOString(),
    time: typeof entry.time === 'number' ? entry.time : 0,
    request: {
      method: exchange.method,
      url: exchange.url,
      httpVersion: typeof request.httpVersion === 'string' ? request.httpVersion : 'HTTP/1.1',
      cookies: [],
      headers: plainRequestHeaders(request),
      queryString: nameValues(request.queryString),
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status: exchange.status,
      statusText: typeof response.statusText === 'string' ? response.statusText : '',
      httpVersion: typeof response.httpVersion === 'string' ? response.httpVersion : 'HTTP/1.1',
      cookies: [],
      headers,
      content: contentOf(response, headers),
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: typeof entry.time === 'number' ? entry.time : 0, receive: 0 },
    _adt: {
      pathAsSent: exchange.pathAsSent,
      credential,
      phase: 'test',
      tests: [],
      requirementIds: [],
      sequence,
      ...(exchange.status === 0 ? { error: 'no response was recorded' } : {}),
    },
  };
}

function startedOf(exchange: ForeignExchange): string {
  return typeof exchange.entry.startedDateTime === 'string' ? exchange.entry.startedDateTime : '';
}

function apiVersionOf(pathAsSent: string): string | undefined {
  const query = pathAsSent.split('?')[1];
  return query === undefined ? undefined : (new URLSearchParams(query).get('api-version') ?? undefined);
}

/** A HAR from any tool, as a recording the replay serves: its Delete Jobs exchanges with what a replay needs. */
function fromForeignHar(log: Record<string, unknown>, file: string): HarFile {
  const all = Array.isArray(log.entries) ? log.entries : [];
  const exchanges = all
    .map(foreignExchange)
    .filter((exchange): exchange is ForeignExchange => exchange !== undefined)
    .sort((a, b) => startedOf(a).localeCompare(startedOf(b)));
  if (exchanges.length === 0)
    throw new JudgeInputError(
      `${file} holds no Delete Jobs traffic (no request to /jobs/deletions among its ${all.length} entries): there is nothing to judge.`,
    );
  const kinds = credentialKinds(exchanges);
  const counted = new Map<string, number>();
  const entries = exchanges.map((exchange, index) => {
    const credential = kinds[index] ?? 'configured';
    const key = replayKeyOf(exchange.method, exchange.pathAsSent, credential, plainRequestHeaders(exchange.request));
    const sequence = counted.get(key) ?? 0;
    counted.set(key, sequence + 1);
    return entryOf(exchange, credential, sequence);
  });
  const accepted = exchanges.filter(
    (exchange, index) => kinds[index] === 'configured' && exchange.status >= 200 && exchange.status < 300,
  );
  const first = exchanges[0] as ForeignExchange;
  const creator = isObject(log.creator) && typeof log.creator.name === 'string' ? log.creator.name : 'an unnamed tool';
  return {
    log: {
      version: HAR_VERSION,
      creator: {
        name: creator,
        version: isObject(log.creator) && typeof log.creator.version === 'string' ? log.creator.version : '',
      },
      entries,
      _adt: {
        kind: ADT_RECORDING_KIND,
        version: ADT_RECORDING_VERSION,
        run: {
          target: 'url',
          pathPrefix: mostCommon(
            exchanges.map(({ prefix }) => prefix),
            '',
          ),
          apiVersion: mostCommon(
            accepted.flatMap(({ pathAsSent }) => apiVersionOf(pathAsSent) ?? []),
            DEFAULT_API_VERSION,
          ),
          auth: 'token',
          deleteJobId: '',
          allowCreateDeleteJob: '0',
          latencySamples: '20',
          latencyBudgetMs: '1000',
          maxRps: '',
          workers: '',
          selection: '[]',
          recordedOrigin: /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(first.url)?.[0] ?? '',
          judged: file,
        },
      },
    },
  };
}

/**
 * Reads the HAR to judge. This suite's own recording is used as it is; a HAR from any other tool becomes one (its
 * Delete Jobs exchanges, the credential kinds, the order of identical requests, the run settings it implies).
 * Every problem is one JudgeInputError naming the file and the fix.
 */
export function judgedRecording(text: string, file: string): HarFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new JudgeInputError(
      `${file} is not complete JSON (${(error as Error).message}): the file was cut off or is not HAR. ${FIX}`,
    );
  }
  const log = isObject(raw) && isObject(raw.log) ? raw.log : undefined;
  if (!log || !Array.isArray(log.entries))
    throw new JudgeInputError(`${file} is not a HAR file (no log.entries). ${FIX}`);
  if (!isObject(log._adt) || log._adt.kind !== ADT_RECORDING_KIND) return fromForeignHar(log, file);
  try {
    const own = parseRecording(text, file);
    return { log: { ...own.log, _adt: { ...own.log._adt, run: { ...own.log._adt.run, judged: file } } } };
  } catch (error) {
    if (error instanceof RecordingError) throw new JudgeInputError(error.message);
    throw error;
  }
}
