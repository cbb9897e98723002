import { compareRfc3339, expect, jobsFor, isPresent, jobBodyOf, jobLabel, notApplicableWhen, parseRfc3339DateTime, requirementDetails, test } from './fixtures';

const DATE_TIME_PROPERTIES = ['createdDateTime', 'finishedDateTime', 'purgeDateTime'] as const;
type DateTimeProperty = (typeof DATE_TIME_PROPERTIES)[number];

type Timestamps = Partial<Record<DateTimeProperty, string>>;

/**
 * The timestamps present on the job. Not applicable when one of them is not an RFC 3339 date-time: its
 * order cannot be judged, and DJ-TIME-01 reports the format.
 */
function comparableTimestamps(body: Readonly<Record<string, unknown>>): Timestamps {
  const present = DATE_TIME_PROPERTIES.filter((name) => isPresent(body, name));
  const invalid = present.filter((name) => {
    const value = body[name];
    return typeof value !== 'string' || !parseRfc3339DateTime(value).ok;
  });
  notApplicableWhen(invalid.length > 0, `${invalid.join(', ')} cannot be compared because it is not an RFC 3339 date-time (DJ-TIME-01 reports it)`);
  return Object.fromEntries(present.map((name) => [name, body[name]]));
}

function adjacentPairs<T>(items: readonly T[]): (readonly [T, T])[] {
  return items.flatMap((item, index) => (index === 0 ? [] : [[items[index - 1] as T, item] as const]));
}

const { jobs, placeholders } = jobsFor([
  ['DJ-TIME-01', 'every *DateTime is a strict RFC 3339 date-time'],
  ['DJ-TIME-02', 'createdDateTime ≤ finishedDateTime ≤ purgeDateTime'],
  ['DJ-TIME-03', 'purgeDateTime is after createdDateTime'],
]);
for (const placeholder of placeholders) test(placeholder.title, placeholder.details, placeholder.body);

for (const job of jobs) {
  test(`DJ-TIME-01 every *DateTime is a strict RFC 3339 date-time ${jobLabel(job)}`, requirementDetails('DJ-TIME-01', job), async ({ adt }) => {
    const body = jobBodyOf(await adt.getById(job.id));
    const present = DATE_TIME_PROPERTIES.filter((name) => isPresent(body, name));
    expect(present.length, 'the job must carry at least one *DateTime property to check').toBeGreaterThan(0);
    for (const name of present) expect(body[name], `${name} must be a strict RFC 3339 date-time`).toBeRfc3339DateTime();
  });

  test(`DJ-TIME-02 createdDateTime ≤ finishedDateTime ≤ purgeDateTime ${jobLabel(job)}`, requirementDetails('DJ-TIME-02', job), async ({ adt }) => {
    const stamps = comparableTimestamps(jobBodyOf(await adt.getById(job.id)));
    const ordered = DATE_TIME_PROPERTIES.flatMap((name) => (stamps[name] === undefined ? [] : [[name, stamps[name]] as const]));
    notApplicableWhen(ordered.length < 2, 'fewer than two timestamps are present (DJ-200-03 reports missing ones)');
    for (const [[earlier, earlierValue], [later, laterValue]] of adjacentPairs(ordered)) {
      expect(compareRfc3339(earlierValue, laterValue), `${earlier} (${earlierValue}) must not be after ${later} (${laterValue})`).toBeLessThanOrEqual(0);
    }
  });

  test(`DJ-TIME-03 purgeDateTime is after createdDateTime ${jobLabel(job)}`, requirementDetails('DJ-TIME-03', job), async ({ adt }) => {
    const { createdDateTime: created = '', purgeDateTime: purge = '' } = comparableTimestamps(jobBodyOf(await adt.getById(job.id)));
    notApplicableWhen(created === '' || purge === '', 'createdDateTime or purgeDateTime is missing (DJ-200-03 reports it)');
    expect(compareRfc3339(purge, created), `purgeDateTime (${purge}) must be strictly after createdDateTime (${created})`).toBe(1);
  });
}
