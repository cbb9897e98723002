import type { IncomingHttpHeaders } from 'node:http';
import type { ErrorCode, ErrorResponseBody } from '../errors';
import type { DeleteJobBody } from '../scenarios';
import type { Job, World } from '../store';

/** What the mock knows about a request once it has routed it; handed to the `response` hook. */
export interface RequestFacts {
  method: string;
  /** The raw path, before percent-decoding. */
  path: string;
  /** The raw query string, without the `?`. */
  query: string;
  /** The request headers (lower-case names), e.g. to react to trace headers. */
  headers: IncomingHttpHeaders;
  route: 'getById' | 'list' | 'add' | 'healthz' | 'control' | 'none';
  /** The decoded id for getById. */
  id?: string;
  /** Stands for the app that answers: a quirk's state is kept per app, so two mocks in one process never share it. */
  app: object;
}

/** A response about to be written; the `response` hook may change any part of it. */
export interface ResponseDraft {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Sent instead of `body` when set: bytes that are not text, e.g. a body the quirk compressed. */
  bodyBytes?: Buffer;
}

export interface ApiVersionVerdict {
  /** Every `api-version` value in the query, in order (empty when absent). */
  values: readonly string[];
  /** The mock's own verdict: an error code, or undefined when the version is accepted. */
  error: ErrorCode | undefined;
}

/**
 * Optional hooks, each changing one decision of the mock. A hook receives the mock's own correct
 * result and returns its replacement, so a quirk only states what it changes.
 */
export interface QuirkHooks {
  /** `valid` is whether the mock accepts the Authorization header, `token` the one it is configured with; return the verdict to use. */
  authorize?(authorization: string | undefined, valid: boolean, token: string): boolean;
  /** Return the error code to answer with, or undefined to accept the request. */
  checkApiVersion?(verdict: ApiVersionVerdict): ErrorCode | undefined;
  /** The mock never rejects on trace headers; a quirk may, by returning an error code. */
  checkTrace?(traceparent: string | undefined, tracestate: string | undefined): ErrorCode | undefined;
  /** `found` is the byte-for-byte lookup result; return the job to serve (or undefined for 404). */
  findJob?(id: string, found: Job | undefined, world: World): Job | undefined;
  /** Rewrites a job body before serialization. Applied once per job state and cached. */
  job?(body: DeleteJobBody): unknown;
  /** The number of jobs on one List page, given the one the mock would use (max-items-per-page or the scenario's). */
  pageSize?(size: number): number;
  /** Rewrites a List page; `value` already holds the rewritten jobs. */
  collection?(body: { value: unknown[]; nextLink: string | null }): unknown;
  /** Rewrites an ErrorResponse body (not the 401 body). */
  errorBody?(body: ErrorResponseBody, code: ErrorCode): unknown;
  /** Last word on every response: status, headers (lower-case names) and body text. */
  response?(draft: ResponseDraft, facts: RequestFacts): void;
  /** A content coding of the finished response, after every `response` hook of every quirk (e.g. gzip). */
  encode?(draft: ResponseDraft, facts: RequestFacts): void;
}

interface QuirkInfo extends QuirkHooks {
  /** Kebab-case name used with `--quirk` and ADT_MOCK_QUIRKS. */
  name: string;
  /** One sentence: what the server does differently. */
  description: string;
}

/**
 * Breaks the contract; the suite must fail on it. The mock does not know the requirements (it stands alone), so a
 * defect names the ids it breaks as plain strings; src/verify/targets.ts checks them against src/requirements.ts.
 */
export interface DefectQuirk extends QuirkInfo {
  kind: 'defect';
  /** The requirement ids (src/requirements.ts) the suite must fail on this server, and as few others as possible. */
  targets: readonly [string, ...string[]];
  /** What the suite's failure must say, for a defect a staging user meets often: a message a reader can act on. */
  expectedMessage?: RegExp;
  /** The bearer token the mock and the suite run with, where the defect only shows with that kind of credential. */
  token?: string;
}

/** Correct but unusual behaviour; the suite must pass. */
export interface BenignQuirk extends QuirkInfo {
  kind: 'benign';
}

export type Quirk = DefectQuirk | BenignQuirk;
