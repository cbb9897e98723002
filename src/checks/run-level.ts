import { isDeepStrictEqual } from 'node:util';
import { jobsOf } from '../engine/context';
import type { PlanContext, Probe } from '../engine/plan';
import { type Findings, judge, type Verdict } from '../engine/verdict';
import type { RequirementId } from '../requirements';
import { deleteJobsRouteOf, describeRequest } from '../suite/checks';
import type { Exchange } from '../suite/http/client';
import { isRecord, parsedOrUndefined } from '../suite/json';
import { isForwardMove, isTerminalStatus } from '../suite/lifecycle';
import { compareRfc3339, parseRfc3339DateTime } from '../suite/rfc3339';

/**
 * Requirements about a whole run: every read of a job, from any test, in the order they were sent. They are judged
 * over the run's exchange log (or a recording's) after the per-test phase.
 */

/** One sighting of a job: a 200 GetById body or an entry of a 200 List page. */
export interface JobRead {
  readonly jobId: string;
  /** GetById or List: reads are compared within one operation (GetById against List is DJ-LIST-04's). */
  readonly operation: 'getById' | 'list';
  readonly job: Readonly<Record<string, unknown>>;
  readonly exchange: Exchange;
  /** `GET /jobs/deletions/x?… at 2024-06-01T12:00:00.000Z`, for messages. */
  readonly where: string;
}

export const CLOCK_SKEW_MS = 5 * 60_000;

/** A framing defect is DJ-JSON-01's finding; the job it frames is still a read of the job. */
function bodyOf(exchange: Exchange): unknown {
  return parsedOrUndefined(exchange.bodyText);
}

/**
 * The jobs an exchange shows, each with the id it is a read of: for GetById the id asked for (a body that names
 * another id is DJ-200-05's finding, not a change of this job), for List each entry's own id.
 */
function jobsIn(exchange: Exchange): (readonly [string, Readonly<Record<string, unknown>>, JobRead['operation']])[] {
  if (exchange.status !== 200 || exchange.request.method !== 'GET') return [];
  const route = deleteJobsRouteOf(exchange);
  if (route === undefined) return [];
  const body = bodyOf(exchange);
  if (route.operation === 'getById') {
    const { id } = route;
    return id !== undefined && id !== '' && isRecord(body) ? [[id, body, 'getById']] : [];
  }
  const entries = isRecord(body) && Array.isArray(body.value) ? body.value.filter(isRecord) : [];
  return entries.flatMap((entry) => (typeof entry.id === 'string' ? [[entry.id, entry, 'list'] as const] : []));
}

/** Every read of every job in `exchanges`, in the order they were sent; a response reused from an earlier one is not a read. */
export function jobReads(exchanges: readonly Exchange[]): JobRead[] {
  const ordered = exchanges
    .map((exchange, index) => ({ exchange, index }))
    .filter(({ exchange }) => !exchange.reused)
    .sort((a, b) => a.exchange.startedAt.getTime() - b.exchange.startedAt.getTime() || a.index - b.index);
  return ordered.flatMap(({ exchange }) =>
    jobsIn(exchange).map(([jobId, job, operation]) => ({
      jobId,
      operation,
      job,
      exchange,
      where: `${describeRequest(exchange)} at ${exchange.startedAt.toISOString()}`,
    })),
  );
}

/** The reads of each job by each operation, in order; keyed `GetById of "x"` / `List of "x"` for messages. */
function readsByJob(reads: readonly JobRead[]): Map<string, JobRead[]> {
  const byJob = new Map<string, JobRead[]>();
  for (const read of reads) {
    const key = `${read.operation === 'getById' ? 'GetById' : 'List'} of "${read.jobId}"`;
    byJob.set(key, [...(byJob.get(key) ?? []), read]);
  }
  return byJob;
}

function enoughReads(findings: Findings, byJob: ReadonlyMap<string, readonly JobRead[]>): void {
  findings.notApplicableWhen(
    ![...byJob.values()].some((reads) => reads.length >= 2),
    'no job was read twice during the run, so nothing can be compared across reads',
  );
}

function statusNeverBackwards(reads: readonly JobRead[]): Verdict {
  return judge((f) => {
    const byJob = readsByJob(reads);
    enoughReads(f, byJob);
    for (const [jobId, jobReadsInOrder] of byJob) {
      const known = jobReadsInOrder.filter((read) => typeof read.job.status === 'string');
      known.slice(1).forEach((later, index) => {
        const earlier = known[index] as JobRead;
        f.soft(
          isForwardMove(earlier.job.status, later.job.status),
          `the status of a job must never move backwards (${jobId})`,
          `${JSON.stringify(earlier.job.status)} (${earlier.where}) and then ${JSON.stringify(later.job.status)} (${later.where})`,
        );
      });
    }
  });
}

