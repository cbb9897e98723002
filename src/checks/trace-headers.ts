import { jobLabel, noJobReason, notApplicableCase, steadiestJob, unknownIdOf, jobsOf } from '../engine/context';
import type { Case, PlanContext, Probe } from '../engine/plan';
import { judge } from '../engine/verdict';
import { describeRequest, errorCodeOf } from '../suite/checks';
import type { Exchange } from '../suite/http/client';
import { sameJobViews } from '../suite/lifecycle';
import {
  MALFORMED_TRACE_CASES,
  TRACE_ID,
  traceIdOf,
  VALID_TRACE_CASES,
  VALID_TRACEPARENT,
  type TraceHeaderCase,
} from '../suite/trace-context';
import { errorCodeHeadersAgree } from './errors';

function headerList(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`)
    .join(', ');
}

function pair(id: string, traceCase: TraceHeaderCase): readonly Probe[] {
  return [
    { kind: 'getById', id },
    { kind: 'getById', id, options: { headers: traceCase.headers } },
  ];
}

function both(exchanges: readonly Exchange[]): readonly [Exchange, Exchange] {
  const [without, withHeaders] = exchanges;
  if (without === undefined || withHeaders === undefined)
    throw new Error('a trace-header check needs the reply without and with the headers');
  return [without, withHeaders];
}

const TRACERESPONSE_MESSAGE = "the trace-id in traceresponse must be the request's trace-id";

function traceresponseCase(id: string, title: string, job?: Case['job']): Case {
  return {
    requirementId: 'DJ-TRACE-04',
    title,
    ...(job === undefined ? {} : { job }),
    probes: [{ kind: 'getById', id, options: { headers: { traceparent: VALID_TRACEPARENT } } }],
    check: ([exchange]) =>
      judge((f) => {
        if (exchange === undefined) throw new Error('DJ-TRACE-04 needs its reply');
        const traceresponse = exchange.header('traceresponse');
        f.notApplicableWhen(
          traceresponse === undefined,
          `the target sends no traceresponse header on ${describeRequest(exchange)}`,
        );
        f.equal(traceIdOf(traceresponse ?? ''), TRACE_ID, TRACERESPONSE_MESSAGE);
      }),
  };
}

/** DJ-TRACE-01…04: trace headers, valid or not, never change the answer; a traceresponse echoes the trace-id. */
export function traceHeadersCases(context: PlanContext): Case[] {
  const job = steadiestJob(context);
  const unknownId = unknownIdOf(context);
  const perJobCases: Case[] = job
    ? (
        [
          { id: 'DJ-TRACE-01', cases: VALID_TRACE_CASES },
          { id: 'DJ-TRACE-02', cases: MALFORMED_TRACE_CASES },
        ] as const
      ).flatMap(({ id, cases }) =>
        cases.map((traceCase): Case => ({
          requirementId: id,
          title: `${traceCase.label} gives the same status and body ${jobLabel(job)}`,
          job,
          probes: pair(job.id, traceCase),
          check: (exchanges) =>
            judge((f) => {
              // A job still running may move on between the two reads: then only what cannot change is compared.
              const [expected, actual] = sameJobViews(...both(exchanges));
              f.equal(
                actual,
                expected,
                `GetById with ${headerList(traceCase.headers)} must answer exactly as without trace headers`,
              );
            }),
        })),
      )
    : [
        notApplicableCase('DJ-TRACE-01', 'a valid traceparent gives the same status and body', noJobReason(context)),
        notApplicableCase('DJ-TRACE-02', 'malformed trace headers give the same status and body', noJobReason(context)),
      ];
  const allCases = [...VALID_TRACE_CASES, ...MALFORMED_TRACE_CASES];
  const unknownIdCases = allCases.map((traceCase): Case => ({
    requirementId: 'DJ-TRACE-03',
    title: `${traceCase.label} on an unknown id [${unknownId}] keeps the 404 and its error code`,
    probes: pair(unknownId, traceCase),
    check: (exchanges) =>
      judge((f) => {
        const [without, withHeaders] = both(exchanges);
        f.that(
          withHeaders.status === 404,
          `GetById of an unknown id with ${headerList(traceCase.headers)} must still answer 404`,
          String(withHeaders.status),
        );
        f.equal(errorCodeOf(withHeaders), errorCodeOf(without), 'error.code must be the same as without trace headers');
      }),
  }));
  const anyJob = jobsOf(context)[0];
  return [
    ...perJobCases,
    ...unknownIdCases,
    {
      requirementId: 'DJ-404-02',
      title: `x-ms-error-code equals error.code on the 404s with trace headers [${unknownId}]`,
      probes: allCases.map((traceCase) => ({
        kind: 'getById',
        id: unknownId,
        options: { headers: traceCase.headers },
      })),
      check: (exchanges) =>
        judge((f) => {
          errorCodeHeadersAgree(f, exchanges, 'DJ-TRACE-03', ' with trace headers');
        }),
    },
    ...(anyJob
      ? [
          traceresponseCase(
            anyJob.id,
            `traceresponse carries the request's trace-id on a 200 ${jobLabel(anyJob)}`,
            anyJob,
          ),
        ]
      : []),
    traceresponseCase(unknownId, `traceresponse carries the request's trace-id on a 404 [${unknownId}]`),
  ];
}
