/**
 * Rate-limit policy for the suite's HTTP layer: honour 429/503 + Retry-After with bounded retries and a
 * bounded total wait, and pace requests so a staging run stays under the Jobs API limit (~1 request/s).
 *
 * Why 503 is retried only when it carries Retry-After: a 503 that says "come back in N seconds" is the
 * service asking for patience; a bare 503 is a failure the verdict must show, not hide.
 */
import { DEFAULT_RETRY_POLICY, type RetryPolicy, type SuiteConfig, type TrafficSettings } from '../../config';
import { safetyPolicyFor, type SafetyPolicy } from './safety';

export { DEFAULT_RETRY_POLICY, type RetryPolicy };

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

function plannedWait(
  response: RetryableResponse,
  retryIndex: number,
  policy: RetryPolicy,
  nowMs: number,
): number | undefined {
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
      return {
        response,
        retries,
        gaveUp: `still ${response.status} after ${policy.maxRetries} retries (ADT_MAX_RETRIES)`,
      };
    }
    if (waitedMs + waitMs > policy.maxTotalWaitMs) {
      return {
        response,
        retries,
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

  constructor(
    private readonly minIntervalMs: number,
    private readonly clock: Clock = realClock,
  ) {}

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

/**
 * Each worker is its own process, so the run-wide rate is split evenly: a worker waits
 * workers / maxRps seconds between its requests. When workers is left to Playwright (mock runs) and a rate
 * is set anyway, the caller passes the actual worker count (Playwright's workerInfo.config.workers).
 */
export function workerIntervalMs(settings: TrafficSettings, actualWorkers: number): number {
  if (settings.maxRps === undefined) return 0;
  return Math.ceil((1000 * Math.max(1, actualWorkers)) / settings.maxRps);
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  const value = sorted[rank - 1];
  if (value === undefined) throw new Error('percentile of an empty list');
  return value;
}

/** What the HTTP client of one process needs: the safety guard, the retry bounds, its request spacing and deadline. */
export interface RequestPolicy {
  safety: SafetyPolicy;
  retry: RetryPolicy;
  minIntervalMs: number;
  /** ADT_REQUEST_TIMEOUT_SECONDS, for the preflight as for every other request. */
  timeoutMs: number;
}

/** For globalSetup (workers = the run's worker count) and the worker fixture (workerInfo.config.workers). */
export function requestPolicyFor(config: SuiteConfig, baseUrl: string, workers: number): RequestPolicy {
  return {
    safety: safetyPolicyFor({ kind: config.target.kind, baseUrl }, config.safety),
    retry: config.traffic.retry,
    minIntervalMs: workerIntervalMs(config.traffic, workers),
    timeoutMs: config.traffic.requestTimeoutMs,
  };
}
