import {
  casePairs,
  caseVariant,
  discovery,
  discoveredIds,
  expect,
  errorCodeOf,
  errorCodeHeaderProblem,
  describeRequest,
  ERROR_CODE_HEADER_MESSAGE,
  errorResponsesAmong,
  type Exchange,
  jobsFor,
  hasCasedLetters,
  jobBodyOf,
  jobLabel,
  notApplicableTest,
  requirementDetails,
  test,
} from './fixtures';

const { jobs, placeholders } = jobsFor([
  ['DJ-CASE-01', 'a case variant of an existing id answers 404 DeleteJobNotFound'],
  ['DJ-CASE-02', 'ids that differ only in case each return their own job'],
]);
for (const placeholder of placeholders) test(placeholder.title, placeholder.details, placeholder.body);

for (const job of jobs) {
  const variant = caseVariant(job.id, discoveredIds);
  if (variant === undefined) {
    const reason = hasCasedLetters(job.id) ? 'every case variant of the id is itself an existing id' : 'the id has no letters, so it has no case variant';
    const placeholder = notApplicableTest('DJ-CASE-01', `a case variant answers 404 DeleteJobNotFound ${jobLabel(job)}`, reason);
    test(placeholder.title, placeholder.details, placeholder.body);
    continue;
  }

  test(`DJ-CASE-01 case variant "${variant}" answers 404 DeleteJobNotFound ${jobLabel(job)}`, requirementDetails('DJ-CASE-01', job), async ({ adt }) => {
    const exchange = await adt.getById(variant);
    expect(exchange.status, `"${variant}" differs from the existing id "${job.id}" only in case and is not a job: ids are case sensitive, so it must answer 404`).toBe(404);
    expect(errorCodeOf(exchange), 'error.code of the error response').toBe('DeleteJobNotFound');
  });
}

const variants = jobs.flatMap((job) => caseVariant(job.id, discoveredIds) ?? []);
if (variants.length > 0) {
  test('DJ-404-02 x-ms-error-code equals error.code on the 404s for case variants', requirementDetails('DJ-404-02'), async ({ adt }) => {
    const exchanges: Exchange[] = [];
    for (const variant of variants) exchanges.push(await adt.getById(variant));
    for (const exchange of errorResponsesAmong(exchanges, 'DJ-CASE-01')) {
      expect.soft(errorCodeHeaderProblem(exchange), `${ERROR_CODE_HEADER_MESSAGE} on the ${exchange.status} to ${describeRequest(exchange)}`).toHaveNoProblem();
    }
  });
}

if (discovery && discovery.jobs.length > 0) {
  const pairs = casePairs(discovery.jobs.map((job) => job.id));
  if (pairs.length === 0) {
    const placeholder = notApplicableTest('DJ-CASE-02', 'ids that differ only in case each return their own job', 'no two discovered ids differ only in case');
    test(placeholder.title, placeholder.details, placeholder.body);
  }
  const createdById = new Map(discovery.jobs.map((job) => [job.id, job.createdDateTime]));
  for (const pair of pairs) {
    test(`DJ-CASE-02 "${pair[0]}" and "${pair[1]}" each return their own job`, requirementDetails('DJ-CASE-02'), async ({ adt }) => {
      for (const id of pair) {
        const body = jobBodyOf(await adt.getById(id));
        expect(body.id, `GetById of "${id}" must return the job "${id}", not the one that differs only in case`).toBe(id);
        expect(body.createdDateTime, `GetById of "${id}" must return the createdDateTime that List shows for "${id}"`).toBe(createdById.get(id) ?? body.createdDateTime);
      }
    });
  }
}
