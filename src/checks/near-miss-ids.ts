import { discoveredIds, jobLabel, jobsOf, noJobReason, notApplicableCase, unknownIdOf } from '../engine/context';
import type { Case, PlanContext } from '../engine/plan';
import { judge } from '../engine/verdict';
import type { DiscoveredJob } from '../suite/discovery';
import { nearMissIds, type NearMiss } from '../suite/near-miss';
import { errorCodeOf } from '../suite/checks';
import { errorCodeHeadersAgree } from './errors';

/**
 * A near miss must be answered as the unknown id is: 404 with the same error.code. What that 404 must carry (an
 * ErrorResponse, DeleteJobNotFound) is DJ-404-01's and DJ-404-03's finding on the unknown id, reported there once.
 */
function nearMissCase(job: DiscoveredJob, { label, value }: NearMiss, unknownId: string): Case {
  return {
    requirementId: 'DJ-404-05',
    title: `near-miss id "${value}" (${label}) answers 404 DeleteJobNotFound ${jobLabel(job)}`,
    job,
    probes: [
      { kind: 'getById', id: unknownId },
      { kind: 'getById', id: value },
    ],
    check: ([unknown, nearMiss]) =>
      judge((f) => {
        if (unknown === undefined || nearMiss === undefined)
          throw new Error('the near-miss check needs the unknown id and the near miss');
        f.that(
          nearMiss.status === 404,
          `"${value}" is one step away from the existing id "${job.id}" and is not a job: it must answer 404`,
          String(nearMiss.status),
        );
        const code = errorCodeOf(unknown);
        const expected = unknown.status === 404 && typeof code === 'string' ? code : 'DeleteJobNotFound';
        f.equal(
          errorCodeOf(nearMiss),
          expected,
          `the near miss must be answered as the unknown id "${unknownId}" is, with error.code ${expected}`,
        );
      }),
  };
}

/** DJ-404-05: near misses of the first discovered id, enough to catch prefix or fuzzy matching without a request storm. */
export function nearMissIdsCases(context: PlanContext): Case[] {
  const [job] = jobsOf(context);
  if (job === undefined)
    return [
      notApplicableCase(
        'DJ-404-05',
        'an id one step away from an existing id answers 404 DeleteJobNotFound',
        noJobReason(context),
      ),
    ];
  const nearMisses = nearMissIds(job.id, discoveredIds(context));
  if (nearMisses.length === 0)
    return [
      notApplicableCase(
        'DJ-404-05',
        `near-miss ids answer 404 ${jobLabel(job)}`,
        'every near miss of the id is itself an existing id',
      ),
    ];
  return [
    ...nearMisses.map((nearMiss) => nearMissCase(job, nearMiss, unknownIdOf(context))),
    {
      requirementId: 'DJ-404-02',
      title: 'x-ms-error-code equals error.code on the 404s for near-miss ids',
      probes: nearMisses.map(({ value }) => ({ kind: 'getById', id: value })),
      check: (exchanges) =>
        judge((f) => {
          errorCodeHeadersAgree(f, exchanges, 'DJ-404-05');
        }),
    },
  ];
}
