/**
 * Never destructive by default. Against anything but the bundled mock the suite sends only GET, and only to
 * the target's own origin (a bearer token must never follow a foreign nextLink). The one exception is
 * DeleteJobs_Add (POST /jobs/deletions, which WIPES every model, twin and relationship on the instance),
 * used only to have a job to check when a target has none; it needs BOTH ADT_ALLOW_CREATE_DELETE_JOB=1
 * AND ADT_CONFIRM_TARGET_HOST naming the target's host.
 */

import { OneMessageError, VARIABLES, type SafetySettings, type TargetKind } from '../../config';

export class UnsafeRequestError extends OneMessageError {}

export interface SafetyTarget {
  kind: TargetKind;
  baseUrl: string;
}

export interface SafetyPolicy {
  kind: TargetKind;
  origin: string;
  host: string;
  allowCreateDeleteJob: boolean;
}

const OPT_IN_VARIABLE = VARIABLES.allowCreateDeleteJob.name;
const CONFIRM_VARIABLE = VARIABLES.confirmTargetHost.name;
const DELETE_JOBS_PATH = /\/jobs\/deletions\/?$/;

/** The guard for one target; the opt-in itself was validated with the configuration (src/config). */
export function safetyPolicyFor(target: SafetyTarget, settings: SafetySettings): SafetyPolicy {
  const url = new URL(target.baseUrl);
  return {
    kind: target.kind,
    origin: url.origin,
    host: url.host,
    allowCreateDeleteJob: target.kind === 'url' && settings.allowCreateDeleteJob,
  };
}

/** Whether the harness may create a delete job when the target has none. */
export function canCreateDeleteJob(policy: SafetyPolicy): boolean {
  return policy.kind === 'bundled-mock' || policy.allowCreateDeleteJob;
}

/**
 * The HTTP layer calls this before every request. Throws instead of sending anything the policy forbids,
 * so no test can send a write to a real instance by accident.
 */
export function assertRequestAllowed(policy: SafetyPolicy, method: string, url: URL): void {
  if (policy.kind === 'bundled-mock') return;
  if (url.origin !== policy.origin) {
    throw new UnsafeRequestError(
      `Refused to send ${method} ${url.origin}${url.pathname}: the suite only talks to its target ${policy.origin}, so credentials never leave it (a nextLink pointing elsewhere is a target defect).`,
    );
  }
  const verb = method.toUpperCase();
  if (verb === 'GET') return;
  const isDeleteJobsAdd = verb === 'POST' && DELETE_JOBS_PATH.test(url.pathname);
  if (isDeleteJobsAdd && policy.allowCreateDeleteJob) return;
  const why = isDeleteJobsAdd
    ? `POST /jobs/deletions creates a delete job, which DELETES EVERY model, twin and relationship on ${url.hostname}. ` +
      `Only with ${OPT_IN_VARIABLE}=1 and ${CONFIRM_VARIABLE}=${url.hostname} is it sent.`
    : `against a target other than the bundled mock the suite sends only GET requests.`;
  throw new UnsafeRequestError(`Refused to send ${verb} ${url.pathname}: ${why}`);
}
