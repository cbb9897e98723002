import { ERROR_CATALOGUE, errorResponseBody, type ErrorCode } from '../../errors';
import { parseTraceparent } from '../../trace';
import type { QuirkHooks, RequestFacts, ResponseDraft } from '../quirk';

/** A job body as JSON, for defects that rewrite what the mock would have sent. */
export type JobJson = Record<string, unknown>;

export type ResponseHook = NonNullable<QuirkHooks['response']>;

/** The value of a request header, repeated headers joined. */
export function requestHeader(facts: RequestFacts, name: string): string | undefined {
  const value = facts.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** True when the request carries a traceparent the mock accepts as valid W3C Trace Context. */
export function hasValidTraceparent(facts: RequestFacts): boolean {
  const traceparent = requestHeader(facts, 'traceparent');
  return traceparent !== undefined && parseTraceparent(traceparent) !== undefined;
}

/**
 * A response hook that rewrites the job in every 200 GetById body, and nothing else: List pages (and so the
 * suite's discovery) keep the correct jobs, which keeps a defect narrow.
 */
export function onGetByIdJob(rewrite: (job: JobJson, facts: RequestFacts) => unknown): ResponseHook {
  return (draft, facts) => {
    if (facts.route !== 'getById' || draft.status !== 200) return;
    draft.body = JSON.stringify(rewrite(JSON.parse(draft.body) as JobJson, facts));
  };
}

/** A response hook for the 404 DeleteJobNotFound of GetById only. */
export function onNotFound(change: (draft: ResponseDraft, facts: RequestFacts) => void): ResponseHook {
  return (draft, facts) => {
    if (facts.route === 'getById' && draft.status === 404 && draft.headers['x-ms-error-code'] === 'DeleteJobNotFound')
      change(draft, facts);
  };
}

/** Turns the draft into a catalogue error response (status, body and a matching x-ms-error-code). */
export function answerWithError(draft: ResponseDraft, code: ErrorCode): void {
  draft.status = ERROR_CATALOGUE[code].status;
  draft.body = JSON.stringify(errorResponseBody(code));
  draft.headers['content-type'] = 'application/json; charset=utf-8';
  draft.headers['x-ms-error-code'] = code;
}

/** Rewrites the `error` object of an ErrorResponse body. */
export function withError(
  draft: ResponseDraft,
  change: (error: Record<string, unknown>) => Record<string, unknown>,
): void {
  const body = JSON.parse(draft.body) as { error: Record<string, unknown> };
  draft.body = JSON.stringify({ ...body, error: change(body.error) });
}

export function isTerminal(job: JobJson): boolean {
  return job.status === 'succeeded' || job.status === 'failed';
}

/** A copy of the job without one property, the others in their order. */
export function omit(job: JobJson, name: string): JobJson {
  return Object.fromEntries(Object.entries(job).filter(([key]) => key !== name));
}

/** A response hook that rewrites every job the response shows: the job of a 200 GetById and each entry of a 200 List page. */
export function onEveryJob(rewrite: (job: JobJson, facts: RequestFacts) => JobJson): ResponseHook {
  return (draft, facts) => {
    if (draft.status !== 200 || (facts.route !== 'getById' && facts.route !== 'list')) return;
    const body = JSON.parse(draft.body) as JobJson;
    draft.body = JSON.stringify(
      facts.route === 'getById'
        ? rewrite(body, facts)
        : { ...body, value: (body.value as JobJson[]).map((job) => rewrite(job, facts)) },
    );
  };
}

/** How many times each job has been shown so far by this app, for defects that change with every read. */
export function readCounter(): (facts: RequestFacts, jobId: unknown) => number {
  const readsByApp = new WeakMap<object, Map<unknown, number>>();
  return (facts, jobId) => {
    const reads = readsByApp.get(facts.app) ?? new Map<unknown, number>();
    readsByApp.set(facts.app, reads);
    const count = reads.get(jobId) ?? 0;
    reads.set(jobId, count + 1);
    return count;
  };
}
