import type { Case } from '../engine/plan';
import { judge } from '../engine/verdict';
import { describeRequest } from '../suite/checks';
import { isRecord } from '../suite/json';
import { bodyOrUndefined, schemaView } from './common';

/** The page as DJ-LIST-01 judges it: its entries' date-times are DJ-LIST-02's to judge and are left out. */
function collectionView(body: unknown): unknown {
  return isRecord(body) && Array.isArray(body.value)
    ? { ...body, value: body.value.map((entry: unknown) => schemaView(entry, false)) }
    : body;
}

// One-item pages prove paging without walking a large instance one job per request.
const WALKS = [
  { label: 'every page of the default listing', walk: {} },
  { label: 'the first 10 pages of the listing with max-items-per-page: 1', walk: { maxItemsPerPage: 1, maxPages: 10 } },
] as const;

/** DJ-LIST-01: every page reached by following nextLink is a 200 DeleteJobCollection, and the walk ends. */
export function listCases(): Case[] {
  return WALKS.map(({ label, walk }) => ({
    requirementId: 'DJ-LIST-01',
    title: `${label} are 200 DeleteJobCollections`,
    probes: [{ kind: 'walkList', ...walk }],
    check: (pages, facts) =>
      judge((f) => {
        pages.forEach((exchange, index) => {
          const where = `page ${index + 1} (${describeRequest(exchange)})`;
          f.that(exchange.status === 200, `${where} must answer 200`, String(exchange.status));
          f.schema(
            collectionView(bodyOrUndefined(exchange)),
            'DeleteJobCollection',
            `${where} must be a DeleteJobCollection`,
          );
        });
        f.noProblem(facts?.problem, 'following nextLink must reach a last page without one');
      }),
  }));
}
