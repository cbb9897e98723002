import http from 'node:http';
import https from 'node:https';
import type { CredentialKind } from '../../../mock/replay/har-format';
import { alteredToken, alterationsOf, bearerToken, type CredentialAlteration } from '../auth/altered-credential';
import type { Credential } from '../auth/credentials';
import { recoveredJsonText } from '../json';
import { ACCEPT_ENCODING, decodeBody } from './content-coding';
import { curlCommand } from './curl';
import { DEFAULT_RETRY_POLICY, RequestPacer, sendWithRetries, type RetryPolicy, type RetryRecord } from './rate-limit';
import { redactHeaderValue, redactText, registerSecret } from './redact';
import { assertRequestAllowed, safetyPolicyFor, type SafetyPolicy } from './safety';
import { describeResource, memoryInProcess, resourceOf, type UnansweredMemory } from './unanswered';

/**
 * The suite's HTTP client. It uses node:http directly so that odd paths (`%zz`, `/..`) go out exactly as
 * written and nothing lands in Playwright traces. Every exchange is handed to an evidence sink, redacted.
 */

/**
 * `default` sends the suite's credential; `{ authorization }` a value the suite made up (not a secret); `{ altered }`
 * the suite's credential altered (DJ-AUTH-03), as secret as the credential itself.
 */
export type AuthChoice =
  'default' | 'none' | { readonly authorization: string } | { readonly altered: CredentialAlteration };

/**
 * GET, plus POST for DeleteJobs_Add only: every request passes the safety guard (src/suite/http/safety.ts),
 * which refuses anything but GET against a target other than the bundled mock unless explicitly opted in.
 */
export type Method = 'GET' | 'POST';

export interface RequestSpec {
  readonly method: Method;
  /** Path and query from the origin, sent exactly as written (no normalisation, no encoding). */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly auth?: AuthChoice;
  /** Reuse the response to an identical earlier GET in this worker (default true), to spare rate-limited targets. */
  readonly reuse?: boolean;
}

export interface GetOptions {
  /** `null` omits the api-version parameter; `''` sends `api-version=`. Default: the configured version. */
  readonly apiVersion?: string | null;
  /** The whole query (without `?`) exactly as sent, in place of the api-version parameter (generated probes). */
  readonly rawQuery?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly auth?: AuthChoice;
  readonly reuse?: boolean;
}

/** The request as it went out, with credentials redacted. */
export interface SentRequest {
  readonly method: Method;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface Exchange {
  readonly request: SentRequest;
  readonly status: number;
  /** Lower-case names; repeated headers are joined with ", " as RFC 9110 allows. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body after undoing its Content-Encoding; when that fails, the bytes as they came (see `contentEncodingProblem`). */
  readonly bodyText: string;
  /** Why the body is not what its Content-Encoding announces, when it is not. */
  readonly contentEncodingProblem?: string;
  readonly durationMs: number;
  /** When the request was sent (for a reused response: when the original was); orders reads across a run. */
  readonly startedAt: Date;
  /** True when this is the response to an identical earlier request in this worker. */
  readonly reused: boolean;
  header(name: string): string | undefined;
  /**
   * The body's JSON value as a tolerant reader recovers it (a byte order mark skipped, bytes after the value
   * ignored: DJ-JSON-01 reports those); throws a readable error when there is none.
   */
  json(): unknown;
}

export interface EvidenceRecord {
  readonly request: SentRequest;
  /** Path and query exactly as sent, from the origin. */
  readonly pathAsSent: string;
  /** Which credential the request carried: the suite's own, none, or a value the suite made up. */
  readonly credential: CredentialKind;
  readonly startedAt: Date;
  readonly curl: string;
  readonly reused: boolean;
  /** 429/503 answers that were retried after their Retry-After, before the response shown. */
  readonly retries?: readonly RetryRecord[];
  readonly response?: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly bodyText: string;
    /** The body exactly as received, before decoding and redaction; the recorder scrubs it itself. */
    readonly bodyBytes: Buffer;
    /** The body with its Content-Encoding undone, when it had one and it decoded. */
    readonly decodedBytes?: Buffer;
    readonly durationMs: number;
  };
  readonly error?: string;
}

export type EvidenceSink = (record: EvidenceRecord) => Promise<void>;

