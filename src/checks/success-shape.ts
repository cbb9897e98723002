import { jobLabel, perJob } from '../engine/context';
import type { Case, PlanContext } from '../engine/plan';
import { judge } from '../engine/verdict';
import { isJsonContentType, isPresent } from '../suite/checks';
import { jobBody, only, schemaView } from './common';

const STATUSES = ['notstarted', 'running', 'failed', 'succeeded'];
const REQUIRED_PROPERTIES = ['id', 'status', 'createdDateTime', 'purgeDateTime'];
/** DJ-200-01…05: GetById of every discovered job. */
export function successShapeCases(context: PlanContext): Case[] {
  return perJob(
    context,
    [
      ['DJ-200-01', 'GetById answers 200 with a JSON content type'],
      ['DJ-200-02', 'body validates against DeleteJob'],
      ['DJ-200-03', 'body carries id, status, createdDateTime and purgeDateTime'],
      ['DJ-200-04', 'status is one of the four documented values'],
      ['DJ-200-05', 'returned id equals the requested id'],
    ],
    (job) => {
      const probes = [{ kind: 'getById', id: job.id }] as const;
      const suffix = jobLabel(job);
      return [
        {
          requirementId: 'DJ-200-01',
          title: `GetById answers 200 with a JSON content type ${suffix}`,
          job,
          probes,
          check: (exchanges) =>
            judge((f) => {
              const exchange = only(exchanges);
              f.that(
                exchange.status === 200,
                `GetById of existing job "${job.id}" must answer 200`,
                String(exchange.status),
              );
              const contentType = exchange.header('content-type');
              f.that(
                isJsonContentType(contentType),
                'content-type must be application/json (a charset is allowed)',
                JSON.stringify(contentType),
              );
            }),
        },
        {
          requirementId: 'DJ-200-02',
          title: `body validates against DeleteJob ${suffix}`,
          job,
          probes,
          check: (exchanges) =>
            judge((f) => {
              f.schema(
                schemaView(jobBody(f, only(exchanges), true)),
                'DeleteJob',
                `the 200 body for "${job.id}" must be a DeleteJob`,
              );
            }),
        },
        {
          requirementId: 'DJ-200-03',
          title: `body carries id, status, createdDateTime and purgeDateTime ${suffix}`,
          job,
          probes,
          check: (exchanges) =>
            judge((f) => {
              const body = jobBody(f, only(exchanges));
              const missing = REQUIRED_PROPERTIES.filter((name) => !isPresent(body, name));
              f.noProblem(
                missing.map((name) => `a job without ${name}`),
                `the job must carry ${REQUIRED_PROPERTIES.join(', ')} (case-sensitive names)`,
              );
            }),
        },
        {
          requirementId: 'DJ-200-04',
          title: `status is one of the four documented values ${suffix}`,
          job,
          probes,
          check: (exchanges) =>
            judge((f) => {
              const body = jobBody(f, only(exchanges));
              f.notApplicableWhen(!isPresent(body, 'status'), 'the job carries no status (DJ-200-03 reports it)');
              f.that(
                STATUSES.includes(body.status as string),
                `status must be exactly one of ${STATUSES.join(', ')} (lower case)`,
                JSON.stringify(body.status),
              );
            }),
        },
        {
          requirementId: 'DJ-200-05',
          title: `returned id equals the requested id ${suffix}`,
          job,
          probes,
          check: (exchanges) =>
            judge((f) => {
              const body = jobBody(f, only(exchanges));
              f.notApplicableWhen(!isPresent(body, 'id'), 'the job carries no id (DJ-200-03 reports it)');
              f.equal(body.id, job.id, 'the returned id must equal the requested id byte for byte');
            }),
        },
      ];
    },
  );
}
