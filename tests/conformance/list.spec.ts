import { describeRequest, expect, requirementDetails, test, walkList } from '../support/fixtures';

const WALKS = [
  { label: 'the default listing', maxItemsPerPage: undefined },
  { label: 'the listing with max-items-per-page: 1', maxItemsPerPage: 1 },
] as const;

for (const { label, maxItemsPerPage } of WALKS) {
  test(`DJ-LIST-01 every page of ${label} is a 200 DeleteJobCollection`, requirementDetails('DJ-LIST-01'), async ({ adt }) => {
    const walk = await walkList(adt, maxItemsPerPage === undefined ? {} : { maxItemsPerPage });
    for (const [index, page] of walk.pages.entries()) {
      const where = `page ${index + 1} (${describeRequest(page.exchange)})`;
      expect(page.exchange.status, `${where} must answer 200`).toBe(200);
      expect(page.body, `${where} must be a DeleteJobCollection`).toMatchSchema('DeleteJobCollection');
    }
    expect(walk.problem, 'following nextLink must reach a last page without one').toBeUndefined();
  });
}
