import { discoveredIds, jobLabel, jobsOf, noJobReason, notApplicableCase } from '../engine/context';
import type { Case, PlanContext } from '../engine/plan';
import { judge } from '../engine/verdict';
import type { DiscoveredJob } from '../suite/discovery';
import { nearMissIds, type NearMiss } from '../suite/near-miss';
import { only } from './common';
import { errorCodeHeadersAgree, errorCodeIs, errorResponseWith } from './errors';

function nearMissCase(job: DiscoveredJob, { label, value }: NearMiss): Case {
  return {
    requirementId: 'DJ-404-05',
    title: `near-miss id "${value}" (${label}) answers 404 DeleteJobNotFound ${jobLabel(job)}`,
    job,
    probes: [{ kind: 'getById', id: value }],
    check: (exchanges) =>
      judge((f) => {
        const exchange = only(exchanges);
        errorResponseWith(f, exchange, 404, `"${value}" is one step away from the existing id "${job.id}" and is not a job: it must answer 404`);
        errorCodeIs(f, exchange, 'DeleteJobNotFound');
      }),
  };
}

/** DJ-404-05: near misses of the first discovered id, enough to catch prefix or fuzzy matching without a request storm. */
export function nearMissIdsCases(context: PlanContext): Case[] {
  const [job] = jobsOf(context);
  if (job === undefined) return [notApplicableCase('DJ-404-05', 'an id one step away from an existing id answers 404 DeleteJobNotFound', noJobReason(context))];
  const nearMisses = nearMissIds(job.id, discoveredIds(context));
  if (nearMisses.length === 0) return [notApplicableCase('DJ-404-05', `near-miss ids answer 404 ${jobLabel(job)}`, 'every near miss of the id is itself an existing id')];
  return [
    ...nearMisses.map((nearMiss) => nearMissCase(job, nearMiss)),
    {
      requirementId: 'DJ-404-02',
      title: 'x-ms-error-code equals error.code on the 404s for near-miss ids',
      probes: nearMisses.map(({ value }) => ({ kind: 'getById', id: value })),
      check: (exchanges) => judge((f) => { errorCodeHeadersAgree(f, exchanges, 'DJ-404-05'); }),
    },
  ];
}
