/**
 * One request before any test: GET /jobs/deletions?api-version=… (DeleteJobs_List, read-only). When the
 * target is unreachable or does not speak this API, the run stops with ONE message that says what
 * happened, what it means and how to fix it, instead of dozens of identical failed tests.
 */
import http from 'node:http';
import https from 'node:https';
import { describeIdentity, isAdtAudience, readTokenClaims } from './auth/token-claims';
import { isRecord, parsedOrUndefined } from './json';
import { ACCEPT_ENCODING, decodeBody } from './http/content-coding';
import { DEFAULT_RETRY_POLICY, sendWithRetries, type RetryPolicy } from './http/rate-limit';
import type { EvidenceSink } from './http/client';
import { redactHeaderValue, redactText } from './http/redact';
import { OneMessageError } from '../config';

export type AuthMode = 'azure' | 'token' | 'none';

export interface PreflightTarget {
  baseUrl: string;
  apiVersion: string;
  auth: AuthMode;
  /** Full header value, e.g. `Bearer eyJ…`; never printed. */
  authorization?: string;
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Receives the preflight exchange (the run's recording keeps it, so a replay answers the preflight too). */
  record?: EvidenceSink;
}

export type PreflightFailureKind =
  | 'dns'
  | 'tls'
  | 'refused'
  | 'timeout'
  | 'network'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'api-version'
  | 'redirect'
  | 'server-error'
  | 'unexpected';

export type PreflightOutcome =
  { ok: true; status: number; jobsOnFirstPage?: number } | { ok: false; kind: PreflightFailureKind; message: string };

export class PreflightError extends OneMessageError {
  constructor(
    readonly kind: PreflightFailureKind,
    message: string,
  ) {
    super(message);
  }
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body's bytes; only the first BODY_LIMIT of them when `complete` is false. */
  bytes: Buffer;
  complete: boolean;
}

const BODY_LIMIT = 64 * 1024;
export const DEFAULT_PREFLIGHT_TIMEOUT_MS = 15_000;

class PreflightTimeout extends Error {
  readonly code = 'PREFLIGHT_TIMEOUT';
}

function getOnce(url: URL, headers: Record<string, string>, timeoutMs: number): Promise<RawResponse> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, { method: 'GET', headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= BODY_LIMIT) chunks.push(chunk);
      });
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const decoded = decodeBody(bytes, response.headers['content-encoding']);
        const body = ('bytes' in decoded ? decoded.bytes : bytes).toString('utf8');
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body,
          bytes,
          complete: size <= BODY_LIMIT,
        });
      });
      response.on('error', reject);
    });
    const timer = setTimeout(() => request.destroy(new PreflightTimeout()), timeoutMs);
    request.on('close', () => {
      clearTimeout(timer);
    });
    request.on('error', reject);
    request.end();
  });
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

function networkFailure(error: unknown, url: URL, timeoutMs: number): PreflightOutcome {
  const code = (error as { code?: unknown }).code;
  const detail = error instanceof Error ? error.message : String(error);
  const where = `${url.protocol}//${url.host}`;
  const fail = (kind: PreflightFailureKind, message: string): PreflightOutcome => ({
    ok: false,
    kind,
    message: `Preflight: ${message}`,
  });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return fail(
      'dns',
      `the host name ${url.hostname} does not resolve (DNS ${code}). ` +
        'Meaning: the URL is mistyped, the instance does not exist (or was deleted), or this machine cannot see that DNS zone (private endpoint / VPN). ' +
        `Fix: copy the instance's "Host name" from the Azure portal into AZURE_DIGITALTWINS_URL (https://<instance>.api.<region>.digitaltwins.azure.net).`,
    );
  }
  if (typeof code === 'string' && (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS'))) {
    return fail(
      'tls',
      `the TLS handshake with ${where} failed (${code}: ${detail}). ` +
        'Meaning: the certificate is not trusted for that host name (self-signed, expired, wrong host, or a TLS-inspecting proxy), or the port does not speak HTTPS. ' +
        "Fix: use the instance's real https host name; behind a corporate proxy or for an emulator with its own CA, point NODE_EXTRA_CA_CERTS at the CA certificate (PEM). " +
        'For a plain-HTTP emulator use an http:// URL.',
    );
  }
  if (code === 'ECONNREFUSED') {
    return fail(
      'refused',
      `the connection to ${where} was refused (ECONNREFUSED). ` +
        'Meaning: nothing listens on that host and port. Fix: start the target, or correct the port/scheme in AZURE_DIGITALTWINS_URL ' +
        '(unset it to run against the bundled mock).',
    );
  }
  if (code === 'PREFLIGHT_TIMEOUT' || code === 'ETIMEDOUT') {
    return fail(
      'timeout',
      `no response from ${where} within ${timeoutMs / 1000} s (ADT_REQUEST_TIMEOUT_SECONDS). ` +
        'Meaning: a firewall, private endpoint or proxy drops the traffic, or the target hangs. ' +
        'Fix: check network access to the instance (public network access / private endpoint / VPN) and that the URL is right; for a slow target, raise ADT_REQUEST_TIMEOUT_SECONDS.',
    );
  }
  return fail(
    'network',
    `the request to ${where} failed (${typeof code === 'string' ? `${code}: ` : ''}${detail}). ` +
      'Fix: check that AZURE_DIGITALTWINS_URL is right and that this machine can reach it.',
  );
}

