import { expect, jobsFor, isPresent, isRecord, jobBodyOf, jobLabel, notApplicableWhen, requirementDetails, test } from './fixtures';

const TERMINAL = new Set(['succeeded', 'failed']);
const KNOWN = new Set(['notstarted', 'running', 'succeeded', 'failed']);

function jobErrorCodeOf(body: Readonly<Record<string, unknown>>): unknown {
  return isRecord(body.error) ? body.error.code : undefined;
}

/** The job's status as returned now; not applicable when it is not one of the four (DJ-200-04 reports that). */
function knownStatusOf(body: Readonly<Record<string, unknown>>): string {
  const status = body.status;
  notApplicableWhen(typeof status !== 'string' || !KNOWN.has(status), `status ${JSON.stringify(status)} is not one of the documented values (DJ-200-04 reports it)`);
  return status as string;
}

/** Whether a property must be present for this status, and the message saying so. */
function presenceRule(property: string, mustBePresent: boolean, status: string): readonly [boolean, string] {
  return [mustBePresent, `a ${status} job must ${mustBePresent ? '' : 'not '}carry ${property}`];
}

const { jobs, placeholders } = jobsFor([
  ['DJ-STATE-01', 'finishedDateTime is present exactly when the job is finished'],
  ['DJ-STATE-02', 'error is present exactly when the job failed'],
  ['DJ-STATE-03', 'a job error validates as Error and has a code'],
]);
for (const placeholder of placeholders) test(placeholder.title, placeholder.details, placeholder.body);

for (const job of jobs) {
  test(`DJ-STATE-01 finishedDateTime is present exactly when the job is finished ${jobLabel(job)}`, requirementDetails('DJ-STATE-01', job), async ({ adt }) => {
    const body = jobBodyOf(await adt.getById(job.id));
    const status = knownStatusOf(body);
    const [expected, message] = presenceRule('finishedDateTime', TERMINAL.has(status), status);
    expect(isPresent(body, 'finishedDateTime'), message).toBe(expected);
  });

  test(`DJ-STATE-02 error is present exactly when the job failed ${jobLabel(job)}`, requirementDetails('DJ-STATE-02', job), async ({ adt }) => {
    const body = jobBodyOf(await adt.getById(job.id));
    const status = knownStatusOf(body);
    const [expected, message] = presenceRule('error', status === 'failed', status);
    expect(isPresent(body, 'error'), message).toBe(expected);
  });

  test(`DJ-STATE-03 a job error validates as Error and has a code ${jobLabel(job)}`, requirementDetails('DJ-STATE-03', job), async ({ adt }) => {
    const body = jobBodyOf(await adt.getById(job.id));
    notApplicableWhen(!isPresent(body, 'error'), `the job (status ${JSON.stringify(body.status)}) has no error to check`);
    expect(body.error, 'the job error must validate as Error').toMatchSchema('Error');
    expect(jobErrorCodeOf(body), 'the job error must have a non-empty string code').toEqual(expect.stringMatching(/\S/));
  });
}