export class TargetRequestError extends Error {
  override name = 'TargetRequestError';
}

/** No complete response within the request deadline (ADT_REQUEST_TIMEOUT_SECONDS). */
export class NoResponseError extends TargetRequestError {
  override name = 'NoResponseError';
}

const TIMEOUT_VARIABLE = 'ADT_REQUEST_TIMEOUT_SECONDS';
const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_BODY_BYTES = 5 * 1024 * 1024;
const USER_AGENT = 'adt-conformance';
export const JOBS_PATH = '/jobs/deletions';

interface RawResponse {
  status: number;
  rawHeaders: string[];
  bodyBytes: Buffer;
  /** Of the last attempt only: pacing and Retry-After waits are not latency. */
  durationMs: number;
  retries: readonly RetryRecord[];
}

export interface ClientOptions {
  readonly baseUrl: string;
  readonly apiVersion: string;
  readonly credential: Credential;
  /** The deadline of one request, from sending it to the end of its response (ADT_REQUEST_TIMEOUT_SECONDS). */
  readonly timeoutMs?: number;
  /** Default: GET only, and only to baseUrl's origin (the policy of a URL target without opt-in). */
  readonly safety?: SafetyPolicy;
  readonly retry?: RetryPolicy;
  /** Minimum spacing of request starts in this process (ADT_MAX_RPS split over the workers). */
  readonly minIntervalMs?: number;
  /** Where the run remembers the jobs that got no response in time; default: this client only. */
  readonly unanswered?: UnansweredMemory;
}

function noResponseWithin(timeoutMs: number): string {
  return `no response within ${timeoutMs / 1000} s (${TIMEOUT_VARIABLE})`;
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused: nothing is listening there. Is the target running, and is AZURE_DIGITALTWINS_URL right?';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found (DNS). Check the host in AZURE_DIGITALTWINS_URL.';
    case 'ECONNRESET':
      return 'the connection was reset by the target before a complete response arrived.';
    case 'ETIMEDOUT':
      return noResponseWithin(timeoutMs);
    default:
      if (code?.startsWith('ERR_TLS') || code?.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
        return `TLS failed (${code}): ${error.message}`;
      }
      return code === undefined ? error.message : `${error.message} (${code})`;
  }
}

/** Connection state and reusable responses shared by every test in a worker. */
class ClientCore {
  readonly base: URL;
  readonly pathPrefix: string;
  private readonly agent: http.Agent;
  private readonly reusable = new Map<string, Promise<RawResponse>>();
  private readonly unanswered: UnansweredMemory;
  readonly safety: SafetyPolicy;
  private readonly pacer: RequestPacer;

  constructor(readonly options: ClientOptions) {
    this.base = new URL(options.baseUrl);
    this.safety =
      options.safety ?? safetyPolicyFor({ kind: 'url', baseUrl: options.baseUrl }, { allowCreateDeleteJob: false });
    this.pacer = new RequestPacer(options.minIntervalMs ?? 0);
    this.unanswered = options.unanswered ?? memoryInProcess();
    this.pathPrefix = this.base.pathname.replace(/\/+$/, '');
    const AgentClass = this.base.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new AgentClass({ keepAlive: true, maxSockets: 8 });
  }

