import type { Findings } from '../engine/verdict';
import { describeRequest, errorCodeHeaderProblem, errorCodeOf } from '../suite/checks';
import type { Exchange } from '../suite/http/client';
import { jsonBody } from './common';

export const ERROR_CODE_HEADER_MESSAGE = 'x-ms-error-code must be present and equal error.code';

/**
 * DJ-404-02 over the error responses among `exchanges` (every status from 400 up, except 401, whose body is not
 * part of the contract). Not applicable when there are none: the requirement behind the request reports that.
 */
export function errorCodeHeadersAgree(
  findings: Findings,
  exchanges: readonly Exchange[],
  reportedBy: string,
  context = '',
): void {
  const errors = exchanges.filter((exchange) => exchange.status >= 400 && exchange.status !== 401);
  findings.notApplicableWhen(errors.length === 0, `no reply was an error other than 401 (${reportedBy} reports it)`);
  for (const exchange of errors) {
    findings.noProblem(
      errorCodeHeaderProblem(exchange),
      `${ERROR_CODE_HEADER_MESSAGE} on the ${exchange.status} to ${describeRequest(exchange)}${context}`,
      true,
    );
  }
}

/** The reply must have `status` (stated by `requirement`), then a JSON body that is an ErrorResponse. */
export function errorResponseWith(findings: Findings, exchange: Exchange, status: number, requirement: string): void {
  findings.that(exchange.status === status, requirement, String(exchange.status));
  findings.schema(
    jsonBody(findings, exchange, `the ${exchange.status} body must be JSON`),
    'ErrorResponse',
    `the ${exchange.status} body must be an ErrorResponse`,
  );
}

export function errorCodeIs(findings: Findings, exchange: Exchange, code: string): void {
  findings.equal(errorCodeOf(exchange), code, `error.code of the error response must be ${code}`);
}
