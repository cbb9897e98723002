import { realtimeClock } from '../../../mock/clock';
import { API, call, expect, test } from './fixtures';

interface Job {
  id: string;
  status: string;
  createdDateTime: string;
  finishedDateTime?: string;
  purgeDateTime: string;
  error?: { code: string };
}

/** Each test gets its own world: the empty scenario in a session named after the test. */
function sessionHeaders(session: string): Record<string, string> {
  return { 'x-mock-scenario': 'empty', 'x-mock-session': session };
}

test('creates a job with the operation-id as its id and answers 202 with Operation-Location', async ({ mock }) => {
  const headers = { ...sessionHeaders('add-202'), 'operation-id': 'my-job' };
  const reply = await call(mock.url, `/jobs/deletions?${API}`, { method: 'POST', headers });
  expect(reply.status, 'Add accepts the job').toBe(202);
  const job = reply.json() as Job;
  expect(job, 'a new job: notstarted, created now, purge set, nothing else').toEqual({
    id: 'my-job',
    createdDateTime: '2024-06-01T12:00:00.0000000+00:00',
    purgeDateTime: '2024-07-01T12:00:00.0000000+00:00',
    status: 'notstarted',
  });
  expect(reply.headers['operation-location'], 'absolute status URL with api-version').toBe(
    `${mock.url}/jobs/deletions/my-job?${API}`,
  );
  const read = await call(mock.url, `/jobs/deletions/my-job?${API}`, { headers });
  expect(read.json(), 'GetById returns the same job').toEqual(job);
});

test('generates deterministic ids when no operation-id is given', async ({ mock }) => {
  const reply = await call(mock.url, `/jobs/deletions?${API}`, {
    method: 'POST',
    headers: sessionHeaders('generated'),
  });
  expect((reply.json() as Job).id, 'a GUID-shaped id from a counter').toBe('00000000-0000-4000-8000-000000000001');
});

for (const timeout of ['14', '1441', '0', 'abc', '60.5', '-20']) {
  test(`rejects timeoutInMinutes=${timeout} with 400 ValidationFailed`, async ({ mock }) => {
    const reply = await call(mock.url, `/jobs/deletions?${API}&timeoutInMinutes=${timeout}`, {
      method: 'POST',
      headers: sessionHeaders(`timeout-${timeout}`),
    });
    expect([reply.status, reply.headers['x-ms-error-code']], 'out of 15..1440').toEqual([400, 'ValidationFailed']);
  });
}

test('accepts the timeoutInMinutes bounds 15 and 1440', async ({ mock }) => {
  for (const timeout of ['15', '1440']) {
    const headers = sessionHeaders(`bounds-${timeout}`);
    const reply = await call(mock.url, `/jobs/deletions?${API}&timeoutInMinutes=${timeout}`, {
      method: 'POST',
      headers,
    });
    expect(reply.status, `timeout ${timeout} is allowed`).toBe(202);
  }
});

test('rejects a duplicate operation-id with ValidationFailed and a second active job with JobLimitReached', async ({
  mock,
}) => {
  const headers = { ...sessionHeaders('limits'), 'operation-id': 'one' };
  expect((await call(mock.url, `/jobs/deletions?${API}`, { method: 'POST', headers })).status, 'first job').toBe(202);
  const duplicate = await call(mock.url, `/jobs/deletions?${API}`, { method: 'POST', headers });
  expect(duplicate.headers['x-ms-error-code'], 'operation-id already exists').toBe('ValidationFailed');
  const second = await call(mock.url, `/jobs/deletions?${API}`, {
    method: 'POST',
    headers: { ...headers, 'operation-id': 'two' },
  });
  expect([second.status, second.headers['x-ms-error-code']], 'one active job at a time').toEqual([
    400,
    'JobLimitReached',
  ]);
});

test('answers JobLimitReached in the default scenario, which seeds active jobs', async ({ mock }) => {
  const reply = await call(mock.url, `/jobs/deletions?${API}`, { method: 'POST' });
  expect(reply.headers['x-ms-error-code'], 'seeded running and notstarted jobs are active').toBe('JobLimitReached');
});

