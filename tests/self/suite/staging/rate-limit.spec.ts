import { expect, test } from '@playwright/test';
import http from 'node:http';
import {
  parseRetryAfter,
  percentile,
  RequestPacer,
  sendWithRetries,
  workerIntervalMs,
  type Clock,
  type RetryableResponse,
  type RetryPolicy,
} from '../../../../src/suite/http/rate-limit';
import { sendJson, startServer, type LoopbackServer } from './loopback';
import {
  ConfigError,
  parseConfig,
  type Env,
  type LatencySettings,
  type TargetKind,
  type TrafficSettings,
} from '../../../../src/config';

const STAGING = 'https://staging-twins.api.weu.digitaltwins.azure.net';

/** Traffic settings as the one configuration module parses them for a target of this kind. */
function resolveTrafficSettings(env: Env, kind: TargetKind): TrafficSettings {
  return parseConfig(kind === 'url' ? { ...env, AZURE_DIGITALTWINS_URL: STAGING } : env).traffic;
}

function resolveLatencySettings(env: Env): LatencySettings {
  return parseConfig(env).latency;
}

/** A clock whose sleeps advance time instantly and are recorded: the retry logic is tested without waiting. */
function virtualClock(start = Date.parse('2025-01-01T00:00:00Z')): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: (ms) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

function get(url: string): Promise<RetryableResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        response.resume();
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, headers: response.headers });
        });
      })
      .on('error', reject);
  });
}

const policy: RetryPolicy = { maxRetries: 3, maxTotalWaitMs: 30_000, fallbackWaitMs: 1_000 };

async function withServer<T>(
  statuses: [number, Record<string, string>][],
  use: (server: LoopbackServer) => Promise<T>,
): Promise<T> {
  const server = await startServer((_req, res, index) => {
    const [status, headers] = statuses[Math.min(index, statuses.length - 1)] ?? [200, {}];
    sendJson(res, status, { value: [] }, headers);
  });
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}

test.describe('Retry-After parsing', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  test('delay-seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });
  test('HTTP-date, in the future and in the past', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now), 'a date in the past means retry now').toBe(0);
  });
  test('unusable values', () => {
    for (const value of [undefined, '', '-1', '1.5', 'soon', '2025-01-01']) {
      expect(parseRetryAfter(value, now), `Retry-After: ${String(value)}`).toBeUndefined();
    }
  });
});

test.describe('bounded retries over real HTTP', () => {
  test('429 with Retry-After seconds is retried after exactly that wait, and each retry is recorded', async () => {
    await withServer(
      [
        [429, { 'retry-after': '2' }],
        [429, { 'retry-after': '1' }],
        [200, {}],
      ],
      async (server) => {
        const clock = virtualClock();
        const outcome = await sendWithRetries(() => get(server.url), policy, clock);
        expect(outcome.response.status).toBe(200);
        expect(clock.slept).toEqual([2000, 1000]);
        expect(outcome.retries).toEqual([
          { attempt: 1, status: 429, retryAfter: '2', waitMs: 2000 },
          { attempt: 2, status: 429, retryAfter: '1', waitMs: 1000 },
        ]);
        expect(server.requests).toHaveLength(3);
      },
    );
  });

  test('503 with an HTTP-date Retry-After waits until that date', async () => {
    const clock = virtualClock();
    const date = new Date(clock.now() + 4000).toUTCString();
    await withServer(
      [
        [503, { 'retry-after': date }],
        [200, {}],
      ],
      async (server) => {
        const outcome = await sendWithRetries(() => get(server.url), policy, clock);
        expect(outcome.response.status).toBe(200);
        expect(clock.slept).toEqual([4000]);
      },
    );
  });

  test('503 without Retry-After is a verdict, not retried', async () => {
    await withServer(
      [
        [503, {}],
        [200, {}],
      ],
      async (server) => {
        const outcome = await sendWithRetries(() => get(server.url), policy, virtualClock());
        expect(outcome.response.status).toBe(503);
        expect(server.requests).toHaveLength(1);
      },
    );
  });

  test('429 without Retry-After backs off exponentially from the fallback wait', async () => {
    await withServer(
      [
        [429, {}],
        [429, {}],
        [200, {}],
      ],
      async (server) => {
        const clock = virtualClock();
        await sendWithRetries(() => get(server.url), policy, clock);
        expect(clock.slept).toEqual([1000, 2000]);
      },
    );
  });

  test('a target that keeps answering 429 gets at most maxRetries retries, then its real status', async () => {
    await withServer([[429, { 'retry-after': '1' }]], async (server) => {
      const outcome = await sendWithRetries(() => get(server.url), policy, virtualClock());
      expect(outcome.response.status, 'the final 429 is returned, not hidden').toBe(429);
      expect(server.requests).toHaveLength(policy.maxRetries + 1);
      expect(outcome.gaveUp).toContain('ADT_MAX_RETRIES');
    });
  });

  test('a Retry-After beyond the total wait budget is not waited for', async () => {
    await withServer(
      [
        [429, { 'retry-after': '120' }],
        [200, {}],
      ],
      async (server) => {
        const clock = virtualClock();
        const outcome = await sendWithRetries(() => get(server.url), policy, clock);
        expect(outcome.response.status).toBe(429);
        expect(clock.slept).toEqual([]);
        expect(outcome.gaveUp).toContain('ADT_MAX_RETRY_WAIT_MS');
        expect(server.requests).toHaveLength(1);
      },
    );
  });

  test('the total wait stays within the budget across retries', async () => {
    await withServer([[429, { 'retry-after': '10' }]], async (server) => {
      const clock = virtualClock();
      const outcome = await sendWithRetries(
        () => get(server.url),
        { ...policy, maxRetries: 10, maxTotalWaitMs: 25_000 },
        clock,
      );
      expect(clock.slept).toEqual([10_000, 10_000]);
      expect(outcome.retries).toHaveLength(2);
    });
  });
});

