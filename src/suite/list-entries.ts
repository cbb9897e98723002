import type { ListPage } from './discovery';
import { isRecord } from './json';
import { isRfc3339DateTime } from './rfc3339';

/**
 * The entries of a List walk, each with where it was found, and what is wrong with them in words. An entry the suite
 * cannot use (no id, an id that is not a string, an id listed twice) is reported here, never dropped in silence.
 */

export const LIST_ENTRY_PROPERTIES = ['id', 'status', 'createdDateTime', 'purgeDateTime'] as const;
const DATE_TIME_PROPERTIES = ['createdDateTime', 'finishedDateTime', 'purgeDateTime'] as const;

export interface ListEntry {
  readonly where: string;
  readonly value: unknown;
}

/** `page 2, entry 1 (id "deletejob1")` */
function describe(pageNumber: number, index: number, value: unknown): string {
  const id = isRecord(value) && value.id !== undefined ? ` (id ${JSON.stringify(value.id)})` : '';
  return `page ${pageNumber}, entry ${index + 1}${id}`;
}

export function listEntriesOf(pages: readonly ListPage[]): ListEntry[] {
  return pages.flatMap((page, pageIndex) => {
    const body = page.body;
    if (!isRecord(body) || !Array.isArray(body.value)) return [];
    return body.value.map((value: unknown, index) => ({ where: describe(pageIndex + 1, index, value), value }));
  });
}

const present = (entry: Readonly<Record<string, unknown>>, name: string): boolean =>
  entry[name] !== undefined && entry[name] !== null;

/** DJ-LIST-02: the properties a client needs, and strict RFC 3339 timestamps, on every entry. */
export function entryShapeProblems(entries: readonly ListEntry[]): string[] {
  return entries.flatMap(({ where, value }) => {
    if (!isRecord(value)) return [`${where} is not a JSON object but ${JSON.stringify(value)}`];
    const missing = LIST_ENTRY_PROPERTIES.filter((name) => !present(value, name));
    const badTimes = DATE_TIME_PROPERTIES.filter((name) => present(value, name) && !isRfc3339DateTime(value[name]));
    return [
      ...(missing.length > 0 ? [`${where} lacks ${missing.join(', ')}`] : []),
      ...badTimes.map((name) => `${where} has ${name} ${JSON.stringify(value[name])}, not a strict RFC 3339 date-time`),
    ];
  });
}

/** DJ-LIST-03: every entry has a non-empty string id, and no id is listed twice. */
export function entryIdProblems(entries: readonly ListEntry[]): string[] {
  const firstSeen = new Map<string, string>();
  return entries.flatMap(({ where, value }) => {
    const id = isRecord(value) ? value.id : undefined;
    if (typeof id !== 'string' || id === '')
      return [
        `${where} has no usable id (${id === undefined ? 'none' : JSON.stringify(id)}); a client cannot read this job`,
      ];
    const earlier = firstSeen.get(id);
    if (earlier !== undefined) return [`${where} repeats the id of ${earlier}`];
    firstSeen.set(id, where);
    return [];
  });
}
