import type { Case } from '../engine/plan';
import { judge } from '../engine/verdict';
import { describeRequest } from '../suite/checks';
import type { Exchange } from '../suite/http/client';
import { entryIdProblems, entryShapeProblems, listEntriesOf, type ListEntry } from '../suite/list-entries';
import { bodyOrUndefined } from './common';

const NO_ENTRIES = 'List returned no entries to check (a target without delete jobs)';

function entriesOf(pages: readonly Exchange[]): ListEntry[] {
  return listEntriesOf(pages.map((exchange) => ({ exchange, body: bodyOrUndefined(exchange) })));
}

function pageList(pages: readonly Exchange[]): string {
  return pages.map(describeRequest).join(', ');
}

/** DJ-LIST-02 and -03 over every entry of every page of the default listing. */
export function listEntriesCases(): Case[] {
  return [
    {
      requirementId: 'DJ-LIST-02',
      title: 'every entry of every List page carries id, status, createdDateTime and purgeDateTime in RFC 3339',
      probes: [{ kind: 'walkList' }],
      check: (pages) =>
        judge((f) => {
          const entries = entriesOf(pages);
          f.notApplicableWhen(entries.length === 0, NO_ENTRIES);
          f.noProblem(
            entryShapeProblems(entries),
            `every List entry must carry id, status, createdDateTime and purgeDateTime, its date-times in strict RFC 3339 (pages: ${pageList(pages)})`,
          );
        }),
    },
    {
      requirementId: 'DJ-LIST-03',
      title: 'every List entry has a string id that no other entry repeats',
      probes: [{ kind: 'walkList' }],
      check: (pages) =>
        judge((f) => {
          const entries = entriesOf(pages);
          f.notApplicableWhen(entries.length === 0, NO_ENTRIES);
          f.noProblem(
            entryIdProblems(entries),
            `every List entry must have a non-empty string id that no other entry repeats (pages: ${pageList(pages)})`,
          );
        }),
    },
  ];
}
