import { jobLabel, notApplicableCase, perJob } from '../engine/context';
import type { Case, PlanContext } from '../engine/plan';
import { judge } from '../engine/verdict';
import { isDeepStrictEqual } from 'node:util';
import { isRecord } from '../suite/json';
import { compareRfc3339, parseRfc3339DateTime } from '../suite/rfc3339';
import { isTerminalStatus } from '../suite/lifecycle';
import { jobBody, only } from './common';

type Job = Readonly<Record<string, unknown>>;

/**
 * What GetById must show as List did: createdDateTime always; purgeDateTime while the job is in the same
 * state (it may be set from the finish time); for a finished job also finishedDateTime and error.code. Whether the
 * status itself moved forward is DJ-STATE-04's, judged over every read of the run.
 */
function agreedProperties(listedStatus: unknown, gotStatus: unknown): string[] {
  const sameState = listedStatus === gotStatus;
  return [
    'createdDateTime',
    ...(sameState ? ['purgeDateTime'] : []),
    ...(sameState && isTerminalStatus(listedStatus) ? ['finishedDateTime', 'error.code'] : []),
  ];
}

function valueOf(job: Job, name: string): unknown {
  return name === 'error.code' ? (isRecord(job.error) ? job.error.code : undefined) : job[name];
}

/**
 * One root cause is reported once: a property one side lacks is DJ-200-03's, DJ-STATE-01's or DJ-LIST-02's finding, a
 * date-time that is not RFC 3339 DJ-TIME-01's or DJ-LIST-02's, the id DJ-200-05's. What remains is compared, date-times
 * as instants (the two operations may write the same instant differently).
 */
function disagreements(got: Job, listed: Job, names: readonly string[]): string[] {
  return names.flatMap((name) => {
    const [mine, theirs] = [valueOf(got, name), valueOf(listed, name)];
    if (
      mine === undefined ||
      mine === null ||
      theirs === undefined ||
      theirs === null ||
      isDeepStrictEqual(mine, theirs)
    )
      return [];
    if (typeof mine === 'string' && typeof theirs === 'string' && name.endsWith('DateTime')) {
      if (!parseRfc3339DateTime(mine).ok || !parseRfc3339DateTime(theirs).ok || compareRfc3339(mine, theirs) === 0)
        return [];
    }
    return [`${name} ${JSON.stringify(mine)} where List showed ${JSON.stringify(theirs)}`];
  });
}

/** DJ-LIST-04: GetById of each listed job agrees with its List entry. */
export function listAgreementCases(context: PlanContext): Case[] {
  return perJob(context, [['DJ-LIST-04', 'GetById agrees with the List entry of the job']], (job) => {
    const listed = job.listEntry;
    if (listed === undefined) {
      return [
        notApplicableCase(
          'DJ-LIST-04',
          `GetById agrees with the List entry ${jobLabel(job)}`,
          'the job was named by ADT_DELETE_JOB_ID and List did not show it',
        ),
      ];
    }
    return [
      {
        requirementId: 'DJ-LIST-04',
        title: `GetById agrees with the List entry ${jobLabel(job)}`,
        job,
        probes: [{ kind: 'getById', id: job.id }],
        check: (exchanges) =>
          judge((f) => {
            const got = jobBody(f, only(exchanges));
            const names = agreedProperties(listed.status, got.status);
            f.noProblem(
              disagreements(got, listed, names),
              `GetById must show ${names.join(', ')} as List did (List showed ${JSON.stringify(listed)})`,
            );
          }),
      },
    ];
  });
}
