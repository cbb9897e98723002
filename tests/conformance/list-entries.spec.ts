import {
  describeRequest,
  entryIdProblems,
  entryShapeProblems,
  expect,
  listEntriesOf,
  notApplicableWhen,
  requirementDetails,
  test,
  walkList,
} from './fixtures';

const NO_ENTRIES = 'List returned no entries to check (a target without delete jobs)';

test('DJ-LIST-02 every entry of every List page carries id, status, createdDateTime and purgeDateTime in RFC 3339', requirementDetails('DJ-LIST-02'), async ({ adt }) => {
  const walk = await walkList(adt);
  const entries = listEntriesOf(walk.pages);
  notApplicableWhen(entries.length === 0, NO_ENTRIES);
  const pages = walk.pages.map((page) => describeRequest(page.exchange)).join(', ');
  expect(entryShapeProblems(entries), `every List entry must carry id, status, createdDateTime and purgeDateTime, its date-times in strict RFC 3339 (pages: ${pages})`).toHaveNoProblem();
});

test('DJ-LIST-03 every List entry has a string id that no other entry repeats', requirementDetails('DJ-LIST-03'), async ({ adt }) => {
  const walk = await walkList(adt);
  const entries = listEntriesOf(walk.pages);
  notApplicableWhen(entries.length === 0, NO_ENTRIES);
  const pages = walk.pages.map((page) => describeRequest(page.exchange)).join(', ');
  expect(entryIdProblems(entries), `every List entry must have a non-empty string id that no other entry repeats (pages: ${pages})`).toHaveNoProblem();
});
