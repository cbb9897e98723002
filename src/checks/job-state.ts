import { jobLabel, perJob } from '../engine/context';
import type { Case, PlanContext } from '../engine/plan';
import { type Findings, judge } from '../engine/verdict';
import { isPresent, isRecord } from '../suite/checks';
import { jobBody, only } from './common';

const TERMINAL = new Set(['succeeded', 'failed']);
const KNOWN = new Set(['notstarted', 'running', 'succeeded', 'failed']);

/** The job's status as returned now; not applicable when it is not one of the four (DJ-200-04 reports that). */
function knownStatusOf(f: Findings, body: Readonly<Record<string, unknown>>): string {
  const status = body.status;
  f.notApplicableWhen(
    typeof status !== 'string' || !KNOWN.has(status),
    `status ${JSON.stringify(status)} is not one of the documented values (DJ-200-04 reports it)`,
  );
  return status as string;
}

function presence(
  f: Findings,
  body: Readonly<Record<string, unknown>>,
  property: string,
  mustBePresent: boolean,
  status: string,
): void {
  f.that(
    isPresent(body, property) === mustBePresent,
    `a ${status} job must ${mustBePresent ? '' : 'not '}carry ${property}`,
  );
}

/** DJ-STATE-01…03: what a job carries in each state. */
export function jobStateCases(context: PlanContext): Case[] {
  return perJob(
    context,
    [
      ['DJ-STATE-01', 'finishedDateTime is present exactly when the job is finished'],
      ['DJ-STATE-02', 'error is present exactly when the job failed'],
      ['DJ-STATE-03', 'a job error validates as Error and has a code'],
    ],
    (job) => {
      const probes = [{ kind: 'getById', id: job.id }] as const;
      const suffix = jobLabel(job);
      return [
        {
          requirementId: 'DJ-STATE-01',
          title: `finishedDateTime is present exactly when the job is finished ${suffix}`,
          job,
          probes,
          check: (exchanges) =>
            judge((f) => {
              const body = jobBody(f, only(exchanges));
              const status = knownStatusOf(f, body);
              presence(f, body, 'finishedDateTime', TERMINAL.has(status), status);
            }),
        },
        {
          requirementId: 'DJ-STATE-02',
          title: `error is present exactly when the job failed ${suffix}`,
          job,
          probes,
          check: (exchanges) =>
            judge((f) => {
              const body = jobBody(f, only(exchanges));
              const status = knownStatusOf(f, body);
              presence(f, body, 'error', status === 'failed', status);
            }),
        },
        {
          requirementId: 'DJ-STATE-03',
          title: `a job error validates as Error and has a code ${suffix}`,
          job,
          probes,
          check: (exchanges) =>
            judge((f) => {
              const body = jobBody(f, only(exchanges));
              f.notApplicableWhen(
                !isPresent(body, 'error'),
                `the job (status ${JSON.stringify(body.status)}) has no error to check`,
              );
              f.schema(body.error, 'Error', 'the job error must validate as Error');
              const code = isRecord(body.error) ? body.error.code : undefined;
              f.that(
                typeof code === 'string' && /\S/.test(code),
                'the job error must have a non-empty string code',
                JSON.stringify(code),
              );
            }),
        },
      ];
    },
  );
}