function errorCode(body: string): string | undefined {
  const parsed = parsedOrUndefined(body);
  const error = isRecord(parsed) ? parsed.error : undefined;
  return isRecord(error) && typeof error.code === 'string' ? error.code : undefined;
}

/** The size of the first page when the body is a collection, even behind a byte order mark (DJ-JSON-01 reports that). */
function firstPageSize(body: string): number | undefined {
  const parsed = parsedOrUndefined(body);
  return isRecord(parsed) && Array.isArray(parsed.value) ? parsed.value.length : undefined;
}

/** A web page rather than an API answer: the URL points at a portal, a gateway page or a proxy. */
function isWebPage(response: RawResponse): boolean {
  const contentType = response.headers['content-type'] ?? '';
  return /html/i.test(contentType) || /^\s*</.test(response.body.replace(/^\uFEFF/, ''));
}

function unauthorized(target: PreflightTarget, where: string): string {
  if (target.authorization === undefined) {
    return (
      `${where} answered 401 Unauthorized to a request without a token (ADT_AUTH=none). ` +
      'Meaning: the target requires a bearer token. Fix: set ADT_AUTH=azure (az login, or AZURE_TENANT_ID/AZURE_CLIENT_ID/AZURE_CLIENT_SECRET) or ADT_AUTH=token with ADT_ACCESS_TOKEN.'
    );
  }
  const claims = readTokenClaims(target.authorization);
  const source = target.auth === 'token' ? 'ADT_ACCESS_TOKEN' : 'the Azure credential';
  if (claims?.expiresAt !== undefined && claims.expiresAt.getTime() <= Date.now()) {
    return (
      `${where} answered 401 Unauthorized: the token from ${source} expired at ${claims.expiresAt.toISOString()}. ` +
      `Fix: get a fresh one (az account get-access-token --scope https://digitaltwins.azure.net/.default) or use ADT_AUTH=azure, which refreshes itself.`
    );
  }
  if (claims?.audience !== undefined && !isAdtAudience(claims.audience)) {
    return (
      `${where} answered 401 Unauthorized: the token from ${source} is for audience ${claims.audience}, not Azure Digital Twins. ` +
      'Fix: request it for the scope https://digitaltwins.azure.net/.default (az account get-access-token --scope https://digitaltwins.azure.net/.default).'
    );
  }
  return (
    `${where} answered 401 Unauthorized: the token from ${source} was rejected. ` +
    'Meaning: it is missing, expired, malformed, for the wrong audience, or from a tenant the instance does not trust. ' +
    "Fix: use a token for the scope https://digitaltwins.azure.net/.default from the instance's tenant (AZURE_TENANT_ID)."
  );
}

function forbidden(target: PreflightTarget, where: string, host: string): string {
  const identity = describeIdentity(
    target.authorization === undefined ? undefined : readTokenClaims(target.authorization),
  );
  return (
    `${where} answered 403 Forbidden: the token is valid but ${identity} has no data-plane access to this instance. ` +
    'Meaning: it lacks the "Azure Digital Twins Data Reader" (or "Data Owner") role on the instance; Owner/Contributor on the resource is not enough. ' +
    `Fix: az dt role-assignment create --dt-name ${host.split('.')[0] ?? '<instance>'} --assignee <object-id> --role "Azure Digital Twins Data Reader" ` +
    '(new assignments can take a few minutes to apply). If the instance uses private endpoints only, also check its public network access setting.'
  );
}

