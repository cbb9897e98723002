import { jobLabel, steadiestJob, unknownIdOf } from '../engine/context';
import type { Case, PlanContext, Probe } from '../engine/plan';
import { judge } from '../engine/verdict';
import { jsonBodyDefects } from '../suite/json-defects';
import { duplicateNameDefects } from '../suite/json-names';
import { only } from './common';

/** The responses whose bodies DJ-JSON-01 and DJ-JSON-02 read: a List page, a 200, a 404 and a 400. */
function responses(context: PlanContext): { what: string; probe: Probe }[] {
  const job = steadiestJob(context);
  const unknownId = unknownIdOf(context);
  return [
    { what: 'the first List page', probe: { kind: 'list' } },
    ...(job ? [{ what: `the 200 GetById ${jobLabel(job)}`, probe: { kind: 'getById', id: job.id } } as const] : []),
    { what: `the 404 for an unknown id [${unknownId}]`, probe: { kind: 'getById', id: unknownId } },
    { what: `the 400 without api-version [${unknownId}]`, probe: { kind: 'getById', id: unknownId, options: { apiVersion: null } } },
  ];
}

/** DJ-JSON-01 and DJ-JSON-02: how the JSON of each kind of response is framed and labelled. */
export function jsonBodiesCases(context: PlanContext): Case[] {
  const sent = responses(context);
  return [
    ...sent.map(({ what, probe }): Case => ({
      requirementId: 'DJ-JSON-01',
      title: `${what} is exactly one JSON value with a JSON content type`,
      probes: [probe],
      check: (exchanges) =>
        judge((f) => {
          const exchange = only(exchanges);
          f.noProblem(jsonBodyDefects(exchange), `the ${exchange.status} body must be one JSON value (RFC 8259) labelled application/json`);
        }),
    })),
    ...sent.map(({ what, probe }): Case => ({
      requirementId: 'DJ-JSON-02',
      title: `${what} names no member twice in one object`,
      probes: [probe],
      check: (exchanges) =>
        judge((f) => {
          const exchange = only(exchanges);
          f.noProblem(
            duplicateNameDefects(exchange),
            `the ${exchange.status} body must not repeat a member name in one object (I-JSON, RFC 7493 section 2.3): parsers disagree on which value wins`,
          );
        }),
    })),
  ];
}
