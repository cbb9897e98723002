import type { ErrorCode } from './errors';

/** What one request (or the whole run) asks the mock to do wrong, from `x-mock-fault` / `--fault`. */
export interface Fault {
  latencyMs: number;
  status?: number;
  retryAfterSeconds?: number;
  drop: boolean;
  truncate: boolean;
}

const MAX_LATENCY_MS = 60_000;
const WHOLE_NUMBER = /^\d{1,9}$/;

function wholeNumber(value: string | undefined, max: number): number | undefined {
  if (value === undefined || !WHOLE_NUMBER.test(value)) return undefined;
  const number = Number(value);
  return number <= max ? number : undefined;
}

/**
 * Grammar: `;`-separated parts, each `latency=<ms>`, `status=<400..599>`, `retry-after=<seconds>`, `drop`
 * or `truncate`; e.g. `latency=200;status=429;retry-after=2`. Undefined means the spec is malformed.
 */
export function parseFault(spec: string): Fault | undefined {
  const fault: Fault = { latencyMs: 0, drop: false, truncate: false };
  for (const rawPart of spec.split(';')) {
    const part = rawPart.trim();
    if (part === '') continue;
    const equals = part.indexOf('=');
    const key = (equals === -1 ? part : part.slice(0, equals)).trim().toLowerCase();
    const value = equals === -1 ? undefined : part.slice(equals + 1).trim();
    if (key === 'drop' && value === undefined) fault.drop = true;
    else if (key === 'truncate' && value === undefined) fault.truncate = true;
    else if (key === 'latency') {
      const ms = wholeNumber(value, MAX_LATENCY_MS);
      if (ms === undefined) return undefined;
      fault.latencyMs = ms;
    } else if (key === 'status') {
      const status = wholeNumber(value, 599);
      if (status === undefined || status < 400) return undefined;
      fault.status = status;
    } else if (key === 'retry-after') {
      const seconds = wholeNumber(value, 86_400);
      if (seconds === undefined) return undefined;
      fault.retryAfterSeconds = seconds;
    } else return undefined;
  }
  return fault;
}

export function injectedErrorCode(status: number): ErrorCode {
  if (status === 429) return 'MockInjectedTooManyRequests';
  if (status === 500) return 'MockInjectedInternalError';
  if (status === 503) return 'MockInjectedServiceUnavailable';
  return 'MockInjectedFault';
}