/** Two values of one property count as the same when they are equal, or are date-times of the same instant. */
function sameValue(a: unknown, b: unknown): boolean {
  if (isDeepStrictEqual(a, b)) return true;
  if (typeof a !== 'string' || typeof b !== 'string' || !parseRfc3339DateTime(a).ok || !parseRfc3339DateTime(b).ok)
    return false;
  return compareRfc3339(a, b) === 0;
}

const FIXED_FOR_EVER = ['createdDateTime'] as const;
const FIXED_ONCE_FINISHED = ['status', 'finishedDateTime', 'purgeDateTime', 'error'] as const;

function factsNeverChange(reads: readonly JobRead[]): Verdict {
  return judge((f) => {
    const byJob = readsByJob(reads);
    enoughReads(f, byJob);
    for (const [jobId, jobReadsInOrder] of byJob) {
      const first = jobReadsInOrder[0] as JobRead;
      const firstFinished = jobReadsInOrder.find((read) => isTerminalStatus(read.job.status));
      for (const read of jobReadsInOrder.slice(1)) {
        const fixed = [
          ...FIXED_FOR_EVER.map((name) => [name, first] as const),
          ...(firstFinished !== undefined &&
          read !== firstFinished &&
          jobReadsInOrder.indexOf(read) > jobReadsInOrder.indexOf(firstFinished)
            ? FIXED_ONCE_FINISHED.map((name) => [name, firstFinished] as const)
            : []),
        ];
        for (const [name, reference] of fixed) {
          f.soft(
            sameValue(reference.job[name], read.job[name]),
            `the ${name} of a job must not change${name === 'createdDateTime' ? '' : ' once the job is finished'} (${jobId})`,
            `${JSON.stringify(reference.job[name])} (${reference.where}) and then ${JSON.stringify(read.job[name])} (${read.where})`,
          );
        }
      }
    }
  });
}

/** The response's own Date header, else the client's clock when the response arrived. */
function nowOf(exchange: Exchange): { ms: number; source: string } {
  const date = exchange.header('date');
  const parsed = date === undefined ? Number.NaN : Date.parse(date);
  if (!Number.isNaN(parsed)) return { ms: parsed, source: `its Date header ${JSON.stringify(date)}` };
  const ms = exchange.startedAt.getTime() + exchange.durationMs;
  return { ms, source: `the client's clock (${new Date(ms).toISOString()}; the response has no usable Date header)` };
}

function instantMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || !parseRfc3339DateTime(value).ok) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function noTimeInFuture(reads: readonly JobRead[]): Verdict {
  return judge((f) => {
    f.notApplicableWhen(reads.length === 0, 'no job was read during the run');
    const reported = new Set<string>();
    for (const read of reads) {
      const now = nowOf(read.exchange);
      for (const name of ['createdDateTime', 'finishedDateTime'] as const) {
        const ms = instantMs(read.job[name]);
        const key = `${read.jobId}/${name}/${String(read.job[name])}`;
        if (ms === undefined || ms <= now.ms + CLOCK_SKEW_MS || reported.has(key)) continue;
        reported.add(key);
        f.soft(
          false,
          `the ${name} of job "${read.jobId}" must not be later than the response's time plus ${CLOCK_SKEW_MS / 60_000} minutes`,
          `${JSON.stringify(read.job[name])} (${read.where}), ${Math.round((ms - now.ms) / 60_000)} minutes after ${now.source}`,
        );
      }
    }
  });
}

export interface RunLevelCase {
  readonly requirementId: RequirementId;
  readonly title: string;
  readonly check: (log: readonly Exchange[]) => Verdict;
}

export const RUN_LEVEL_CASES: readonly RunLevelCase[] = [
  {
    requirementId: 'DJ-STATE-04',
    title: "a job's status never moves backwards across the run's reads",
    check: (log) => statusNeverBackwards(jobReads(log)),
  },
  {
    requirementId: 'DJ-STATE-05',
    title: "a job's createdDateTime, and a finished job's outcome, never change across the run's reads",
    check: (log) => factsNeverChange(jobReads(log)),
  },
  {
    requirementId: 'DJ-TIME-04',
    title: 'no createdDateTime or finishedDateTime lies in the future of its response',
    check: (log) => noTimeInFuture(jobReads(log)),
  },
];

/** Reads the run-level phase adds of its own, so every job is read at least three times whatever the selection. */
export function runLevelProbes(context: PlanContext): Probe[] {
  return [
    ...jobsOf(context).flatMap((job): Probe[] => [
      { kind: 'getById', id: job.id, options: { reuse: false } },
      { kind: 'getById', id: job.id, options: { reuse: false } },
    ]),
    { kind: 'walkList' },
  ];
}
