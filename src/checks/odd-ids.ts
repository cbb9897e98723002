import { discoveredIds, jobsOf } from '../engine/context';
import type { Case, PlanContext, Probe } from '../engine/plan';
import { judge } from '../engine/verdict';
import { describeRequest, foreignJobIn } from '../suite/checks';
import { decodedSegment, oddIdsAround, STATIC_ODD_IDS, type OddId } from '../suite/ids';
import { only } from './common';
import { errorCodeHeadersAgree, errorResponseWith } from './errors';

function shown(rawSegment: string): string {
  return rawSegment.length > 40 ? `${rawSegment.slice(0, 40)}…(${rawSegment.length} chars)` : rawSegment;
}

function oddCases(odd: OddId): Case[] {
  const label = `odd id: ${odd.label} [${shown(odd.rawSegment)}]`;
  const probes: readonly Probe[] = [{ kind: 'getByRawId', segment: odd.rawSegment }];
  const requested = decodedSegment(odd.rawSegment) ?? odd.rawSegment;
  return [
    {
      requirementId: 'DJ-ODD-01',
      title: `no 5xx for ${label}`,
      probes,
      check: (exchanges) =>
        judge((f) => {
          const exchange = only(exchanges);
          f.that(
            exchange.status < 500,
            `${describeRequest(exchange)} must not fail with a server error`,
            String(exchange.status),
          );
        }),
    },
    {
      requirementId: 'DJ-ODD-02',
      title: `no 200 carrying another job's id for ${label}`,
      probes,
      check: (exchanges) =>
        judge((f) => {
          const exchange = only(exchanges);
          f.noProblem(
            foreignJobIn(exchange, requested),
            `${describeRequest(exchange)} asked for ${JSON.stringify(requested)} and must not be answered with another job`,
          );
        }),
    },
    {
      requirementId: 'DJ-ODD-03',
      title: `a 4xx is an ErrorResponse for ${label}`,
      probes,
      check: (exchanges) =>
        judge((f) => {
          const exchange = only(exchanges);
          f.notApplicableWhen(
            exchange.status < 400 || exchange.status >= 500 || exchange.status === 401,
            `the reply was ${exchange.status}, not a 4xx other than 401`,
          );
          errorResponseWith(f, exchange, exchange.status, `the ${exchange.status} reply must be an error`);
        }),
    },
  ];
}

/** DJ-ODD-01…03 for ids a router, a decoder or a store may mishandle, and DJ-404-01 for the existing id padded with what a trimming server drops. */
export function oddIdsCases(context: PlanContext): Case[] {
  const [firstJob] = jobsOf(context);
  const oddIds: readonly OddId[] = [...STATIC_ODD_IDS, ...(firstJob ? oddIdsAround(firstJob.id) : [])];
  const existing = discoveredIds(context);
  // An existing id with a space or a dot added is just an unknown id; a server that trims segments serves the job.
  const trimmedAliases = firstJob
    ? oddIdsAround(firstJob.id).filter((odd) => {
        const decoded = decodedSegment(odd.rawSegment);
        return (
          decoded !== undefined &&
          decoded !== firstJob.id &&
          decoded.replace(/^[ .]+|[ .]+$/g, '') === firstJob.id &&
          !existing.has(decoded)
        );
      })
    : [];
  return [
    ...oddIds.flatMap(oddCases),
    ...trimmedAliases.map((alias): Case => ({
      requirementId: 'DJ-404-01',
      title: `${alias.label} [${alias.rawSegment}] answers 404 with an ErrorResponse`,
      probes: [{ kind: 'getByRawId', segment: alias.rawSegment }],
      check: (exchanges) =>
        judge((f) => {
          const exchange = only(exchanges);
          errorResponseWith(
            f,
            exchange,
            404,
            `${describeRequest(exchange)} names no existing job (ids are compared byte for byte), so it must answer 404`,
          );
        }),
    })),
    {
      requirementId: 'DJ-404-02',
      title: 'x-ms-error-code equals error.code on every error reply to an odd id',
      probes: oddIds.map((odd) => ({ kind: 'getByRawId', segment: odd.rawSegment })),
      check: (exchanges) =>
        judge((f) => {
          errorCodeHeadersAgree(f, exchanges, 'DJ-ODD-01');
        }),
    },
  ];
}
