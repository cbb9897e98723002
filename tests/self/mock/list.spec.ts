import { API, call, expect, test } from './fixtures';

interface Page {
  value: { id: string }[];
  nextLink: string | null;
}

/** Follows nextLink from the first page, as a client would, and returns every page. */
async function allPages(base: string, headers: Record<string, string> = {}, scenario = 'default'): Promise<Page[]> {
  const pages: Page[] = [];
  let target: string | null = `/jobs/deletions?${API}`;
  while (target !== null && pages.length < 50) {
    const reply = await call(base, target, { headers: { 'x-mock-scenario': scenario, ...headers } });
    expect(reply.status, `page ${pages.length + 1} is served`).toBe(200);
    const page = reply.json() as Page;
    pages.push(page);
    target = page.nextLink === null ? null : new URL(page.nextLink).pathname + new URL(page.nextLink).search;
  }
  return pages;
}

test('pages the default scenario by its page size and ends with nextLink null', async ({ mock }) => {
  const pages = await allPages(mock.url);
  expect(
    pages.map((page) => page.value.length),
    'seven jobs, five per page',
  ).toEqual([5, 2]);
  expect(pages.at(-1)?.nextLink, 'the live service sends null on the last page').toBeNull();
  expect(
    pages.flatMap((page) => page.value.map((job) => job.id)),
    'every seeded job once, in seed order',
  ).toEqual([
    'deletejob1',
    'timed-out-job',
    'running-job',
    'notstarted-job',
    'casejob',
    'CaseJob',
    'nightly-reset.2024-05-28',
  ]);
});

test('makes nextLink absolute, on the host the client used, carrying api-version', async ({ mock }) => {
  const [first] = await allPages(mock.url);
  const next = new URL(first?.nextLink ?? 'http://invalid/');
  expect(next.origin, 'same origin as the request').toBe(mock.url);
  expect(next.searchParams.get('api-version'), 'a nextLink must be usable as is').toBe('2023-10-31');
});

test('honours max-items-per-page on every page', async ({ mock }) => {
  const pages = await allPages(mock.url, { 'max-items-per-page': '3' });
  expect(
    pages.map((page) => page.value.length),
    'three per page',
  ).toEqual([3, 3, 1]);
});

for (const hint of ['0', '-1', 'abc', '']) {
  test(`falls back to the default page size for max-items-per-page "${hint}"`, async ({ mock }) => {
    const reply = await call(mock.url, `/jobs/deletions?${API}`, { headers: { 'max-items-per-page': hint } });
    expect(reply.status, 'a page-size hint is never a reason to fail').toBe(200);
    expect((reply.json() as Page).value.length, 'the scenario page size').toBe(5);
  });
}

test('pages a larger scenario through many pages', async ({ mock }) => {
  const pages = await allPages(mock.url, {}, 'history');
  expect(
    pages.map((page) => page.value.length),
    '23 jobs, 10 per page',
  ).toEqual([10, 10, 3]);
});

test('rejects a continuationToken it did not issue with a mock-specific code', async ({ mock }) => {
  const reply = await call(mock.url, `/jobs/deletions?${API}&continuationToken=abc`);
  expect([reply.status, reply.headers['x-ms-error-code']], 'a client error').toEqual([
    400,
    'MockInvalidContinuationToken',
  ]);
});

test('answers an empty last page past the end', async ({ mock }) => {
  const reply = await call(mock.url, `/jobs/deletions?${API}&continuationToken=999`);
  expect(reply.json(), 'no jobs, no next page').toEqual({ value: [], nextLink: null });
});

test('a page answered before follows the jobs: new status after the clock moves, gone after purge', async ({
  mock,
}) => {
  const headers = { 'x-mock-scenario': 'empty', 'x-mock-session': 'list-follows-state' };
  const statuses = async (): Promise<string[]> => {
    const reply = await call(mock.url, `/jobs/deletions?${API}`, { headers });
    return (reply.json() as { value: { status: string }[] }).value.map((job) => job.status);
  };
  const advance = async (ms: number): Promise<void> => {
    expect(
      (await call(mock.url, `/mock/clock?advanceMs=${ms}`, { method: 'POST', headers })).status,
      'the clock moves',
    ).toBe(200);
  };
  expect(await statuses(), 'the empty scenario lists nothing').toEqual([]);
  expect(
    (
      await call(mock.url, `/jobs/deletions?${API}`, {
        method: 'POST',
        headers: { ...headers, 'operation-id': 'listed' },
      })
    ).status,
    'Add starts a job',
  ).toBe(202);
  expect(await statuses(), 'the new job is listed at once').toEqual(['notstarted']);
  expect(await statuses(), 'asked again, the same page').toEqual(['notstarted']);
  await advance(2_000);
  expect(await statuses(), 'the page shows the job running once its start is due').toEqual(['running']);
  await advance(10_000);
  expect(await statuses(), 'then succeeded').toEqual(['succeeded']);
  await advance(30 * 24 * 3600 * 1000);
  expect(await statuses(), 'a purged job leaves the page').toEqual([]);
});
