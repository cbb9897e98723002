import type { Exchange } from './http/client';
import { isRecord, parsedOrUndefined } from './json';

/**
 * A delete job moves notstarted → running → succeeded or failed, and never back. Between two reads a job that is
 * not yet finished may move on, so only what cannot change is compared: its id and createdDateTime (purgeDateTime
 * may be set from the finish time). A finished job no longer changes at all.
 */
const LIFECYCLE_STEP: Readonly<Record<string, number>> = { notstarted: 0, running: 1, succeeded: 2, failed: 2 };

export function isTerminalStatus(status: unknown): boolean {
  return status === 'succeeded' || status === 'failed';
}

/** True when `later` is `earlier` or a step after it; unknown statuses only equal themselves. */
export function isForwardMove(earlier: unknown, later: unknown): boolean {
  if (earlier === later) return true;
  if (typeof earlier !== 'string' || typeof later !== 'string') return false;
  const from = LIFECYCLE_STEP[earlier];
  const to = LIFECYCLE_STEP[later];
  return from !== undefined && to !== undefined && !isTerminalStatus(earlier) && to > from;
}

const STABLE_PROPERTIES = ['id', 'createdDateTime'] as const;

/**
 * What two GetById answers for the same job must share to count as the same answer: HTTP status and the whole
 * body when both show the job finished, otherwise HTTP status and the properties that cannot change.
 */
export function sameJobViews(first: Exchange, second: Exchange): [unknown, unknown] {
  const bodies = [first, second].map((exchange) => parsedOrUndefined(exchange.bodyText) ?? exchange.bodyText);
  const finished = bodies.every((body) => isRecord(body) && isTerminalStatus(body.status));
  return [first, second].map((exchange, index) => {
    const body = bodies[index];
    if (finished || !isRecord(body)) return { status: exchange.status, body };
    return { status: exchange.status, body: Object.fromEntries(STABLE_PROPERTIES.map((name) => [name, body[name]])) };
  }) as [unknown, unknown];
}
