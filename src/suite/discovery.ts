import fs from 'node:fs';
import { handOver } from '../config';
import { TargetRequestError, type AdtClient, type Exchange } from './http/client';
import { isRecord, parsedOrUndefined } from './json';

/**
 * Discovery finds the delete jobs the suite checks. It runs once, in globalSetup, and writes what it found
 * (ids, statuses and creation times: nothing secret) to a file that spec files read when they load, so they
 * can declare one test per job. The file's path travels in an environment variable set by globalSetup:
 * without it (e.g. `playwright test --list`, which runs no globalSetup) specs declare "not applicable" tests.
 */

export const DISCOVERY_FILE_NAME = 'adt-discovery.json';

/** Where a job was found; `recording` is a judged recording's GetById (`npm run judge`). */
export type JobSource = 'ADT_DELETE_JOB_ID' | 'list' | 'recording';

export interface DiscoveredJob {
  readonly id: string;
  /** As discovery saw it; a running job may have moved on by the time its tests run. */
  readonly status: string;
  readonly createdDateTime?: string;
  readonly sources: readonly JobSource[];
  /** The job as List showed it, for DJ-LIST-04 (GetById agrees with List). */
  readonly listEntry?: Readonly<Record<string, unknown>>;
}

export interface ListPageRecord {
  readonly url: string;
  readonly status: number;
  readonly itemCount?: number;
}

export interface Discovery {
  readonly target: string;
  readonly apiVersion: string;
  readonly jobs: readonly DiscoveredJob[];
  readonly listPages: readonly ListPageRecord[];
  /** Why listing stopped early, when it did; the List tests report it as a failure. */
  readonly listProblem?: string;
  /** The seed of this run's generated probes (ADT_PROBE_SEED, or one global setup drew). */
  readonly probeSeed?: number;
}

/** A reason the run cannot start; globalSetup shows it as one message. */
export class DiscoveryError extends Error {
  override name = 'DiscoveryError';
}

export interface ListPage {
  readonly exchange: Exchange;
  readonly body: unknown;
}

export interface ListWalk {
  readonly pages: readonly ListPage[];
  /** Set when the walk stopped before a page without nextLink: the reason, in words. */
  readonly problem?: string;
}

// Loop protection only: a real listing of any size ends long before this; a caller that wants fewer pages says so.
const PAGE_LIMIT = 100_000;

/** Reads every List page by following nextLink; stops at the first page that is not a usable collection. */
export async function walkList(
  client: AdtClient,
  options: { readonly maxItemsPerPage?: number; readonly maxPages?: number } = {},
): Promise<ListWalk> {
  const pages: ListPage[] = [];
  const seenLinks = new Set<string>();
  let exchange = await client.list(options);
  for (;;) {
    const body = parsedOrUndefined(exchange.bodyText);
    pages.push({ exchange, body });
    const where = `page ${pages.length} (${exchange.request.url})`;
    if (exchange.status !== 200) return { pages, problem: `${where} answered ${exchange.status}` };
    if (!isRecord(body) || !Array.isArray(body.value))
      return { pages, problem: `${where} is not a collection with a value array` };
    const nextLink = body.nextLink;
    if (nextLink === undefined || nextLink === null || nextLink === '') return { pages };
    if (typeof nextLink !== 'string') return { pages, problem: `${where} has a nextLink that is not a string` };
    if (seenLinks.has(nextLink))
      return { pages, problem: `${where} repeats the nextLink ${JSON.stringify(nextLink)}, which would loop forever` };
    if (options.maxPages !== undefined && pages.length >= options.maxPages) return { pages };
    if (pages.length >= PAGE_LIMIT) return { pages, problem: `listing stopped after ${PAGE_LIMIT} pages` };
    seenLinks.add(nextLink);
    const headers =
      options.maxItemsPerPage === undefined ? undefined : { 'max-items-per-page': String(options.maxItemsPerPage) };
    try {
      exchange = await client.followNextLink(nextLink, { headers });
    } catch (error) {
      // A page the suite cannot reach fails DJ-LIST-01; it must not stop the whole run.
      if (!(error instanceof TargetRequestError)) throw error;
      return { pages, problem: `${where} has a nextLink the suite cannot follow: ${error.message}` };
    }
  }
}

