import {
  expect,
  isForwardMove,
  isRecord,
  isTerminalStatus,
  jobBodyOf,
  jobLabel,
  jobsFor,
  notApplicableTest,
  requirementDetails,
  test,
} from './fixtures';

type Job = Readonly<Record<string, unknown>>;

/**
 * What GetById must show as List did: id and createdDateTime always; purgeDateTime while the job is in the same
 * state (it may be set from the finish time); for a finished job also finishedDateTime and error.code.
 */
function agreedProperties(listedStatus: unknown, gotStatus: unknown): string[] {
  const sameState = listedStatus === gotStatus;
  return ['id', 'createdDateTime', ...(sameState ? ['purgeDateTime'] : []), ...(sameState && isTerminalStatus(listedStatus) ? ['finishedDateTime', 'error.code'] : [])];
}

function view(job: Job, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, name === 'error.code' ? (isRecord(job.error) ? job.error.code : undefined) : job[name]]));
}

const { jobs, placeholders } = jobsFor([['DJ-LIST-04', 'GetById agrees with the List entry of the job']]);
for (const placeholder of placeholders) test(placeholder.title, placeholder.details, placeholder.body);

for (const job of jobs) {
  const listed = job.listEntry;
  if (listed === undefined) {
    const placeholder = notApplicableTest('DJ-LIST-04', `GetById agrees with the List entry ${jobLabel(job)}`, 'the job was named by ADT_DELETE_JOB_ID and List did not show it');
    test(placeholder.title, placeholder.details, placeholder.body);
    continue;
  }

  test(`DJ-LIST-04 GetById agrees with the List entry ${jobLabel(job)}`, requirementDetails('DJ-LIST-04', job), async ({ adt }) => {
    const got = jobBodyOf(await adt.getById(job.id));
    expect(isForwardMove(listed.status, got.status), `status may only move forward between List (${JSON.stringify(listed.status)}) and GetById (${JSON.stringify(got.status)})`).toBe(true);
    const names = agreedProperties(listed.status, got.status);
    expect(view(got, names), `GetById must show ${names.join(', ')} as List did (List showed ${JSON.stringify(listed)})`).toEqual(view(listed, names));
  });
}