test('drives a job through notstarted, running, succeeded and purge with the clock, without sleeping', async ({
  mock,
}) => {
  const headers = { ...sessionHeaders('lifecycle'), 'operation-id': 'life' };
  await call(mock.url, `/jobs/deletions?${API}`, { method: 'POST', headers });
  const statusAfter = async (advanceMs: number): Promise<Job | number> => {
    const moved = await call(mock.url, `/mock/clock?advanceMs=${advanceMs}`, { method: 'POST', headers });
    expect(moved.status, 'the clock moves').toBe(200);
    const reply = await call(mock.url, `/jobs/deletions/life?${API}`, { headers });
    return reply.status === 200 ? (reply.json() as Job) : reply.status;
  };
  expect(((await statusAfter(1_999)) as Job).status, 'still waiting before startAfterMs (2 s)').toBe('notstarted');
  const running = (await statusAfter(1)) as Job;
  expect([running.status, 'finishedDateTime' in running], 'running, no end yet').toEqual(['running', false]);
  const done = (await statusAfter(10_000)) as Job;
  expect(done, 'succeeded after runMs (10 s), purge 30 days after finish').toEqual({
    id: 'life',
    createdDateTime: '2024-06-01T12:00:00.0000000+00:00',
    finishedDateTime: '2024-06-01T12:00:12.0000000+00:00',
    purgeDateTime: '2024-07-01T12:00:12.0000000+00:00',
    status: 'succeeded',
  });
  const next = await call(mock.url, `/jobs/deletions?${API}`, {
    method: 'POST',
    headers: { ...headers, 'operation-id': 'after' },
  });
  expect(next.status, 'a finished job no longer blocks Add').toBe(202);
  expect(await statusAfter(30 * 24 * 3600 * 1000), 'purged jobs are gone').toBe(404);
});

test('fails a job that runs past its timeout, with an error and the finish at the timeout', async ({ startMock }) => {
  const mock = await startMock({ lifecycle: { startAfterMs: 0, runMs: 20 * 60_000 } });
  const headers = { ...sessionHeaders('timeout'), 'operation-id': 'slow' };
  await call(mock.url, `/jobs/deletions?${API}&timeoutInMinutes=15`, { method: 'POST', headers });
  await call(mock.url, '/mock/clock?set=2024-06-01T12:15:00Z', { method: 'POST', headers });
  const job = (await call(mock.url, `/jobs/deletions/slow?${API}`, { headers })).json() as Job;
  expect([job.status, job.error?.code, job.finishedDateTime], 'failed at created + 15 min').toEqual([
    'failed',
    'JobTimedOut',
    '2024-06-01T12:15:00.0000000+00:00',
  ]);
});

test("fails jobs with the scenario's failure when one is configured", async ({ mock }) => {
  const headers = { 'x-mock-scenario': 'lifecycle-failure', 'x-mock-session': 'failure', 'operation-id': 'doomed' };
  await call(mock.url, `/jobs/deletions?${API}`, { method: 'POST', headers });
  await call(mock.url, '/mock/clock?advanceMs=6000', { method: 'POST', headers });
  const job = (await call(mock.url, `/jobs/deletions/doomed?${API}`, { headers })).json() as Job;
  expect([job.status, job.error?.code], 'the configured failure').toEqual(['failed', 'InternalServerError']);
});

test('keeps sessions apart: a job in one session is unknown in another', async ({ mock }) => {
  await call(mock.url, `/jobs/deletions?${API}`, {
    method: 'POST',
    headers: { ...sessionHeaders('a'), 'operation-id': 'mine' },
  });
  const other = await call(mock.url, `/jobs/deletions/mine?${API}`, { headers: sessionHeaders('b') });
  expect(other.status, 'another session never sees it').toBe(404);
});

test('resets a session to its scenario with POST /mock/reset', async ({ mock }) => {
  const headers = { ...sessionHeaders('reset'), 'operation-id': 'temp' };
  await call(mock.url, `/jobs/deletions?${API}`, { method: 'POST', headers });
  expect((await call(mock.url, '/mock/reset', { method: 'POST', headers })).status, 'reset accepted').toBe(200);
  expect((await call(mock.url, `/jobs/deletions/temp?${API}`, { headers })).status, 'the job is gone').toBe(404);
});

test('rejects malformed clock requests with a mock-specific code', async ({ mock }) => {
  for (const query of ['', '?advanceMs=-5', '?set=yesterday', '?advanceMs=1&set=2024-06-01T12:00:00Z']) {
    const reply = await call(mock.url, `/mock/clock${query}`, { method: 'POST' });
    expect(reply.headers['x-ms-error-code'], `clock query ${query || '(none)'}`).toBe('MockInvalidClockRequest');
  }
});

test('runs the lifecycle in real-time mode with configurable durations (injected wall clock)', async ({
  startMock,
}) => {
  let wall = 1_000_000;
  const mock = await startMock({
    createClock: (start) => realtimeClock(start, () => wall),
    lifecycle: { startAfterMs: 100, runMs: 200 },
  });
  const headers = { ...sessionHeaders('realtime'), 'operation-id': 'rt' };
  await call(mock.url, `/jobs/deletions?${API}`, { method: 'POST', headers });
  const status = async (): Promise<string> =>
    ((await call(mock.url, `/jobs/deletions/rt?${API}`, { headers })).json() as Job).status;
  expect(await status(), 'at creation').toBe('notstarted');
  wall += 150;
  expect(await status(), 'wall time passed startAfterMs').toBe('running');
  wall += 200;
  expect(await status(), 'wall time passed runMs').toBe('succeeded');
});