  get timeoutMs(): number {
    return this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  perform(spec: RequestSpec, headers: Record<string, string>, key: string | undefined): Promise<RawResponse> {
    if (key === undefined) return this.performPolitely(spec.method, spec.path, headers);
    let pending = this.reusable.get(key);
    if (!pending) {
      pending = this.performPolitely(spec.method, spec.path, headers);
      this.reusable.set(key, pending);
      // A failed request is not a response worth reusing.
      pending.catch(() => this.reusable.delete(key));
    }
    return pending;
  }

  isReusable(key: string): boolean {
    return this.reusable.has(key);
  }

  /** Why a request for this path is not sent: an earlier one for the same job (or List) got no response in time. */
  notSentBecause(path: string): string | undefined {
    const resource = resourceOf(path);
    if (!this.unanswered.has(resource)) return undefined;
    const what = describeResource(resource, `${this.pathPrefix}${JOBS_PATH}`);
    return `not sent: an earlier request for ${what} got no response within ${this.timeoutMs / 1000} s (${TIMEOUT_VARIABLE}), so this run does not wait for it again`;
  }

  rememberUnanswered(path: string): void {
    this.unanswered.add(resourceOf(path));
  }

  /** Paced, and retried on 429 (or 503 with Retry-After) within the configured bounds. */
  private async performPolitely(method: Method, path: string, headers: Record<string, string>): Promise<RawResponse> {
    const outcome = await sendWithRetries(async () => {
      await this.pacer.acquire();
      const raw = await this.performOnce(method, path, headers, true);
      return { raw, status: raw.status, headers: headerRecord(raw.rawHeaders) };
    }, this.options.retry ?? DEFAULT_RETRY_POLICY);
    return { ...outcome.response.raw, retries: outcome.retries };
  }

  private performOnce(
    method: Method,
    path: string,
    headers: Record<string, string>,
    mayRetryStaleSocket: boolean,
  ): Promise<Omit<RawResponse, 'retries'>> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const transport = this.base.protocol === 'https:' ? https : http;
      let request: http.ClientRequest;
      try {
        request = transport.request({
          protocol: this.base.protocol,
          hostname: this.base.hostname.replace(/^\[(.*)\]$/, '$1'),
          port: this.base.port,
          method,
          path,
          headers,
          agent: this.agent,
        });
      } catch (error) {
        reject(
          new TargetRequestError(`the request could not be built: ${describeNetworkError(error, this.timeoutMs)}`),
        );
        return;
      }
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) request.destroy(new Error(`response body larger than ${MAX_BODY_BYTES} bytes`));
          else chunks.push(chunk);
        });
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            rawHeaders: response.rawHeaders,
            bodyBytes: Buffer.concat(chunks),
            durationMs: Math.round(performance.now() - started),
          });
        });
        response.on('error', (error) => {
          if (!timedOut) reject(new TargetRequestError(describeNetworkError(error, this.timeoutMs)));
        });
      });
      // The whole exchange has one deadline: a socket timeout alone never fires on a server that trickles bytes.
      let timedOut = false;
      const deadline = setTimeout(() => {
        timedOut = true;
        request.destroy();
        reject(new NoResponseError(noResponseWithin(this.timeoutMs)));
      }, this.timeoutMs);
      request.on('close', () => {
        clearTimeout(deadline);
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (timedOut) return;
        // A keep-alive socket the server closed while idle is not the target's fault: open a fresh one once.
        if (mayRetryStaleSocket && request.reusedSocket && error.code === 'ECONNRESET') {
          this.performOnce(method, path, headers, false).then(resolve, reject);
          return;
        }
        reject(new TargetRequestError(describeNetworkError(error, this.timeoutMs)));
      });
      request.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function headerRecord(rawHeaders: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = (rawHeaders[index] ?? '').toLowerCase();
    const value = rawHeaders[index + 1] ?? '';
    headers[name] = name in headers ? `${headers[name] ?? ''}, ${value}` : value;
  }
  return headers;
}

/**
 * An exchange from its parts, with the one `header` and the one tolerant `json` every exchange has: the client's,
 * one read back from a recording, one a self test builds.
 */
export function exchangeFrom(parts: Omit<Exchange, 'header' | 'json'>): Exchange {
  const { request, status, headers, bodyText } = parts;
  return {
    ...parts,
    header: (name) => headers[name.toLowerCase()],
    json() {
      const recovered = recoveredJsonText(bodyText);
      if (recovered !== undefined) return JSON.parse(recovered) as unknown;
      const preview = bodyText.length > 200 ? `${bodyText.slice(0, 200)}…` : bodyText;
      throw new Error(
        `The ${status} response to ${request.method} ${request.url} is not JSON: ${JSON.stringify(preview)}`,
      );
    },
  };
}

/** Responses are redacted too: a target echoing a credential must not carry it into assertion messages. */
function makeExchange(
  request: SentRequest,
  raw: RawResponse,
  reused: boolean,
  startedAt: Date,
): Exchange & { decodedBytes?: Buffer } {
  const headers = redactHeaders(headerRecord(raw.rawHeaders));
  const decoded = decodeBody(raw.bodyBytes, headers['content-encoding']);
  const bodyText = redactText(('bytes' in decoded ? decoded.bytes : raw.bodyBytes).toString('utf8'));
  return {
    ...exchangeFrom({
      request,
      status: raw.status,
      headers,
      bodyText,
      ...('problem' in decoded ? { contentEncodingProblem: decoded.problem } : {}),
      durationMs: raw.durationMs,
      startedAt,
      reused,
    }),
    ...('bytes' in decoded && decoded.codings.length > 0 ? { decodedBytes: decoded.bytes } : {}),
  };
}

