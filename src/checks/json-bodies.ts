import { jobLabel, steadiestJob, unknownIdOf } from '../engine/context';
import type { Case, PlanContext, Probe } from '../engine/plan';
import { judge } from '../engine/verdict';
import { jsonBodyDefects } from '../suite/json-defects';
import { duplicateNameDefects } from '../suite/json-names';
import { describeRequest } from '../suite/checks';
import type { Exchange } from '../suite/http/client';

/** The responses whose bodies DJ-JSON-01 and DJ-JSON-02 read: a List page, a 200, a 404 and a 400. */
function responses(context: PlanContext): { short: string; what: string; probe: Probe }[] {
  const job = steadiestJob(context);
  const unknownId = unknownIdOf(context);
  return [
    { short: 'a List page', what: 'the first List page', probe: { kind: 'list' } },
    ...(job
      ? [{ short: 'a 200', what: `the 200 GetById ${jobLabel(job)}`, probe: { kind: 'getById', id: job.id } } as const]
      : []),
    { short: 'a 404', what: `the 404 for an unknown id [${unknownId}]`, probe: { kind: 'getById', id: unknownId } },
    {
      short: 'a 400',
      what: `the 400 without api-version [${unknownId}]`,
      probe: { kind: 'getById', id: unknownId, options: { apiVersion: null } },
    },
  ];
}

function listed(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** One case over every kind of response: each body's problems, named by the response they were found in. */
function everyResponseCase(
  requirementId: Case['requirementId'],
  title: string,
  sent: readonly { what: string; probe: Probe }[],
  problemsOf: (exchange: Exchange) => string | readonly string[] | undefined,
  rule: string,
): Case {
  return {
    requirementId,
    title,
    probes: sent.map(({ probe }) => probe),
    check: (exchanges) =>
      judge((f) => {
        exchanges.forEach((exchange, index) => {
          const what = sent[index]?.what ?? describeRequest(exchange);
          f.noProblem(problemsOf(exchange), `${what}: the ${exchange.status} body ${rule}`, true);
        });
      }),
  };
}

/**
 * DJ-JSON-01 and DJ-JSON-02: how the JSON of each kind of response is framed and labelled. A framing defect is one
 * root cause whatever the response, so each requirement is one test over the four: its failure names every response
 * that breaks it (and a failing target costs one failed test, not four).
 */
export function jsonBodiesCases(context: PlanContext): Case[] {
  const sent = responses(context);
  const kinds = listed(sent.map(({ short }) => short));
  return [
    everyResponseCase(
      'DJ-JSON-01',
      `${kinds}: each body is exactly one JSON value with a JSON content type`,
      sent,
      jsonBodyDefects,
      'must be one JSON value (RFC 8259) labelled application/json',
    ),
    everyResponseCase(
      'DJ-JSON-02',
      `${kinds}: no body names a member twice in one object`,
      sent,
      duplicateNameDefects,
      'must not repeat a member name in one object (I-JSON, RFC 7493 section 2.3): parsers disagree on which value wins',
    ),
  ];
}