test.describe('request pacing', () => {
  test('requests from one worker start at least the interval apart; the wait is reported', async () => {
    const clock = virtualClock();
    const pacer = new RequestPacer(1000, clock);
    const starts: number[] = [];
    for (let i = 0; i < 4; i++) {
      await pacer.acquire();
      starts.push(clock.now());
    }
    expect(starts.map((t) => t - (starts[0] ?? 0))).toEqual([0, 1000, 2000, 3000]);
  });

  test('concurrent callers in one worker are serialised too', async () => {
    const frozen: Clock = { now: () => 0, sleep: () => Promise.resolve() };
    const pacer = new RequestPacer(500, frozen);
    const waits = await Promise.all([pacer.acquire(), pacer.acquire(), pacer.acquire()]);
    expect(waits).toEqual([0, 500, 1000]);
  });

  test('no pacing when unlimited', async () => {
    const clock = virtualClock();
    const pacer = new RequestPacer(0, clock);
    await pacer.acquire();
    await pacer.acquire();
    expect(clock.slept).toEqual([]);
  });
});

test.describe('traffic settings', () => {
  test('URL targets default to 1 request/s and 1 worker; the mock is unlimited', () => {
    expect(resolveTrafficSettings({}, 'url')).toMatchObject({ maxRps: 1, workers: 1 });
    expect(resolveTrafficSettings({}, 'bundled-mock')).toMatchObject({ maxRps: undefined, workers: undefined });
  });

  test('ADT_MAX_RPS, ADT_WORKERS, ADT_MAX_RETRIES, ADT_MAX_RETRY_WAIT_MS and ADT_REQUEST_TIMEOUT_SECONDS override; ADT_MAX_RPS=0 is unlimited', () => {
    const settings = resolveTrafficSettings(
      {
        ADT_MAX_RPS: '0.5',
        ADT_WORKERS: '2',
        ADT_MAX_RETRIES: '0',
        ADT_MAX_RETRY_WAIT_MS: '5000',
        ADT_REQUEST_TIMEOUT_SECONDS: '2.5',
      },
      'url',
    );
    expect(settings).toEqual({
      maxRps: 0.5,
      workers: 2,
      requestTimeoutMs: 2500,
      retry: { maxRetries: 0, maxTotalWaitMs: 5000, fallbackWaitMs: 1000 },
    });
    expect(resolveTrafficSettings({ ADT_MAX_RPS: '0' }, 'url').maxRps).toBeUndefined();
  });

  test('the run-wide rate is split across workers', () => {
    expect(workerIntervalMs(resolveTrafficSettings({ ADT_MAX_RPS: '1', ADT_WORKERS: '2' }, 'url'), 2)).toBe(2000);
    expect(workerIntervalMs(resolveTrafficSettings({}, 'bundled-mock'), 4)).toBe(0);
  });

  test('a malformed value is one message naming the variable', () => {
    expect(() => resolveTrafficSettings({ ADT_WORKERS: '1.5' }, 'url')).toThrow(ConfigError);
    expect(() => resolveTrafficSettings({ ADT_MAX_RPS: 'fast' }, 'url')).toThrow(
      'ADT_MAX_RPS: "fast" is not a non-negative number',
    );
  });
});

test.describe('latency settings (DJ-PERF-01)', () => {
  test('defaults: 20 samples, 1000 ms budget; both overridable', () => {
    expect(resolveLatencySettings({})).toEqual({ samples: 20, budgetMs: 1000 });
    expect(resolveLatencySettings({ ADT_LATENCY_SAMPLES: '5', ADT_LATENCY_BUDGET_MS: '250' })).toEqual({
      samples: 5,
      budgetMs: 250,
    });
  });

  test('zero samples is refused with one message', () => {
    expect(() => resolveLatencySettings({ ADT_LATENCY_SAMPLES: '0' })).toThrow(
      'ADT_LATENCY_SAMPLES: "0" is not a positive whole number',
    );
  });

  test('p95 is the nearest-rank percentile', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(twenty, 95), '19th of 20 sorted values').toBe(19);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([5, 1, 100, 2], 95), 'unsorted input, one slow outlier among four').toBe(100);
  });
});
