import { QUIRKS } from '../../../mock/quirks';
import { API, call, expect, test } from './fixtures';

test('every quirk has a kebab-case name and a one-sentence description', () => {
  for (const quirk of QUIRKS) {
    expect(quirk.name, 'kebab-case name').toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(quirk.description, `${quirk.name}: a sentence`).toMatch(/^[A-Z].*\.$/);
    expect(quirk.description, `${quirk.name}: only one sentence`).not.toMatch(/\.\s+[A-Z]/);
  }
  expect(new Set(QUIRKS.map((quirk) => quirk.name)).size, 'names are unique').toBe(QUIRKS.length);
});

test('refuses an unknown quirk, listing the known ones', async ({ startMock }) => {
  await expect(startMock({ quirks: ['nope'] }), 'one clear message').rejects.toThrow(
    /Unknown quirk "nope". Known quirks: accepts-any-bearer-token, /,
  );
});

test('capitalised-status capitalises status values, in GetById and List', async ({ startMock }) => {
  const mock = await startMock({ quirks: ['capitalised-status'] });
  const job = (await call(mock.url, `/jobs/deletions/running-job?${API}`)).json() as { status: string };
  expect(job.status, 'the defect').toBe('Running');
  const list = (await call(mock.url, `/jobs/deletions?${API}`)).json() as { value: { status: string }[] };
  expect(list.value[0]?.status, 'List uses the same serializer').toBe('Succeeded');
});

test('case-insensitive-ids serves a case variant, but still each exact id its own job', async ({ startMock }) => {
  const mock = await startMock({ quirks: ['case-insensitive-ids'] });
  const variant = (await call(mock.url, `/jobs/deletions/DELETEJOB1?${API}`)).json() as { id: string };
  expect(variant.id, 'the defect: a case variant finds another job').toBe('deletejob1');
  const exact = (await call(mock.url, `/jobs/deletions/CaseJob?${API}`)).json() as { id: string };
  expect(exact.id, 'exact matches win').toBe('CaseJob');
});

test('error-code-header-mismatch sends a header code that differs from the body code', async ({ startMock }) => {
  const mock = await startMock({ quirks: ['error-code-header-mismatch'] });
  const reply = await call(mock.url, `/jobs/deletions/missing?${API}`);
  expect(reply.headers['x-ms-error-code'], 'the defect').toBe('ResourceNotFound');
  expect((reply.json() as { error: { code: string } }).error.code, 'the body is untouched').toBe('DeleteJobNotFound');
});

test('no-token-required serves requests without Authorization but still rejects a wrong token', async ({
  startMock,
}) => {
  const mock = await startMock({ quirks: ['no-token-required'] });
  expect((await call(mock.url, `/jobs/deletions/deletejob1?${API}`, { auth: false })).status, 'the defect').toBe(200);
  const wrong = await call(mock.url, `/jobs/deletions/deletejob1?${API}`, {
    auth: false,
    headers: { authorization: 'Bearer wrong' },
  });
  expect(wrong.status, 'only the targeted behaviour changes').toBe(401);
});

test('z-timestamps sends UTC Z timestamps with trimmed fractions', async ({ startMock }) => {
  const mock = await startMock({ quirks: ['z-timestamps'] });
  const job = (await call(mock.url, `/jobs/deletions/deletejob1?${API}`)).json() as Record<string, string>;
  expect([job.createdDateTime, job.finishedDateTime], 'no fraction left, Z offset').toEqual([
    '2024-05-20T08:00:00Z',
    '2024-05-20T08:01:00Z',
  ]);
  const trimmed = (await call(mock.url, `/jobs/deletions/timed-out-job?${API}`)).json() as Record<string, string>;
  expect(trimmed.createdDateTime, 'trailing zeros trimmed, significant digits kept').toBe('2024-05-25T09:00:00.123Z');
});

test('rich-error-bodies adds details, innererror and extra fields, keeping code and header', async ({ startMock }) => {
  const mock = await startMock({ quirks: ['rich-error-bodies'] });
  const reply = await call(mock.url, `/jobs/deletions/missing?${API}`);
  const body = reply.json() as { error: { code: string; details: unknown[]; innererror: { code: string } } };
  expect([body.error.code, reply.headers['x-ms-error-code']], 'the contract holds').toEqual([
    'DeleteJobNotFound',
    'DeleteJobNotFound',
  ]);
  expect([body.error.details.length, typeof body.error.innererror.code], 'richer body').toEqual([1, 'string']);
});

test('no-charset drops the charset parameter from content-type', async ({ startMock }) => {
  const mock = await startMock({ quirks: ['no-charset'] });
  const reply = await call(mock.url, `/jobs/deletions/deletejob1?${API}`);
  expect(reply.headers['content-type'], 'bare media type').toBe('application/json');
});

test('quirks compose: several can run at once', async ({ startMock }) => {
  const mock = await startMock({ quirks: ['capitalised-status', 'z-timestamps', 'no-charset'] });
  const reply = await call(mock.url, `/jobs/deletions/deletejob1?${API}`);
  const job = reply.json() as Record<string, string>;
  expect([job.status, job.createdDateTime, reply.headers['content-type']], 'all three apply').toEqual([
    'Succeeded',
    '2024-05-20T08:00:00Z',
    'application/json',
  ]);
});