function query(apiVersion: string | null): string {
  return apiVersion === null ? '' : `?api-version=${encodeURIComponent(apiVersion)}`;
}

export class AdtClient {
  private constructor(
    private readonly core: ClientCore,
    private readonly sink: EvidenceSink | undefined,
  ) {}

  static create(options: ClientOptions): AdtClient {
    return new AdtClient(new ClientCore(options), undefined);
  }

  /** The same client (connections, reusable responses) reporting its exchanges to another sink. */
  withEvidence(sink: EvidenceSink): AdtClient {
    return new AdtClient(this.core, sink);
  }

  get apiVersion(): string {
    return this.core.options.apiVersion;
  }

  get holdsCredential(): boolean {
    return this.core.options.credential.holdsCredential;
  }

  get origin(): string {
    return this.core.base.origin;
  }

  /** GetById with the id percent-encoded as a path segment. */
  getById(id: string, options: GetOptions = {}): Promise<Exchange> {
    return this.getByRawId(encodeURIComponent(id), options);
  }

  /** GetById with the id segment sent exactly as given (already encoded, or deliberately malformed). */
  getByRawId(rawSegment: string, options: GetOptions = {}): Promise<Exchange> {
    return this.get(`${this.core.pathPrefix}${JOBS_PATH}/${rawSegment}`, options);
  }

  /**
   * DeleteJobs_Add: creates a delete job, which WIPES every model, twin and relationship on the target.
   * The safety guard lets it through only for the bundled mock or with ADT_ALLOW_CREATE_DELETE_JOB=1 and
   * ADT_CONFIRM_TARGET_HOST naming the target host.
   */
  createDeleteJob(): Promise<Exchange> {
    return this.send({
      method: 'POST',
      path: `${this.core.pathPrefix}${JOBS_PATH}${query(this.apiVersion)}`,
      headers: { 'content-length': '0' },
      reuse: false,
    });
  }

  list(options: GetOptions & { readonly maxItemsPerPage?: number } = {}): Promise<Exchange> {
    const headers =
      options.maxItemsPerPage === undefined
        ? options.headers
        : { ...options.headers, 'max-items-per-page': String(options.maxItemsPerPage) };
    return this.get(`${this.core.pathPrefix}${JOBS_PATH}`, { ...options, headers });
  }

  /**
   * Follows a nextLink. It must point at the target's own origin (the suite never sends its credential
   * elsewhere); the configured api-version is added when the link does not carry one.
   */
  followNextLink(nextLink: string, options: Omit<GetOptions, 'apiVersion'> = {}): Promise<Exchange> {
    const url = new URL(nextLink, this.core.base);
    if (url.origin !== this.core.base.origin) {
      return Promise.reject(
        new TargetRequestError(
          `nextLink ${JSON.stringify(nextLink)} points to ${url.origin}, not to the target ${this.core.base.origin}; the suite does not follow it.`,
        ),
      );
    }
    if (!url.searchParams.has('api-version')) url.searchParams.set('api-version', this.apiVersion);
    return this.send({ method: 'GET', path: url.pathname + url.search, ...options });
  }

  private get(path: string, options: GetOptions): Promise<Exchange> {
    const apiVersion = options.apiVersion === undefined ? this.apiVersion : options.apiVersion;
    const search = options.rawQuery === undefined ? query(apiVersion) : `?${options.rawQuery}`;
    return this.send({ method: 'GET', path: path + search, ...options });
  }

  async send(spec: RequestSpec): Promise<Exchange> {
    assertRequestAllowed(this.core.safety, spec.method, targetUrl(this.core.base.origin, spec.path));
    const auth = spec.auth ?? 'default';
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-encoding': ACCEPT_ENCODING,
      'user-agent': USER_AGENT,
      ...spec.headers,
    };
    const authorization = await this.authorizationFor(auth);
    if (authorization !== undefined) headers.authorization = authorization;

