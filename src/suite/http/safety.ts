/**
 * Never destructive by default. Against anything but the bundled mock the suite sends only GET, and only to
 * the target's own origin (a bearer token must never follow a foreign nextLink). The one exception is
 * DeleteJobs_Add (POST /jobs/deletions, which WIPES every model, twin and relationship on the instance),
 * used only to have a job to check when a target has none; it needs BOTH ADT_ALLOW_CREATE_DELETE_JOB=1
 * AND ADT_CONFIRM_TARGET_HOST naming the target's host.
 */

export type TargetKind = 'bundled-mock' | 'url';

/** An error whose message is the whole story: Playwright prints it without a stack trace. */
export class OneMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
    this.stack = message;
  }
}

export class SafetyConfigError extends OneMessageError {}
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

export const OPT_IN_VARIABLE = 'ADT_ALLOW_CREATE_DELETE_JOB';
export const CONFIRM_VARIABLE = 'ADT_CONFIRM_TARGET_HOST';
const DELETE_JOBS_PATH = /\/jobs\/deletions\/?$/;

type Env = Record<string, string | undefined>;

function optedIn(env: Env): boolean {
  const raw = env[OPT_IN_VARIABLE]?.trim().toLowerCase();
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new SafetyConfigError(`${OPT_IN_VARIABLE}=${env[OPT_IN_VARIABLE] ?? ''} is not understood. Use 1 to allow creating a delete job (it wipes the instance), or unset it.`);
}

function sameHost(confirmed: string, target: URL): boolean {
  const wanted = confirmed.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
  return wanted === target.hostname.toLowerCase() || wanted === target.host.toLowerCase();
}

/** Validates the opt-in once, up front; throws one message on a half-given or mismatched confirmation. */
export function resolveSafetyPolicy(env: Env, target: SafetyTarget): SafetyPolicy {
  const url = new URL(target.baseUrl);
  const policy = { kind: target.kind, origin: url.origin, host: url.host, allowCreateDeleteJob: false };
  if (target.kind === 'bundled-mock' || !optedIn(env)) return policy;
  const confirmed = env[CONFIRM_VARIABLE]?.trim();
  if (confirmed === undefined || confirmed === '') {
    throw new SafetyConfigError(
      `${OPT_IN_VARIABLE}=1 allows creating a delete job on ${url.hostname}, which DELETES EVERY model, twin and relationship there. ` +
      `To confirm, also set ${CONFIRM_VARIABLE}=${url.hostname}. To keep the instance safe, unset ${OPT_IN_VARIABLE}.`,
    );
  }
  if (!sameHost(confirmed, url)) {
    throw new SafetyConfigError(
      `${CONFIRM_VARIABLE}=${confirmed} does not name the target host ${url.hostname} (AZURE_DIGITALTWINS_URL). ` +
      `Refusing to allow a delete job. Set ${CONFIRM_VARIABLE}=${url.hostname} if you really mean to wipe that instance, or unset ${OPT_IN_VARIABLE}.`,
    );
  }
  return { ...policy, allowCreateDeleteJob: true };
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
