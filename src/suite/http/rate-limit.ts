/**
 * Rate-limit policy for the suite's HTTP layer: honour 429/503 + Retry-After with bounded retries and a
 * bounded total wait, and pace requests so a staging run stays under the Jobs API limit (~1 request/s).
 *
 * Why 503 is retried only when it carries Retry-After: a 503 that says "come back in N seconds" is the
 * service asking for patience; a bare 503 is a failure the verdict must show, not hide.
 */
import { OneMessageError, resolveSafetyPolicy, type SafetyPolicy, type SafetyTarget, type TargetKind } from './safety';

export interface RetryPolicy {
  /** Retries after the first attempt (so at most maxRetries + 1 requests). */
  maxRetries: number;
  /** Upper bound on the sum of all waits for one logical request. */
  maxTotalWaitMs: number;
  /** Wait used for a 429 without a usable Retry-After; doubles on each retry. */
  fallbackWaitMs: number;
}

export interface RetryRecord {
  attempt: number;
  status: number;
  retryAfter: string | undefined;
  waitMs: number;
}

export interface RetryOutcome<R> {
  response: R;
  retries: RetryRecord[];
  /** Set when a retryable response was returned as final because a bound was reached. */
  gaveUp?: string;
}

export interface Clock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, maxTotalWaitMs: 30_000, fallbackWaitMs: 1_000 };

/** Jobs API limit documented for Azure Digital Twins: about one request per second. */
export const URL_TARGET_DEFAULT_MAX_RPS = 1;
export const URL_TARGET_DEFAULT_WORKERS = 1;

type HeaderValue = string | string[] | number | undefined;
export interface RetryableResponse {
  status: number;
  headers: Record<string, HeaderValue>;
}

/** Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns ms, or undefined if unusable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

function headerText(headers: Record<string, HeaderValue>, name: string): string | undefined {
  const value = headers[name];
  if (Array.isArray(value)) return value[0];
  return value === undefined ? undefined : String(value);
}

function plannedWait(response: RetryableResponse, retryIndex: number, policy: RetryPolicy, nowMs: number): number | undefined {
  const retryAfter = parseRetryAfter(headerText(response.headers, 'retry-after'), nowMs);
  if (response.status === 429) return retryAfter ?? policy.fallbackWaitMs * 2 ** retryIndex;
  if (response.status === 503) return retryAfter;
  return undefined;
}

/**
 * Sends, and re-sends while the target answers 429 (or 503 with Retry-After), within the policy's bounds.
 * The final response is returned as is: a target that keeps refusing still produces its real status.
 */
export async function sendWithRetries<R extends RetryableResponse>(
  send: (attempt: number) => Promise<R>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  clock: Clock = realClock,
): Promise<RetryOutcome<R>> {
  const retries: RetryRecord[] = [];
  let waitedMs = 0;
  for (let attempt = 1; ; attempt++) {
    const response = await send(attempt);
    const waitMs = plannedWait(response, retries.length, policy, clock.now());
    if (waitMs === undefined) return { response, retries };
    const retryAfter = headerText(response.headers, 'retry-after');
    if (retries.length >= policy.maxRetries) {
      return { response, retries, gaveUp: `still ${response.status} after ${policy.maxRetries} retries (ADT_MAX_RETRIES)` };
    }
    if (waitedMs + waitMs > policy.maxTotalWaitMs) {
      return {
        response, retries,
        gaveUp: `${response.status} asked to wait ${waitMs} ms, beyond the remaining retry budget of ${policy.maxTotalWaitMs - waitedMs} ms (ADT_MAX_RETRY_WAIT_MS)`,
      };
    }
    retries.push({ attempt, status: response.status, retryAfter, waitMs });
    waitedMs += waitMs;
    await clock.sleep(waitMs);
  }
}

/** Spaces request starts at least minIntervalMs apart within one process (one Playwright worker). */
export class RequestPacer {
  private nextSlot = 0;

  constructor(private readonly minIntervalMs: number, private readonly clock: Clock = realClock) {}

  /** Waits for the next free slot; returns how long it waited (excluded from latency measurements). */
  async acquire(): Promise<number> {
    if (this.minIntervalMs <= 0) return 0;
    const now = this.clock.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.minIntervalMs;
    const waitMs = slot - now;
    if (waitMs > 0) await this.clock.sleep(waitMs);
    return waitMs;
  }
}

