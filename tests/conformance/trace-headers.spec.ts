import {
  describeRequest,
  discovery,
  discoveredIds,
  errorCodeOf,
  expect,
  errorCodeHeaderProblem,
  ERROR_CODE_HEADER_MESSAGE,
  errorResponsesAmong,
  jobLabel,
  MALFORMED_TRACE_CASES,
  NO_JOBS_REASON,
  NOT_DISCOVERED_REASON,
  notApplicableTest,
  notApplicableWhen,
  requirementDetails,
  sameJobViews,
  steadiestJob,
  test,
  TRACE_ID,
  traceIdOf,
  unknownJobId,
  VALID_TRACE_CASES,
  VALID_TRACEPARENT,
  type Exchange,
} from './fixtures';

const job = steadiestJob();
const unknownId = unknownJobId(discoveredIds);

function headerList(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`)
    .join(', ');
}

if (job) {
  const groups = [
    { id: 'DJ-TRACE-01', cases: VALID_TRACE_CASES },
    { id: 'DJ-TRACE-02', cases: MALFORMED_TRACE_CASES },
  ] as const;
  for (const { id, cases } of groups) {
    for (const traceCase of cases) {
      test(`${id} ${traceCase.label} gives the same status and body ${jobLabel(job)}`, requirementDetails(id, job), async ({ adt }) => {
        const without = await adt.getById(job.id);
        const withHeaders = await adt.getById(job.id, { headers: traceCase.headers });
        // A job still running may move on between the two reads: then only what cannot change is compared.
        const [expected, actual] = sameJobViews(without, withHeaders);
        expect(actual, `GetById with ${headerList(traceCase.headers)} must answer exactly as without trace headers`).toEqual(expected);
      });
    }
  }
} else {
  for (const placeholder of [
    notApplicableTest('DJ-TRACE-01', 'a valid traceparent gives the same status and body', discovery ? NO_JOBS_REASON : NOT_DISCOVERED_REASON),
    notApplicableTest('DJ-TRACE-02', 'malformed trace headers give the same status and body', discovery ? NO_JOBS_REASON : NOT_DISCOVERED_REASON),
  ]) {
    test(placeholder.title, placeholder.details, placeholder.body);
  }
}

for (const traceCase of [...VALID_TRACE_CASES, ...MALFORMED_TRACE_CASES]) {
  const label = `${traceCase.label} on an unknown id [${unknownId}]`;

  test(`DJ-TRACE-03 ${label} keeps the 404 and its error code`, requirementDetails('DJ-TRACE-03'), async ({ adt }) => {
    const without = await adt.getById(unknownId);
    const withHeaders = await adt.getById(unknownId, { headers: traceCase.headers });
    expect(withHeaders.status, `GetById of an unknown id with ${headerList(traceCase.headers)} must still answer 404`).toBe(404);
    expect(errorCodeOf(withHeaders), 'error.code must be the same as without trace headers').toBe(errorCodeOf(without));
  });
}

test(`DJ-404-02 x-ms-error-code equals error.code on the 404s with trace headers [${unknownId}]`, requirementDetails('DJ-404-02'), async ({ adt }) => {
  const exchanges: Exchange[] = [];
  for (const traceCase of [...VALID_TRACE_CASES, ...MALFORMED_TRACE_CASES]) exchanges.push(await adt.getById(unknownId, { headers: traceCase.headers }));
  for (const exchange of errorResponsesAmong(exchanges, 'DJ-TRACE-03')) {
    expect.soft(errorCodeHeaderProblem(exchange), `${ERROR_CODE_HEADER_MESSAGE} on the ${exchange.status} to ${describeRequest(exchange)} with trace headers`).toHaveNoProblem();
  }
});

/** The trace-id the target echoed in traceresponse; not applicable when it sends none. */
function echoedTraceId(exchange: Exchange): string | undefined {
  const traceresponse = exchange.header('traceresponse');
  notApplicableWhen(traceresponse === undefined, `the target sends no traceresponse header on ${describeRequest(exchange)}`);
  return traceIdOf(traceresponse ?? '');
}

const TRACERESPONSE_MESSAGE = "the trace-id in traceresponse must be the request's trace-id";

const anyJob = discovery?.jobs[0];
if (anyJob) {
  test(`DJ-TRACE-04 traceresponse carries the request's trace-id on a 200 ${jobLabel(anyJob)}`, requirementDetails('DJ-TRACE-04', anyJob), async ({ adt }) => {
    const exchange = await adt.getById(anyJob.id, { headers: { traceparent: VALID_TRACEPARENT } });
    expect(echoedTraceId(exchange), TRACERESPONSE_MESSAGE).toBe(TRACE_ID);
  });
}

test(`DJ-TRACE-04 traceresponse carries the request's trace-id on a 404 [${unknownId}]`, requirementDetails('DJ-TRACE-04'), async ({ adt }) => {
  const exchange = await adt.getById(unknownId, { headers: { traceparent: VALID_TRACEPARENT } });
  expect(echoedTraceId(exchange), TRACERESPONSE_MESSAGE).toBe(TRACE_ID);
});
