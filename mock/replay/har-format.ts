/**
 * The recording format the suite writes and the replaying mock reads: HAR 1.2 (the format browsers, proxies and
 * HTTP tools read), with `_adt` fields (HAR's own extension convention) carrying what a faithful replay and a
 * verdict-parity check need. Shared by src/ (recorder, compare) and mock/ (replay, scenario-from), so it lives
 * beside mock/contract.ts and imports nothing.
 */

export const HAR_VERSION = '1.2';
export const ADT_RECORDING_KIND = 'adt-delete-jobs-exchanges';
export const ADT_RECORDING_VERSION = 1;

/** RFC 2606 reserves `.invalid`: the recorded host never resolves, so a recording cannot reach the real instance. */
export const HOST_PLACEHOLDER = 'adt-instance.invalid';

/** Which credential a request carried; the replay matches on it, never on the credential's value. */
export type CredentialKind = 'configured' | 'none' | 'invalid';

/** The mock's error code for a request the recording has no answer for (never DeleteJobNotFound). */
export const REPLAY_NOT_RECORDED_CODE = 'MockReplayNotRecorded';

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
  verdicts?: RecordedVerdict[];
}

export interface HarLog {
  version: typeof HAR_VERSION;
  creator: { name: string; version: string };
  pages?: unknown[];
  entries: HarEntry[];
  _adt: AdtLogFields;
}

export interface HarFile {
  log: HarLog;
}