export interface TrafficSettings {
  /** Requests per second for the whole run (all workers of one shard); undefined = unlimited. */
  maxRps: number | undefined;
  /** Playwright worker count; undefined = Playwright's default. */
  workers: number | undefined;
  retry: RetryPolicy;
}

export class TrafficConfigError extends OneMessageError {}

type Env = Record<string, string | undefined>;

function positiveNumber(env: Env, name: string, integer: boolean, allowZero: boolean): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  const valid = Number.isFinite(value) && (allowZero ? value >= 0 : value > 0) && (!integer || Number.isInteger(value));
  if (!valid) {
    const kind = integer ? 'whole number' : 'number';
    throw new TrafficConfigError(`${name}=${raw} is not a ${allowZero ? 'non-negative' : 'positive'} ${kind}. Fix or unset ${name}.`);
  }
  return value;
}

/**
 * Reads ADT_MAX_RPS, ADT_WORKERS, ADT_MAX_RETRIES and ADT_MAX_RETRY_WAIT_MS. Defaults: unlimited against the
 * bundled mock; 1 request/s and 1 worker against a URL target. ADT_MAX_RPS=0 means unlimited.
 */
export function resolveTrafficSettings(env: Env, targetKind: TargetKind): TrafficSettings {
  const urlTarget = targetKind === 'url';
  const rps = positiveNumber(env, 'ADT_MAX_RPS', false, true);
  const workers = positiveNumber(env, 'ADT_WORKERS', true, false);
  const maxRetries = positiveNumber(env, 'ADT_MAX_RETRIES', true, true);
  const maxTotalWaitMs = positiveNumber(env, 'ADT_MAX_RETRY_WAIT_MS', true, true);
  const maxRps = rps === undefined ? (urlTarget ? URL_TARGET_DEFAULT_MAX_RPS : undefined) : rps === 0 ? undefined : rps;
  return {
    maxRps,
    workers: workers ?? (urlTarget ? URL_TARGET_DEFAULT_WORKERS : undefined),
    retry: {
      ...DEFAULT_RETRY_POLICY,
      ...(maxRetries === undefined ? {} : { maxRetries }),
      ...(maxTotalWaitMs === undefined ? {} : { maxTotalWaitMs }),
    },
  };
}

/**
 * Each worker is its own process, so the run-wide rate is split evenly: a worker waits
 * workers / maxRps seconds between its requests. When workers is left to Playwright (mock runs) and a rate
 * is set anyway, the caller passes the actual worker count (Playwright's workerInfo.config.workers).
 */
export function workerIntervalMs(settings: TrafficSettings, actualWorkers: number): number {
  if (settings.maxRps === undefined) return 0;
  return Math.ceil((1000 * Math.max(1, actualWorkers)) / settings.maxRps);
}

export interface LatencySettings {
  /** GetById requests measured for DJ-PERF-01. */
  samples: number;
  /** The p95 of those requests must stay under this. */
  budgetMs: number;
}

export const DEFAULT_LATENCY_SETTINGS: LatencySettings = { samples: 20, budgetMs: 1000 };

/** Reads ADT_LATENCY_SAMPLES (default 20) and ADT_LATENCY_BUDGET_MS (default 1000). */
export function resolveLatencySettings(env: Env): LatencySettings {
  return {
    samples: positiveNumber(env, 'ADT_LATENCY_SAMPLES', true, false) ?? DEFAULT_LATENCY_SETTINGS.samples,
    budgetMs: positiveNumber(env, 'ADT_LATENCY_BUDGET_MS', true, false) ?? DEFAULT_LATENCY_SETTINGS.budgetMs,
  };
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  const value = sorted[rank - 1];
  if (value === undefined) throw new Error('percentile of an empty list');
  return value;
}

/** What the HTTP client of one process needs: the safety guard, the retry bounds and its request spacing. */
export interface RequestPolicy {
  safety: SafetyPolicy;
  retry: RetryPolicy;
  minIntervalMs: number;
}

/** For globalSetup (workers = the run's worker count) and the worker fixture (workerInfo.config.workers). */
export function requestPolicyFor(target: SafetyTarget, env: Env, workers: number): RequestPolicy {
  const traffic = resolveTrafficSettings(env, target.kind);
  return { safety: resolveSafetyPolicy(env, target), retry: traffic.retry, minIntervalMs: workerIntervalMs(traffic, workers) };
}
