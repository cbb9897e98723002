import type { RequirementId } from '../requirements';
import type { DiscoveredJob } from '../suite/discovery';
import { unknownJobId } from '../suite/ids';
import type { Case, PlanContext } from './plan';
import { commandLine } from '../../mock/contract';

export const NOT_DISCOVERED_REASON = `jobs are discovered in globalSetup, which did not run (listing tests only); run \`${commandLine('conformance')}\` to check a target`;
/** Why a per-job case was not run; the run's verdict says how to give it a job (JOB_FIX in src/reporting/verdicts.ts). */
export const NO_JOBS_REASON =
  'the instance has no delete job in its List (GET /jobs/deletions returned none) and ADT_DELETE_JOB_ID names none';

export function discoveredIds(context: PlanContext): ReadonlySet<string> {
  return new Set(context.discovery?.jobs.map((job) => job.id) ?? []);
}

/** A fixed id that is not one of the discovered ones. */
export function unknownIdOf(context: PlanContext): string {
  return unknownJobId(discoveredIds(context));
}

export function jobsOf(context: PlanContext): readonly DiscoveredJob[] {
  return context.discovery?.jobs ?? [];
}

/** Why per-job cases cannot run on this target. */
export function noJobReason(context: PlanContext): string {
  return context.discovery ? NO_JOBS_REASON : NOT_DISCOVERED_REASON;
}

/** A case that sends nothing and reports the requirement as not applicable, with the reason. */
export function notApplicableCase(requirementId: RequirementId, title: string, reason: string): Case {
  return {
    requirementId,
    title: `${title} (not applicable)`,
    probes: [],
    notApplicable: reason,
    check: () => ({ outcome: 'not-applicable', reason }),
  };
}

/**
 * Per-job cases: `build` for every discovered job, or, without jobs, one not-applicable case per requirement, so
 * every requirement still has a test saying why it was not checked.
 */
export function perJob(
  context: PlanContext,
  requirements: readonly (readonly [RequirementId, string])[],
  build: (job: DiscoveredJob) => Case[],
): Case[] {
  const jobs = jobsOf(context);
  if (jobs.length > 0) return jobs.flatMap(build);
  return requirements.map(([id, what]) => notApplicableCase(id, what, noJobReason(context)));
}

/** `[deletejob1 · succeeded]`, the suffix of every per-job title. */
export function jobLabel(job: DiscoveredJob): string {
  return `[${job.id} · ${job.status}]`;
}

/** The first discovered job in a terminal state, whose body no longer changes between requests. */
export function terminalJob(context: PlanContext): DiscoveredJob | undefined {
  const jobs = jobsOf(context);
  return jobs.find((job) => job.status === 'succeeded') ?? jobs.find((job) => job.status === 'failed');
}

/** A finished job when there is one (its whole body can be compared), otherwise any discovered job. */
export function steadiestJob(context: PlanContext): DiscoveredJob | undefined {
  return terminalJob(context) ?? jobsOf(context)[0];
}

/** An existing job when there is one (a server that ignores what is probed then answers 200), else an unknown id. */
export function probeId(context: PlanContext): string {
  return jobsOf(context)[0]?.id ?? unknownIdOf(context);
}
