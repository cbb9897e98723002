/**
 * The exchange diff: for each logical request sent to every target, what differs. A logical request is not its
 * URL (job ids and hosts differ between targets) but the test that sent it, with the job it checks named by its
 * status, and its place among that test's requests.
 */
import type { HarEntry, HarFile } from '../../mock/replay/har-format';
import { markdownCell } from '../reporting/matrix-output';
import { isRequirementId } from '../requirements';
import { exchangeFacts, type ExchangeFacts } from './exchange-shape';

export interface FieldDifference {
  field: string;
  /** Per target label; `absent` when the target's response lacks it. */
  values: Record<string, string>;
}

/** One logical request whose responses differ: named once, every differing field beneath it (a 200 against a 404 is one). */
export interface ExchangeDifference {
  /** The test (job ids replaced by the job's status and rank), or `(setup)` for discovery and preflight. */
  test: string;
  /** 1 for the test's first request, 2 for its second… */
  request: number;
  requirementIds: string[];
  /** Per target label: method and path as sent, to find the exchange in its own report. */
  sent: Record<string, string>;
  /** The status first when it differs; `request` (sent or `not sent`) when a target did not send it. */
  fields: FieldDifference[];
}

export interface ExchangeDiff {
  kind: 'adt-exchange-diff';
  version: 2;
  targets: string[];
  /** Targets without a recording, with why: their requests are not compared. */
  missing: Record<string, string>;
  comparedRequests: number;
  /** One per logical request that differs. */
  differences: ExchangeDifference[];
}

const JOB_LABEL = /\[(.+) · ([A-Za-z]+)\]$/;
const SETUP = '(setup)';
export const NOT_SENT = 'not sent';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `DJ-CASE-01 … "DELETEJOB1" … [deletejob1 · succeeded]` → `DJ-CASE-01 … "<succeeded#1>" … [<succeeded#1>]`: the
 * nth job of a status (ids sorted) on one target stands for the nth job of that status on another.
 */
export function titleNormaliser(titles: Iterable<string>): (title: string) => string {
  const idsByStatus = new Map<string, Set<string>>();
  for (const title of titles) {
    const match = JOB_LABEL.exec(title);
    if (match?.[1] === undefined || match[2] === undefined) continue;
    const ids = idsByStatus.get(match[2]) ?? new Set<string>();
    ids.add(match[1]);
    idsByStatus.set(match[2], ids);
  }
  const roleOf = new Map<string, string>();
  for (const [status, ids] of idsByStatus)
    [...ids].sort().forEach((id, index) => roleOf.set(id, `<${status}#${index + 1}>`));
  return (title) => {
    const match = JOB_LABEL.exec(title);
    const id = match?.[1];
    const role = id === undefined ? undefined : roleOf.get(id);
    if (id === undefined || role === undefined) return title;
    return title.replace(JOB_LABEL, `[${role}]`).replace(new RegExp(escapeRegExp(id), 'gi'), role);
  };
}

interface Keyed {
  entry: HarEntry;
  facts: ExchangeFacts;
  /** The requirement of the test that sent it (its title starts with the id); every one that read it for setup. */
  requirementIds: string[];
}

function requirementsOf(test: string, entry: HarEntry): string[] {
  const id = test.split(' ', 1)[0] ?? '';
  return isRequirementId(id) ? [id] : [...entry._adt.requirementIds];
}

/** Every exchange of one recording under its logical key `test#n`; a response read by several tests counts for each. */
export function keyedExchanges(har: HarFile): Map<string, Keyed> {
  const entries = har.log.entries;
  const normalise = titleNormaliser(entries.flatMap((entry) => entry._adt.tests));
  const counters = new Map<string, number>();
  const keyed = new Map<string, Keyed>();
  for (const entry of entries) {
    const tests =
      entry._adt.phase === 'setup' || entry._adt.tests.length === 0 ? [SETUP] : entry._adt.tests.map(normalise);
    const facts = exchangeFacts(entry);
    for (const test of tests) {
      const order = (counters.get(test) ?? 0) + 1;
      counters.set(test, order);
      keyed.set(`${test}\u0000${order}`, { entry, facts, requirementIds: requirementsOf(test, entry) });
    }
  }
  return keyed;
}

function sentAs(entry: HarEntry): string {
  return `${entry.request.method} ${entry._adt.pathAsSent}`;
}

