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

/** One case over every entry of every page of the default listing; not applicable when List shows none. */
function everyEntryCase(
  requirementId: Case['requirementId'],
  title: string,
  problemsOf: (entries: readonly ListEntry[]) => string | readonly string[] | undefined,
  rule: string,
): Case {
  return {
    requirementId,
    title,
    probes: [{ kind: 'walkList' }],
    check: (pages) =>
      judge((f) => {
        const entries = entriesOf(pages);
        f.notApplicableWhen(entries.length === 0, NO_ENTRIES);
        f.noProblem(problemsOf(entries), `${rule} (pages: ${pageList(pages)})`);
      }),
  };
}

/** DJ-LIST-02 and -03 over every entry of every page of the default listing. */
export function listEntriesCases(): Case[] {
  return [
    everyEntryCase(
      'DJ-LIST-02',
      'every entry of every List page carries id, status, createdDateTime and purgeDateTime in RFC 3339',
      entryShapeProblems,
      'every List entry must carry id, status, createdDateTime and purgeDateTime, its date-times in strict RFC 3339',
    ),
    everyEntryCase(
      'DJ-LIST-03',
      'every List entry has a string id that no other entry repeats',
      entryIdProblems,
      'every List entry must have a non-empty string id that no other entry repeats',
    ),
  ];
}
