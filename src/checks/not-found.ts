import { unknownIdOf } from '../engine/context';
import type { Case, PlanContext } from '../engine/plan';
import { type Findings, judge } from '../engine/verdict';
import { errorCodeHeaderProblem, errorCodeOf, errorMessageOf } from '../suite/checks';
import { ERROR_CODE_HEADER_MESSAGE } from './errors';
import { jsonBody, only } from './common';

/** The error contract of the 404 is judged only on a 404: any other answer is DJ-404-01's finding. */
function notA404(f: Findings, status: number): void {
  f.notApplicableWhen(status !== 404, `the unknown id was answered ${status}, not 404 (DJ-404-01 reports it)`);
}

/** DJ-404-01…04: GetById of an id the target does not have. */
export function notFoundCases(context: PlanContext): Case[] {
  const id = unknownIdOf(context);
  const probes = [{ kind: 'getById', id }] as const;
  const answers404 = `GetById of the unknown id "${id}" must answer 404`;
  return [
    {
      requirementId: 'DJ-404-01',
      title: `an unknown id answers 404 with an ErrorResponse [${id}]`,
      probes,
      check: (exchanges) =>
        judge((f) => {
          const exchange = only(exchanges);
          f.that(exchange.status === 404, answers404, String(exchange.status));
          f.schema(
            jsonBody(f, exchange, `the ${exchange.status} body must be JSON`),
            'ErrorResponse',
            `the ${exchange.status} body must be an ErrorResponse`,
          );
        }),
    },
    {
      requirementId: 'DJ-404-02',
      title: `x-ms-error-code equals error.code on the 404 for an unknown id [${id}]`,
      probes,
      check: (exchanges) =>
        judge((f) => {
          const exchange = only(exchanges);
          notA404(f, exchange.status);
          f.noProblem(errorCodeHeaderProblem(exchange), ERROR_CODE_HEADER_MESSAGE);
        }),
    },
    {
      requirementId: 'DJ-404-03',
      title: `the 404 for an unknown id has error.code DeleteJobNotFound [${id}]`,
      probes,
      check: (exchanges) =>
        judge((f) => {
          const exchange = only(exchanges);
          notA404(f, exchange.status);
          f.equal(
            errorCodeOf(exchange),
            'DeleteJobNotFound',
            'error.code of the error response must be DeleteJobNotFound',
          );
        }),
    },
    {
      requirementId: 'DJ-404-04',
      title: `the 404 for an unknown id has a non-empty error.message [${id}]`,
      probes,
      check: (exchanges) =>
        judge((f) => {
          const exchange = only(exchanges);
          notA404(f, exchange.status);
          const message = errorMessageOf(exchange);
          f.that(
            typeof message === 'string' && /\S/.test(message),
            'error.message must be a non-empty string',
            JSON.stringify(message),
          );
        }),
    },
  ];
}