function differenceAt(key: string, byTarget: ReadonlyMap<string, Keyed | undefined>): ExchangeDifference[] {
  const [test = '', order = '0'] = key.split('\u0000');
  const present = [...byTarget.values()].filter((keyed): keyed is Keyed => keyed !== undefined);
  const requirementIds = [...new Set(present.flatMap((keyed) => keyed.requirementIds))].sort();
  const sent = Object.fromEntries(
    [...byTarget].map(([label, keyed]) => [label, keyed === undefined ? NOT_SENT : sentAs(keyed.entry)]),
  );
  const base = { test, request: Number(order), requirementIds, sent };
  if (present.length < byTarget.size) {
    return [
      {
        ...base,
        fields: [
          {
            field: 'request',
            values: Object.fromEntries(
              [...byTarget].map(([label, keyed]) => [label, keyed === undefined ? NOT_SENT : 'sent']),
            ),
          },
        ],
      },
    ];
  }
  const names = [...new Set(present.flatMap((keyed) => Object.keys(keyed.facts)))];
  const fields = names.flatMap((field) => {
    const values = Object.fromEntries([...byTarget].map(([label, keyed]) => [label, keyed?.facts[field] ?? 'absent']));
    return new Set(Object.values(values)).size > 1 ? [{ field, values }] : [];
  });
  return fields.length === 0 ? [] : [{ ...base, fields }];
}

/** Compares the recordings of several targets; a target without one is listed under `missing`. */
export function diffExchanges(recordings: ReadonlyMap<string, HarFile | { missing: string }>): ExchangeDiff {
  const labels = [...recordings.keys()];
  const missing: Record<string, string> = {};
  const keyedByTarget = new Map<string, Map<string, Keyed>>();
  for (const [label, recording] of recordings) {
    if ('missing' in recording) missing[label] = recording.missing;
    else keyedByTarget.set(label, keyedExchanges(recording));
  }
  const keys = [...new Set([...keyedByTarget.values()].flatMap((keyed) => [...keyed.keys()]))].sort();
  const differences =
    keyedByTarget.size < 2
      ? []
      : keys.flatMap((key) =>
          differenceAt(key, new Map([...keyedByTarget].map(([label, keyed]) => [label, keyed.get(key)]))),
        );
  return {
    kind: 'adt-exchange-diff',
    version: 2,
    targets: labels,
    missing,
    comparedRequests: keyedByTarget.size < 2 ? 0 : keys.length,
    differences,
  };
}

function requirementsCell(difference: ExchangeDifference): string {
  return difference.requirementIds.join(', ') || '—';
}

/** Per requirement: how many exchanges differ and in which fields, so one cause reads as one line. */
function summaryRows(differences: readonly ExchangeDifference[]): string[] {
  const byRequirement = new Map<string, { exchanges: number; fields: Set<string> }>();
  for (const difference of differences) {
    const entry = byRequirement.get(requirementsCell(difference)) ?? { exchanges: 0, fields: new Set<string>() };
    entry.exchanges += 1;
    for (const { field } of difference.fields) entry.fields.add(field);
    byRequirement.set(requirementsCell(difference), entry);
  }
  return [...byRequirement].map(
    ([requirements, { exchanges, fields }]) =>
      `| ${requirements} | ${exchanges} | ${markdownCell([...fields].join(', '))} |`,
  );
}

export function exchangeDiffMarkdown(diff: ExchangeDiff): string {
  const compared = diff.targets.filter((label) => !(label in diff.missing));
  const lines = [
    '# Exchange diff',
    '',
    `Logical requests compared: ${diff.comparedRequests} (targets ${compared.join(', ') || 'none'}); ${diff.differences.length} differ.`,
    '',
  ];
  for (const [label, why] of Object.entries(diff.missing)) lines.push(`- ${label}: not compared, ${why}`);
  if (diff.differences.length === 0) {
    lines.push('', 'No difference in status, error codes, media type, JSON shape or trace response headers.', '');
    return lines.join('\n');
  }
  lines.push(
    '',
    '| requirement | differing exchanges | fields that differ |',
    '|---|---|---|',
    ...summaryRows(diff.differences),
  );
  lines.push(
    '',
    "Each differing exchange once (the test, the request's place in it, what each target was sent), its fields beneath.",
    '',
  );
  lines.push(
    `| requirement | exchange / field | ${compared.join(' | ')} |`,
    `|---|---|${compared.map(() => '---|').join('')}`,
  );
  for (const d of diff.differences) {
    lines.push(
      `| ${requirementsCell(d)} | **${markdownCell(d.test)}** · request ${d.request} | ${compared.map((label) => markdownCell(d.sent[label] ?? '')).join(' | ')} |`,
    );
    for (const { field, values } of d.fields)
      lines.push(
        `| | ↳ ${markdownCell(field)} | ${compared.map((label) => markdownCell(values[label] ?? '')).join(' | ')} |`,
      );
  }
  lines.push('');
  return lines.join('\n');
}
