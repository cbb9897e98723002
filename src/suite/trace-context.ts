/** W3C Trace Context header values for the trace-header checks (DJ-TRACE-*). */

export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
export const VALID_TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;
export const VALID_TRACESTATE = 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7';

export interface TraceHeaderCase {
  readonly label: string;
  readonly headers: Readonly<Record<string, string>>;
}

export const VALID_TRACE_CASES: readonly TraceHeaderCase[] = [
  { label: 'valid traceparent alone', headers: { traceparent: VALID_TRACEPARENT } },
  {
    label: 'valid traceparent with tracestate',
    headers: { traceparent: VALID_TRACEPARENT, tracestate: VALID_TRACESTATE },
  },
];

/** A 512-character tracestate of 16 well-formed members: the size receivers must be able to propagate. */
export const LONG_TRACESTATE = Array.from(
  { length: 16 },
  (_, index) => `vendor${String(index).padStart(2, '0')}=${'a'.repeat(index === 0 ? 23 : 22)}`,
).join(',');

export const MALFORMED_TRACE_CASES: readonly TraceHeaderCase[] = [
  { label: 'traceparent with invalid version ff', headers: { traceparent: `ff-${TRACE_ID}-00f067aa0ba902b7-01` } },
  {
    label: 'traceparent in uppercase hex',
    headers: { traceparent: `00-${TRACE_ID.toUpperCase()}-00F067AA0BA902B7-01` },
  },
  { label: 'traceparent with all-zero trace-id', headers: { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` } },
  { label: 'traceparent with all-zero parent-id', headers: { traceparent: `00-${TRACE_ID}-${'0'.repeat(16)}-01` } },
  { label: 'garbage traceparent', headers: { traceparent: 'not a traceparent at all!' } },
  { label: 'empty tracestate', headers: { traceparent: VALID_TRACEPARENT, tracestate: '' } },
  { label: 'tracestate without traceparent', headers: { tracestate: VALID_TRACESTATE } },
  { label: '512-character tracestate', headers: { traceparent: VALID_TRACEPARENT, tracestate: LONG_TRACESTATE } },
];

/** The trace-id of a traceresponse / traceparent header value, or undefined when it has none. */
export function traceIdOf(headerValue: string): string | undefined {
  return /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}/i.exec(headerValue.trim())?.[1]?.toLowerCase();
}
