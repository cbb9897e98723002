import { jobLabel, steadiestJob, unknownIdOf } from '../engine/context';
import type { Case, PlanContext, Probe } from '../engine/plan';
import { judge } from '../engine/verdict';
import { jsonBodyDefects } from '../suite/json-defects';
import { duplicateNameDefects } from '../suite/json-names';
import { describeRequest } from '../suite/checks';

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

/**
 * DJ-JSON-01 and DJ-JSON-02: how the JSON of each kind of response is framed and labelled. A framing defect is one
 * root cause whatever the response, so each requirement is one test over the four: its failure names every response
 * that breaks it (and a failing target costs one failed test, not four).
 */
export function jsonBodiesCases(context: PlanContext): Case[] {
  const sent = responses(context);
  const probes = sent.map(({ probe }) => probe);
  const kinds = listed(sent.map(({ short }) => short));
  return [
    {
      requirementId: 'DJ-JSON-01',
      title: `${kinds}: each body is exactly one JSON value with a JSON content type`,
      probes,
      check: (exchanges) =>
        judge((f) => {
          exchanges.forEach((exchange, index) => {
            const what = sent[index]?.what ?? describeRequest(exchange);
            f.noProblem(
              jsonBodyDefects(exchange),
              `${what}: the ${exchange.status} body must be one JSON value (RFC 8259) labelled application/json`,
              true,
            );
          });
        }),
    },
    {
      requirementId: 'DJ-JSON-02',
      title: `${kinds}: no body names a member twice in one object`,
      probes,
      check: (exchanges) =>
        judge((f) => {
          exchanges.forEach((exchange, index) => {
            const what = sent[index]?.what ?? describeRequest(exchange);
            f.noProblem(
              duplicateNameDefects(exchange),
              `${what}: the ${exchange.status} body must not repeat a member name in one object (I-JSON, RFC 7493 section 2.3): parsers disagree on which value wins`,
              true,
            );
          });
        }),
    },
  ];
}
