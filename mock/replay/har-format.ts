/**
 * The recording format the suite writes and the replaying mock reads: HAR 1.2 (the format browsers, proxies and
 * HTTP tools read), with `_adt` fields (HAR's own extension convention) carrying what a faithful replay and a
 * verdict-parity check need. Shared by src/ (recorder, compare) and mock/ (replay, scenario-from), so it lives
 * beside mock/contract.ts and imports nothing but mock/contract.ts.
 */
import { commandLine } from '../contract';

export const HAR_VERSION = '1.2';
export const ADT_RECORDING_KIND = 'adt-delete-jobs-exchanges';
export const ADT_RECORDING_VERSION = 1;

/** RFC 2606 reserves `.invalid`: the recorded host never resolves, so a recording cannot reach the real instance. */
export const HOST_PLACEHOLDER = 'adt-instance.invalid';

/** Which credential a request carried; the replay matches on it, never on the credential's value. */
export type CredentialKind = 'configured' | 'none' | 'invalid';

/** The mock's error code for a request the recording has no answer for (never DeleteJobNotFound). */
export const REPLAY_NOT_RECORDED_CODE = 'MockReplayNotRecorded';
export const REPLAY_NOT_RECORDED_STATUS = 501;

export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarRequest {
  method: string;
  /** Absolute URL; the host is HOST_PLACEHOLDER unless the recording kept it. */
  url: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  headersSize: number;
  bodySize: number;
}

export interface HarContent {
  size: number;
  mimeType: string;
  /** The body; base64 when `encoding` says so, which keeps bytes that are not valid UTF-8 (a BOM, say) exact. */
  text?: string;
  encoding?: 'base64';
  /** Bytes the response's Content-Encoding saved: present when `text` is the decoded body, which a replay codes again. */
  compression?: number;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
}

export interface AdtEntryFields {
  /** Path and query exactly as sent (HAR's `url` may be normalised by readers; this never is). */
  pathAsSent: string;
  credential: CredentialKind;
  /** `setup` for discovery and preflight (globalSetup), `test` for a test's own requests. */
  phase: 'setup' | 'test';
  /** Titles of the tests that used this exchange (a reused response lists every test that read it). */
  tests: string[];
  requirementIds: string[];
  /** 0, 1, 2…: the order of identical requests, so a replay answers the nth one with the nth recording. */
  sequence: number;
  /** Set when no response arrived (connection reset, timeout): the replay drops the connection. */
  error?: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  _adt: AdtEntryFields;
}

/** One requirement's verdict in the recorded run, as the conformance matrix gave it. */
export interface RecordedVerdict {
  id: string;
  verdict: string;
  reason: string;
}

export interface AdtLogFields {
  kind: typeof ADT_RECORDING_KIND;
  version: typeof ADT_RECORDING_VERSION;
  /** The settings that decide which tests run, so a replay runs the same ones (target kind, api-version, opt-ins…). */
  run: Record<string, string>;
  /** Present once the run has ended; a replay's verdicts are checked against these. */
  status?: string;
  /** The run verdict as the console printed it, e.g. `PASSED (selected tests only: 5 of 38 requirements run, …)`. */
  verdict?: string;
  verdicts?: RecordedVerdict[];
}

export interface HarLog {
  version: typeof HAR_VERSION;
  /** The suite writes its version, and in the comment the api-version and the catalogue's size. */
  creator: { name: string; version: string; comment?: string };
  pages?: unknown[];
  entries: HarEntry[];
  _adt: AdtLogFields;
}

export interface HarFile {
  log: HarLog;
}

/**
 * Request headers that never shape the answer the suite judges: the credential (matched by kind instead), and
 * what the HTTP stack adds or the suite always sends the same.
 */
export const HEADERS_NOT_MATCHED: ReadonlySet<string> = new Set([
  'authorization',
  'host',
  'connection',
  'content-length',
  'user-agent',
  'accept',
  'accept-encoding',
]);

