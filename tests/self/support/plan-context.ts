import type { PlanContext } from '../../../src/engine/plan';
import type { DiscoveredJob } from '../../../src/suite/discovery';

/** A plan context for check self tests: discovery found `jobs` (ids stand for succeeded jobs; none: a target without jobs). */
export function planContextOf(
  jobs: readonly (string | DiscoveredJob)[],
  overrides: Partial<PlanContext> = {},
): PlanContext {
  const discovered = jobs.map((job): DiscoveredJob =>
    typeof job === 'string'
      ? { id: job, status: 'succeeded', createdDateTime: '2024-01-01T00:00:00Z', sources: ['list'] }
      : job,
  );
  return {
    discovery: { target: 'http://127.0.0.1:1', apiVersion: '2023-10-31', jobs: discovered, listPages: [] },
    apiVersion: '2023-10-31',
    holdsCredential: true,
    latency: { samples: 3, budgetMs: 100 },
    pacingIntervalMs: 0,
    probes: { seed: 1, budget: 40 },
    ...overrides,
  };
}

export const SUCCEEDED_JOB: DiscoveredJob = { id: 'deletejob1', status: 'succeeded', sources: ['list'] };
