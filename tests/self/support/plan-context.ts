import type { PlanContext } from '../../../src/engine/plan';
import type { DiscoveredJob } from '../../../src/suite/discovery';

/** A plan context for check self tests: discovery found `jobs` (none: a target without jobs). */
export function planContextOf(jobs: readonly DiscoveredJob[], overrides: Partial<PlanContext> = {}): PlanContext {
  return {
    discovery: { target: 'http://127.0.0.1:1', apiVersion: '2023-10-31', jobs, listPages: [] },
    apiVersion: '2023-10-31',
    holdsCredential: true,
    latency: { samples: 3, budgetMs: 100 },
    ...overrides,
  };
}

export const SUCCEEDED_JOB: DiscoveredJob = { id: 'deletejob1', status: 'succeeded', sources: ['list'] };
