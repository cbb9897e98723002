import { expect, jobsFor, isJsonContentType, isPresent, jobBodyOf, jobLabel, requirementDetails, test } from './fixtures';

const STATUSES = ['notstarted', 'running', 'failed', 'succeeded'];
const REQUIRED_PROPERTIES = ['id', 'status', 'createdDateTime', 'purgeDateTime'];

const { jobs, placeholders } = jobsFor([
  ['DJ-200-01', 'GetById answers 200 with a JSON content type'],
  ['DJ-200-02', 'body validates against DeleteJob'],
  ['DJ-200-03', 'body carries id, status, createdDateTime and purgeDateTime'],
  ['DJ-200-04', 'status is one of the four documented values'],
  ['DJ-200-05', 'returned id equals the requested id'],
]);
for (const placeholder of placeholders) test(placeholder.title, placeholder.details, placeholder.body);

for (const job of jobs) {
  test(`DJ-200-01 GetById answers 200 with a JSON content type ${jobLabel(job)}`, requirementDetails('DJ-200-01', job), async ({ adt }) => {
    const exchange = await adt.getById(job.id);
    expect(exchange.status, `GetById of existing job "${job.id}" must answer 200`).toBe(200);
    const contentType = exchange.header('content-type');
    expect(isJsonContentType(contentType), `content-type must be application/json (a charset is allowed), got ${JSON.stringify(contentType)}`).toBe(true);
  });

  test(`DJ-200-02 body validates against DeleteJob ${jobLabel(job)}`, requirementDetails('DJ-200-02', job), async ({ adt }) => {
    const body = jobBodyOf(await adt.getById(job.id));
    expect(body, `the 200 body for "${job.id}" must be a DeleteJob`).toMatchSchema('DeleteJob');
  });

  test(`DJ-200-03 body carries id, status, createdDateTime and purgeDateTime ${jobLabel(job)}`, requirementDetails('DJ-200-03', job), async ({ adt }) => {
    const body = jobBodyOf(await adt.getById(job.id));
    const missing = REQUIRED_PROPERTIES.filter((name) => !isPresent(body, name));
    expect(missing.map((name) => `a job without ${name}`), `the job must carry ${REQUIRED_PROPERTIES.join(', ')} (case-sensitive names)`).toHaveNoProblem();
  });

  test(`DJ-200-04 status is one of the four documented values ${jobLabel(job)}`, requirementDetails('DJ-200-04', job), async ({ adt }) => {
    const body = jobBodyOf(await adt.getById(job.id));
    expect(STATUSES, `status must be exactly one of ${STATUSES.join(', ')} (lower case)`).toContain(body.status);
  });

  test(`DJ-200-05 returned id equals the requested id ${jobLabel(job)}`, requirementDetails('DJ-200-05', job), async ({ adt }) => {
    const body = jobBodyOf(await adt.getById(job.id));
    expect(body.id, 'the returned id must equal the requested id byte for byte').toBe(job.id);
  });
}
