import { describeRequest, expect, requirementDetails, test, walkList } from './fixtures';

// One-item pages prove paging without walking a large instance one job per request.
const WALKS = [
  { label: 'every page of the default listing', options: {} },
  { label: 'the first 10 pages of the listing with max-items-per-page: 1', options: { maxItemsPerPage: 1, maxPages: 10 } },
] as const;

for (const { label, options } of WALKS) {
  test(`DJ-LIST-01 ${label} are 200 DeleteJobCollections`, requirementDetails('DJ-LIST-01'), async ({ adt }) => {
    const walk = await walkList(adt, options);
    for (const [index, page] of walk.pages.entries()) {
      const where = `page ${index + 1} (${describeRequest(page.exchange)})`;
      expect(page.exchange.status, `${where} must answer 200`).toBe(200);
      expect(page.body, `${where} must be a DeleteJobCollection`).toMatchSchema('DeleteJobCollection');
    }
    expect(walk.problem, 'following nextLink must reach a last page without one').toHaveNoProblem();
  });
}
