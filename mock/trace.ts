const TRACEPARENT_V00 = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
/** Later versions may append fields after the flags; version ff is forbidden. */
const TRACEPARENT_FUTURE = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ALL_ZERO = /^0+$/;

export interface TraceParent {
  traceId: string;
  flags: string;
}

/** A W3C traceparent, or undefined when it is malformed (then the mock ignores it, never rejects). */
export function parseTraceparent(header: string): TraceParent | undefined {
  let traceId: string | undefined;
  let parentId: string | undefined;
  let flags: string | undefined;
  const v00 = TRACEPARENT_V00.exec(header);
  if (v00) {
    [, traceId, parentId, flags] = v00;
  } else {
    const future = TRACEPARENT_FUTURE.exec(header);
    if (!future || future[1] === '00' || future[1] === 'ff') return undefined;
    [, , traceId, parentId, flags] = future;
  }
  if (traceId === undefined || parentId === undefined || flags === undefined) return undefined;
  if (ALL_ZERO.test(traceId) || ALL_ZERO.test(parentId)) return undefined;
  return { traceId, flags };
}

/** Issues the mock's own span ids: a counter, so runs are reproducible; never all zeros. */
export function spanIdSource(): () => string {
  let next = 0;
  return () => {
    next += 1;
    return next.toString(16).padStart(16, '0');
  };
}

export function traceresponseFor(header: string | string[] | undefined, nextSpanId: () => string): string | undefined {
  if (typeof header !== 'string') return undefined;
  const parent = parseTraceparent(header);
  return parent ? `00-${parent.traceId}-${nextSpanId()}-${parent.flags}` : undefined;
}