function rejectAuthFailure(exchange: Exchange, client: AdtClient, what: string): void {
  if (exchange.status !== 401 && exchange.status !== 403) return;
  const meaning =
    exchange.status === 401
      ? client.holdsCredential
        ? 'the target did not accept the credential (expired token, wrong tenant or wrong audience?).'
        : 'the target needs a credential but ADT_AUTH=none.'
      : 'the credential is valid but lacks a data-plane role on the instance (e.g. Azure Digital Twins Data Reader).';
  throw new DiscoveryError(
    `${what} answered ${exchange.status}: ${meaning}\nFix: check ADT_AUTH and ADT_ACCESS_TOKEN (or your Azure login and role assignment).`,
  );
}

async function configuredJob(client: AdtClient, id: string): Promise<DiscoveredJob> {
  const exchange = await client.getById(id, { reuse: false });
  rejectAuthFailure(exchange, client, `GetById of ADT_DELETE_JOB_ID=${id}`);
  if (exchange.status === 404) {
    throw new DiscoveryError(
      `ADT_DELETE_JOB_ID=${id} does not exist on the target (404).\nFix: set ADT_DELETE_JOB_ID to the id of an existing delete job, or unset it.`,
    );
  }
  const body = parsedOrUndefined(exchange.bodyText);
  const status = isRecord(body) && typeof body.status === 'string' ? body.status : 'unknown';
  const created = isRecord(body) && typeof body.createdDateTime === 'string' ? body.createdDateTime : undefined;
  return { id, status, ...(created === undefined ? {} : { createdDateTime: created }), sources: ['ADT_DELETE_JOB_ID'] };
}

/** The jobs a page names; an entry without a usable id cannot be read by id, and DJ-LIST-03 reports it. */
function jobsOnPage(body: unknown): DiscoveredJob[] {
  if (!isRecord(body) || !Array.isArray(body.value)) return [];
  return body.value.filter(isRecord).flatMap((item): DiscoveredJob[] => {
    if (typeof item.id !== 'string' || item.id === '') return [];
    const status = typeof item.status === 'string' ? item.status : 'unknown';
    const created = typeof item.createdDateTime === 'string' ? { createdDateTime: item.createdDateTime } : {};
    return [{ id: item.id, status, ...created, sources: ['list'], listEntry: item }];
  });
}

function merge(jobs: readonly DiscoveredJob[]): DiscoveredJob[] {
  const byId = new Map<string, DiscoveredJob>();
  for (const job of jobs) {
    const known = byId.get(job.id);
    // The first List entry of an id listed twice is the one compared; DJ-LIST-03 reports the repetition.
    byId.set(
      job.id,
      known
        ? {
            ...known,
            ...job,
            sources: [...known.sources, ...job.sources],
            ...(known.listEntry ? { listEntry: known.listEntry } : {}),
          }
        : job,
    );
  }
  return [...byId.values()];
}

export async function discover(
  client: AdtClient,
  settings: { readonly target: string; readonly apiVersion: string; readonly deleteJobId: string | undefined },
): Promise<Discovery> {
  const fromConfig = settings.deleteJobId === undefined ? [] : [await configuredJob(client, settings.deleteJobId)];
  const walk = await walkList(client);
  const first = walk.pages[0];
  if (first) rejectAuthFailure(first.exchange, client, 'List (GET /jobs/deletions)');
  const listPages = walk.pages.map(({ exchange, body }) => ({
    url: exchange.request.url,
    status: exchange.status,
    ...(isRecord(body) && Array.isArray(body.value) ? { itemCount: body.value.length } : {}),
  }));
  return {
    target: settings.target,
    apiVersion: settings.apiVersion,
    jobs: merge([...fromConfig, ...walk.pages.flatMap((page) => jobsOnPage(page.body))]),
    listPages,
    ...(walk.problem === undefined ? {} : { listProblem: walk.problem }),
  };
}

export function writeDiscovery(file: string, discovery: Discovery): void {
  fs.writeFileSync(file, `${JSON.stringify(discovery, null, 2)}\n`);
}

let loaded: { discovery: Discovery | undefined } | undefined;

/** The discovery of this run, or undefined when globalSetup did not run (listing tests only). */
export function readDiscovery(): Discovery | undefined {
  if (loaded) return loaded.discovery;
  const file = handOver.discoveryFile();
  loaded = { discovery: file === undefined ? undefined : (JSON.parse(fs.readFileSync(file, 'utf8')) as Discovery) };
  return loaded.discovery;
}