    const shownHeaders: Record<string, string> = {};
    const curlHeaders: (readonly [string, string])[] = [];
    for (const [name, value] of Object.entries(headers)) {
      const isOwnCredential =
        name === 'authorization' && (auth === 'default' || (typeof auth === 'object' && 'altered' in auth));
      shownHeaders[name] = isOwnCredential ? redactHeaderValue(name, value) : redactText(value);
      // An altered credential cannot be written out; its curl shows the header redacted.
      if (!isOwnCredential || auth !== 'default') curlHeaders.push([name, shownHeaders[name]]);
    }
    const request: SentRequest = { method: spec.method, url: this.core.base.origin + spec.path, headers: shownHeaders };
    const curl = curlCommand({
      method: spec.method,
      url: request.url,
      headers: curlHeaders,
      bearerFromEnvironment: auth === 'default' && authorization !== undefined,
    });

    const credential: CredentialKind =
      authorization === undefined ? 'none' : auth === 'default' ? 'configured' : 'invalid';
    const seen = { pathAsSent: spec.path, credential, startedAt: new Date() };
    const key =
      spec.reuse === false || spec.method !== 'GET'
        ? undefined
        : JSON.stringify([
            spec.method,
            spec.path,
            Object.entries(headers)
              .filter(([name]) => name !== 'authorization')
              .sort(),
            typeof auth === 'string' ? auth : 'altered' in auth ? `altered:${auth.altered}` : auth.authorization,
          ]);
    const reused = key !== undefined && this.core.isReusable(key);
    const fail = async (reason: string): Promise<never> => {
      await this.sink?.({ request, ...seen, curl, reused, error: reason });
      throw new TargetRequestError(`${spec.method} ${request.url} failed: ${reason}\nReproduce: ${curl}`);
    };
    const notSent = this.core.notSentBecause(spec.path);
    if (notSent !== undefined) return fail(notSent);
    let raw: RawResponse;
    try {
      raw = await this.core.perform(spec, headers, key);
    } catch (error) {
      if (error instanceof NoResponseError) this.core.rememberUnanswered(spec.path);
      return fail(error instanceof Error ? error.message : String(error));
    }
    const exchange = makeExchange(request, raw, reused, seen.startedAt);
    await this.sink?.({
      request,
      ...seen,
      curl,
      reused,
      ...(raw.retries.length === 0 ? {} : { retries: raw.retries }),
      response: {
        status: exchange.status,
        headers: exchange.headers,
        bodyText: exchange.bodyText,
        bodyBytes: raw.bodyBytes,
        ...(exchange.decodedBytes === undefined ? {} : { decodedBytes: exchange.decodedBytes }),
        durationMs: exchange.durationMs,
      },
    });
    return exchange;
  }

  /** The alterations DJ-AUTH-03 applies to the configured credential (none when the suite holds none). */
  async credentialAlterations(): Promise<CredentialAlteration[]> {
    const bearer = await this.configuredBearer();
    return bearer === undefined ? [] : alterationsOf(bearer.token);
  }

  private async configuredBearer(): Promise<ReturnType<typeof bearerToken>> {
    const authorization = await this.core.options.credential.authorization();
    return authorization === undefined ? undefined : bearerToken(authorization);
  }

  private async authorizationFor(auth: AuthChoice): Promise<string | undefined> {
    if (auth === 'none') return undefined;
    if (auth === 'default') return this.core.options.credential.authorization();
    if (!('altered' in auth)) return auth.authorization;
    const bearer = await this.configuredBearer();
    const altered = bearer === undefined ? undefined : alteredToken(bearer.token, auth.altered);
    if (bearer === undefined || altered === undefined)
      throw new TargetRequestError(
        `the configured credential cannot be altered as ${auth.altered}: it is not a bearer token of that kind`,
      );
    registerSecret(altered);
    return `${bearer.scheme} ${altered}`;
  }

  close(): void {
    this.core.close();
  }
}

function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, redactHeaderValue(name, value)]));
}

/** The URL a request goes to: origin + path as sent (a path that is not a valid URL still names that origin). */
function targetUrl(origin: string, path: string): URL {
  try {
    return new URL(origin + path);
  } catch {
    return new URL(origin);
  }
}
