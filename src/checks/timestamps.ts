import { jobLabel, perJob } from '../engine/context';
import type { Case, PlanContext } from '../engine/plan';
import { type Findings, judge } from '../engine/verdict';
import { isPresent } from '../suite/checks';
import { compareRfc3339, parseRfc3339DateTime } from '../suite/rfc3339';
import { jobBody, only } from './common';

const DATE_TIME_PROPERTIES = ['createdDateTime', 'finishedDateTime', 'purgeDateTime'] as const;
type DateTimeProperty = (typeof DATE_TIME_PROPERTIES)[number];

type Timestamps = Partial<Record<DateTimeProperty, string>>;

/**
 * The timestamps present on the job. Not applicable when one of them is not an RFC 3339 date-time: its
 * order cannot be judged, and DJ-TIME-01 reports the format.
 */
function comparableTimestamps(f: Findings, body: Readonly<Record<string, unknown>>): Timestamps {
  const present = DATE_TIME_PROPERTIES.filter((name) => isPresent(body, name));
  const invalid = present.filter((name) => {
    const value = body[name];
    return typeof value !== 'string' || !parseRfc3339DateTime(value).ok;
  });
  f.notApplicableWhen(
    invalid.length > 0,
    `${invalid.join(', ')} cannot be compared because it is not an RFC 3339 date-time (DJ-TIME-01 reports it)`,
  );
  return Object.fromEntries(present.map((name) => [name, body[name]]));
}

function adjacentPairs<T>(items: readonly T[]): (readonly [T, T])[] {
  return items.flatMap((item, index) => (index === 0 ? [] : [[items[index - 1] as T, item] as const]));
}

/** DJ-TIME-01…03: the format and order of every job's timestamps. */
export function timestampsCases(context: PlanContext): Case[] {
  return perJob(
    context,
    [
      ['DJ-TIME-01', 'every *DateTime is a strict RFC 3339 date-time'],
      ['DJ-TIME-02', 'createdDateTime ≤ finishedDateTime ≤ purgeDateTime'],
      ['DJ-TIME-03', 'purgeDateTime is after createdDateTime'],
    ],
    (job) => {
      const probes = [{ kind: 'getById', id: job.id }] as const;
      const suffix = jobLabel(job);
      return [
        {
          requirementId: 'DJ-TIME-01',
          title: `every *DateTime is a strict RFC 3339 date-time ${suffix}`,
          job,
          probes,
          check: (exchanges) =>
            judge((f) => {
              const body = jobBody(f, only(exchanges));
              const present = DATE_TIME_PROPERTIES.filter((name) => isPresent(body, name));
              f.that(
                present.length > 0,
                'the job must carry at least one *DateTime property to check',
                `none of ${DATE_TIME_PROPERTIES.join(', ')}`,
              );
              for (const name of present) f.rfc3339(body[name], `${name} must be a strict RFC 3339 date-time`);
            }),
        },
        {
          requirementId: 'DJ-TIME-02',
          title: `createdDateTime ≤ finishedDateTime ≤ purgeDateTime ${suffix}`,
          job,
          probes,
          check: (exchanges) =>
            judge((f) => {
              const stamps = comparableTimestamps(f, jobBody(f, only(exchanges)));
              const ordered = DATE_TIME_PROPERTIES.flatMap((name) =>
                stamps[name] === undefined ? [] : [[name, stamps[name]] as const],
              );
              f.notApplicableWhen(
                ordered.length < 2,
                'fewer than two timestamps are present (DJ-200-03 reports missing ones)',
              );
              for (const [[earlier, earlierValue], [later, laterValue]] of adjacentPairs(ordered)) {
                f.that(
                  compareRfc3339(earlierValue, laterValue) <= 0,
                  `${earlier} (${earlierValue}) must not be after ${later} (${laterValue})`,
                  `${earlier} after ${later}`,
                );
              }
            }),
        },
        {
          requirementId: 'DJ-TIME-03',
          title: `purgeDateTime is after createdDateTime ${suffix}`,
          job,
          probes,
          check: (exchanges) =>
            judge((f) => {
              const { createdDateTime: created = '', purgeDateTime: purge = '' } = comparableTimestamps(
                f,
                jobBody(f, only(exchanges)),
              );
              f.notApplicableWhen(
                created === '' || purge === '',
                'createdDateTime or purgeDateTime is missing (DJ-200-03 reports it)',
              );
              const order = compareRfc3339(purge, created);
              f.that(
                order === 1,
                `purgeDateTime (${purge}) must be strictly after createdDateTime (${created})`,
                order === 0 ? 'the same instant' : 'an earlier instant',
              );
            }),
        },
      ];
    },
  );
}