/**
 * What a replay matches a request on: method, path and query as sent, credential kind and every other request
 * header the client chose (trace headers, max-items-per-page, the mock's x-mock-* headers). The recorder numbers
 * `_adt.sequence` per key, the replay counts per key.
 */
export function replayKeyOf(
  method: string,
  pathAsSent: string,
  credential: CredentialKind,
  headers: readonly HarNameValue[],
): string {
  const shaping = headers
    .map(({ name, value }) => [name.toLowerCase(), value] as const)
    .filter(([name]) => !HEADERS_NOT_MATCHED.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([method.toUpperCase(), pathAsSent, credential, shaping]);
}

/** A file that cannot be replayed or seeded from; the message says what it is and what to do. */
export class RecordingError extends Error {}

const CREDENTIAL_KINDS: readonly string[] = ['configured', 'none', 'invalid'];
const DELETE_JOBS_ROUTE = /\/jobs\/deletions(?:[/?]|$)/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entryProblem(entry: unknown): string | undefined {
  if (!isObject(entry) || !isObject(entry.request) || !isObject(entry.response) || !isObject(entry._adt))
    return 'lacks request, response or _adt';
  const { request, response, _adt: adt } = entry;
  if (typeof request.method !== 'string' || typeof request.url !== 'string' || !Array.isArray(request.headers))
    return 'has no request method, url or headers';
  if (typeof response.status !== 'number' || !Array.isArray(response.headers) || !isObject(response.content))
    return 'has no response status, headers or content';
  if (
    typeof adt.pathAsSent !== 'string' ||
    !CREDENTIAL_KINDS.includes(String(adt.credential)) ||
    typeof adt.sequence !== 'number'
  ) {
    return 'has no _adt.pathAsSent, _adt.credential or _adt.sequence';
  }
  return undefined;
}

/**
 * Parses and checks a recording as the replay and scenario-from need it. `file` only names it in messages.
 * Throws RecordingError with one message: a truncated file, a HAR from another tool, one without Delete Jobs exchanges.
 */
export function parseRecording(text: string, file: string): HarFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new RecordingError(
      `${file} is not complete JSON (${(error as Error).message}): the file was cut off or is not a recording. Record the run again (${commandLine('conformance')} writes reports/exchanges.har).`,
    );
  }
  const log = isObject(raw) && isObject(raw.log) ? raw.log : undefined;
  if (!log || !Array.isArray(log.entries)) {
    throw new RecordingError(
      `${file} is not a HAR file (no log.entries). Pass a recording this suite wrote (reports/exchanges.har).`,
    );
  }
  const adt = isObject(log._adt) ? log._adt : undefined;
  if (adt?.kind !== ADT_RECORDING_KIND) {
    const creator = isObject(log.creator) && typeof log.creator.name === 'string' ? log.creator.name : 'another tool';
    throw new RecordingError(
      `${file} is a HAR file from ${creator}, not a recording of this suite (no log._adt): it lacks what a replay needs (path as sent, credential kind, order). Record the run with ${commandLine('conformance')} (reports/exchanges.har).`,
    );
  }
  if (adt.version !== ADT_RECORDING_VERSION || !isObject(adt.run)) {
    throw new RecordingError(
      `${file} is a recording of version ${String(adt.version)}, but this suite reads version ${ADT_RECORDING_VERSION}. Record the run again with this version of the suite.`,
    );
  }
  const bad = log.entries.findIndex((entry) => entryProblem(entry) !== undefined);
  if (bad !== -1)
    throw new RecordingError(
      `${file}: entry ${bad} ${entryProblem(log.entries[bad]) ?? ''}; the file was edited or damaged. Record the run again.`,
    );
  const recording = raw as HarFile;
  if (!recording.log.entries.some((entry) => DELETE_JOBS_ROUTE.test(entry._adt.pathAsSent))) {
    throw new RecordingError(
      `${file} holds no Delete Jobs exchange (no request to /jobs/deletions): there is nothing to replay or to seed jobs from. Record a run that reached the target.`,
    );
  }
  return recording;
}
