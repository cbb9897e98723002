import {
  describeRequest,
  discoveredIds,
  ERROR_CODE_HEADER_MESSAGE,
  errorCodeHeaderProblem,
  errorCodeOf,
  errorResponsesAmong,
  expect,
  type Exchange,
  jobLabel,
  jobsFor,
  nearMissIds,
  notApplicableTest,
  requirementDetails,
  test,
} from './fixtures';

/** Near misses of the first discovered id: enough to catch prefix or fuzzy matching without a request storm. */
const { jobs, placeholders } = jobsFor([['DJ-404-05', 'an id one step away from an existing id answers 404 DeleteJobNotFound']]);
for (const placeholder of placeholders) test(placeholder.title, placeholder.details, placeholder.body);

const cases = jobs.slice(0, 1).flatMap((job) => nearMissIds(job.id, discoveredIds).map((probe) => ({ job, probe })));
const probes = cases.map(({ probe }) => probe);

for (const job of jobs.slice(0, 1).filter(() => cases.length === 0)) {
  const placeholder = notApplicableTest('DJ-404-05', `near-miss ids answer 404 ${jobLabel(job)}`, 'every near miss of the id is itself an existing id');
  test(placeholder.title, placeholder.details, placeholder.body);
}

for (const { job, probe } of cases) {
  test(`DJ-404-05 near-miss id "${probe.value}" (${probe.label}) answers 404 DeleteJobNotFound ${jobLabel(job)}`, requirementDetails('DJ-404-05', job), async ({ adt }) => {
    const exchange = await adt.getById(probe.value);
    expect(exchange.status, `"${probe.value}" is one step away from the existing id "${job.id}" and is not a job: it must answer 404`).toBe(404);
    expect(exchange.json(), `the ${exchange.status} body must be an ErrorResponse`).toMatchSchema('ErrorResponse');
    expect(errorCodeOf(exchange), 'error.code of the error response').toBe('DeleteJobNotFound');
  });
}

if (probes.length > 0) {
  test('DJ-404-02 x-ms-error-code equals error.code on the 404s for near-miss ids', requirementDetails('DJ-404-02'), async ({ adt }) => {
    const exchanges: Exchange[] = [];
    for (const probe of probes) exchanges.push(await adt.getById(probe.value));
    for (const exchange of errorResponsesAmong(exchanges, 'DJ-404-05')) {
      expect.soft(errorCodeHeaderProblem(exchange), `${ERROR_CODE_HEADER_MESSAGE} on the ${exchange.status} to ${describeRequest(exchange)}`).toHaveNoProblem();
    }
  });
}