function classifyResponse(target: PreflightTarget, url: URL, response: RawResponse): PreflightOutcome {
  const where = `GET ${url.origin}${url.pathname}`;
  const fail = (kind: PreflightFailureKind, message: string): PreflightOutcome => ({
    ok: false,
    kind,
    message: `Preflight: ${message}`,
  });
  const { status, body } = response;
  if (status === 200) {
    // A 200 that is not a usable collection (a byte order mark, trailing bytes, a wrong content type, a body that
    // does not parse) is the server's defect: the requirements name it (DJ-JSON-01, DJ-LIST-01), not a wrong URL.
    if (!isWebPage(response)) {
      const size = firstPageSize(body);
      return size === undefined ? { ok: true, status } : { ok: true, status, jobsOnFirstPage: size };
    }
    return fail(
      'unexpected',
      `${where} answered 200 with a web page, not JSON. ` +
        'Meaning: the URL points at something that is not an Azure Digital Twins data-plane endpoint (a portal, a gateway page, a proxy). ' +
        'Fix: set AZURE_DIGITALTWINS_URL to the instance host name, https://<instance>.api.<region>.digitaltwins.azure.net, without a path.',
    );
  }
  if (status === 401) return fail('unauthorized', unauthorized(target, where));
  if (status === 403) return fail('forbidden', forbidden(target, where, url.hostname));
  if (status === 404) {
    const path = url.pathname.replace(/\/jobs\/deletions$/, '');
    const hint = path === '' || path === '/' ? '' : ` The URL carries the path "${path}"; an instance URL has none.`;
    return fail(
      'not-found',
      `${where} answered 404: the Delete Jobs route does not exist there. ` +
        `Meaning: this is not an Azure Digital Twins data-plane endpoint (the management endpoint management.azure.com, a wrong host, or a wrong path).${hint} ` +
        'Fix: set AZURE_DIGITALTWINS_URL to https://<instance>.api.<region>.digitaltwins.azure.net (the instance\'s "Host name").',
    );
  }
  if (status === 400) {
    const code = errorCode(body);
    const versionProblem = code === 'UnsupportedApiVersionValue' || code === 'MissingApiVersionParameter';
    return fail(
      versionProblem ? 'api-version' : 'unexpected',
      versionProblem
        ? `${where} rejected api-version=${target.apiVersion} (${code}). Fix: set ADT_API_VERSION to a version the target supports; this suite is written for 2023-10-31.`
        : `${where} answered 400${code === undefined ? '' : ` (${code})`} to a plain List request. Fix: check AZURE_DIGITALTWINS_URL and ADT_API_VERSION.`,
    );
  }
  if (status >= 300 && status < 400) {
    const location = response.headers.location ?? '(no Location header)';
    return fail(
      'redirect',
      `${where} redirects (${status}) to ${location}. Fix: set AZURE_DIGITALTWINS_URL to the final URL; the suite does not follow redirects.`,
    );
  }
  if (status >= 500 || status === 429) {
    return fail(
      'server-error',
      `${where} answered ${status}${errorCode(body) === undefined ? '' : ` (${errorCode(body) ?? ''})`} even after the allowed retries. ` +
        'Meaning: the target is reachable but failing or throttling right now. Fix: retry later, lower ADT_MAX_RPS, or check the instance health in the Azure portal.',
    );
  }
  return fail(
    'unexpected',
    `${where} answered ${status}, which Delete Jobs List never returns. Fix: check that AZURE_DIGITALTWINS_URL is an Azure Digital Twins instance.`,
  );
}

export function preflightUrl(baseUrl: string, apiVersion: string): URL {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/jobs/deletions`;
  url.search = new URLSearchParams({ 'api-version': apiVersion }).toString();
  return url;
}

function flat(headers: http.IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      redactHeaderValue(name, Array.isArray(value) ? value.join(', ') : (value ?? '')),
    ]),
  );
}

function evidenceOf(
  url: URL,
  headers: Record<string, string>,
  response: RawResponse,
  startedAt: Date,
  durationMs: number,
): Parameters<EvidenceSink>[0] {
  return {
    request: { method: 'GET', url: url.href, headers: flat(headers) },
    pathAsSent: url.pathname + url.search,
    credential: headers.authorization === undefined ? 'none' : 'configured',
    startedAt,
    curl: '',
    reused: false,
    response: {
      status: response.status,
      headers: flat(response.headers),
      bodyText: redactText(response.body),
      bodyBytes: response.bytes,
      durationMs,
    },
  };
}

export async function runPreflight(target: PreflightTarget): Promise<PreflightOutcome> {
  const url = preflightUrl(target.baseUrl, target.apiVersion);
  const timeoutMs = target.timeoutMs ?? DEFAULT_PREFLIGHT_TIMEOUT_MS;
  const headers: Record<string, string> = { accept: 'application/json', 'accept-encoding': ACCEPT_ENCODING };
  if (target.authorization !== undefined) headers.authorization = target.authorization;
  try {
    const startedAt = new Date();
    const started = performance.now();
    const { response } = await sendWithRetries(
      () => getOnce(url, headers, timeoutMs),
      target.retry ?? DEFAULT_RETRY_POLICY,
    );
    if (response.complete)
      await target.record?.(evidenceOf(url, headers, response, startedAt, Math.round(performance.now() - started)));
    return classifyResponse(target, url, response);
  } catch (error) {
    return networkFailure(error, url, timeoutMs);
  }
}

/** For global setup: resolves when the target is usable, otherwise throws ONE message (no stack trace). */
export async function assertPreflight(target: PreflightTarget): Promise<void> {
  const outcome = await runPreflight(target);
  if (!outcome.ok) throw new PreflightError(outcome.kind, outcome.message);
}
