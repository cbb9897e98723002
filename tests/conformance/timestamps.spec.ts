import { compareRfc3339, expect, jobsFor, isPresent, jobBodyOf, jobLabel, parseRfc3339DateTime, requirementDetails, test } from '../support/fixtures';

const DATE_TIME_PROPERTIES = ['createdDateTime', 'finishedDateTime', 'purgeDateTime'] as const;
type DateTimeProperty = (typeof DATE_TIME_PROPERTIES)[number];

/** The RFC 3339 value of a timestamp property, failing readably when it cannot be compared. */
function instant(body: Readonly<Record<string, unknown>>, name: DateTimeProperty): string {
  const value = body[name];
  const parsed = typeof value === 'string' ? parseRfc3339DateTime(value) : undefined;
  expect(parsed?.ok, `${name} ${JSON.stringify(value)} must be an RFC 3339 date-time before it can be compared`).toBe(true);
  return value as string;
}

function expectNotAfter(body: Readonly<Record<string, unknown>>, earlier: DateTimeProperty, later: DateTimeProperty): void {
  const a = instant(body, earlier);
  const b = instant(body, later);
  expect(compareRfc3339(a, b), `${earlier} (${a}) must not be after ${later} (${b})`).toBeLessThanOrEqual(0);
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
    const body = jobBodyOf(await adt.getById(job.id));
    const present = DATE_TIME_PROPERTIES.filter((name) => isPresent(body, name));
    expect(present.length, 'at least two timestamps are needed to check their order').toBeGreaterThanOrEqual(2);
    for (let index = 0; index + 1 < present.length; index += 1) {
      expectNotAfter(body, present[index] as DateTimeProperty, present[index + 1] as DateTimeProperty);
    }
  });

  test(`DJ-TIME-03 purgeDateTime is after createdDateTime ${jobLabel(job)}`, requirementDetails('DJ-TIME-03', job), async ({ adt }) => {
    const body = jobBodyOf(await adt.getById(job.id));
    const created = instant(body, 'createdDateTime');
    const purge = instant(body, 'purgeDateTime');
    expect(compareRfc3339(purge, created), `purgeDateTime (${purge}) must be strictly after createdDateTime (${created})`).toBe(1);
  });
}
