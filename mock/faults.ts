import type { ErrorCode } from './errors';
import { didYouMean } from './suggest';

/** What one request (or the whole run) asks the mock to do wrong, from `x-mock-fault` / `--fault`. */
export interface Fault {
  latencyMs: number;
  status?: number;
  retryAfterSeconds?: number;
  drop: boolean;
  truncate: boolean;
}

const MAX_LATENCY_MS = 60_000;
const MAX_RETRY_AFTER_SECONDS = 86_400;
const WHOLE_NUMBER = /^\d{1,9}$/;
const FAULT_PARTS = ['latency', 'status', 'retry-after', 'drop', 'truncate'];

/** The fault grammar, for every message about a malformed fault (--fault, ADT_MOCK_FAULT, x-mock-fault). */
export const FAULT_GRAMMAR = `";"-separated parts, any of latency=<ms, at most ${MAX_LATENCY_MS}>, status=<400..599>, retry-after=<seconds>, drop, truncate; e.g. latency=200, status=503, status=429;retry-after=2`;

function wholeNumber(value: string | undefined, max: number): number | undefined {
  if (value === undefined || !WHOLE_NUMBER.test(value)) return undefined;
  const number = Number(value);
  return number <= max ? number : undefined;
}

/**
 * Grammar: FAULT_GRAMMAR. A malformed spec gives the part that is wrong and why, for the caller's message
 * (see faultMessage).
 */
export function parseFault(spec: string): Fault | { problem: string } {
  const fault: Fault = { latencyMs: 0, drop: false, truncate: false };
  for (const rawPart of spec.split(';')) {
    const part = rawPart.trim();
    if (part === '') continue;
    const equals = part.indexOf('=');
    const key = (equals === -1 ? part : part.slice(0, equals)).trim().toLowerCase();
    const value = equals === -1 ? undefined : part.slice(equals + 1).trim();
    if ((key === 'drop' || key === 'truncate') && value !== undefined)
      return { problem: `${key} takes no value, got "${part}".` };
    if (key === 'drop') fault.drop = true;
    else if (key === 'truncate') fault.truncate = true;
    else if (key === 'latency') {
      const ms = wholeNumber(value, MAX_LATENCY_MS);
      if (ms === undefined)
        return {
          problem: `latency must be a whole number of milliseconds up to ${MAX_LATENCY_MS}, got "${value ?? ''}".`,
        };
      fault.latencyMs = ms;
    } else if (key === 'status') {
      const status = wholeNumber(value, 599);
      if (status === undefined || status < 400)
        return { problem: `status must be a whole number from 400 to 599, got "${value ?? ''}".` };
      fault.status = status;
    } else if (key === 'retry-after') {
      const seconds = wholeNumber(value, MAX_RETRY_AFTER_SECONDS);
      if (seconds === undefined)
        return {
          problem: `retry-after must be a whole number of seconds up to ${MAX_RETRY_AFTER_SECONDS}, got "${value ?? ''}".`,
        };
      fault.retryAfterSeconds = seconds;
    } else return { problem: `"${part}" is not a fault part.${didYouMean(key, FAULT_PARTS)}` };
  }
  return fault;
}

/** One message for a malformed fault, wherever it came from; long specs are cut, the grammar is always there. */
export function faultMessage(source: string, spec: string, problem: string): string {
  const shown = spec.length > 100 ? `${spec.slice(0, 100)}…` : spec;
  return `${source} "${shown}" is malformed: ${problem} Fault grammar: ${FAULT_GRAMMAR}`;
}

export function injectedErrorCode(status: number): ErrorCode {
  if (status === 429) return 'MockInjectedTooManyRequests';
  if (status === 500) return 'MockInjectedInternalError';
  if (status === 503) return 'MockInjectedServiceUnavailable';
  return 'MockInjectedFault';
}
