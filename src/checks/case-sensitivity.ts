import { discoveredIds, jobLabel, jobsOf, notApplicableCase, perJob, unknownIdOf } from '../engine/context';
import type { Case, PlanContext } from '../engine/plan';
import { judge } from '../engine/verdict';
import type { DiscoveredJob } from '../suite/discovery';
import { casePairs, caseVariant, hasCasedLetters } from '../suite/ids';
import { errorCodeOf } from '../suite/checks';
import { jobBody } from './common';
import { errorCodeHeadersAgree } from './errors';

const CASE_02 = 'ids that differ only in case each return their own job';

function variantCase(job: DiscoveredJob, existing: ReadonlySet<string>, unknownId: string): Case {
  const variant = caseVariant(job.id, existing);
  if (variant === undefined) {
    const reason = hasCasedLetters(job.id)
      ? 'every case variant of the id is itself an existing id'
      : 'the id has no letters, so it has no case variant';
    return notApplicableCase('DJ-CASE-01', `a case variant answers 404 DeleteJobNotFound ${jobLabel(job)}`, reason);
  }
  return {
    requirementId: 'DJ-CASE-01',
    title: `case variant "${variant}" answers 404 DeleteJobNotFound ${jobLabel(job)}`,
    job,
    probes: [
      { kind: 'getById', id: unknownId },
      { kind: 'getById', id: variant },
    ],
    check: ([unknown, exchange]) =>
      judge((f) => {
        if (unknown === undefined || exchange === undefined)
          throw new Error('DJ-CASE-01 needs the unknown id and the case variant');
        f.that(
          exchange.status === 404,
          `"${variant}" differs from the existing id "${job.id}" only in case and is not a job: ids are case sensitive, so it must answer 404`,
          String(exchange.status),
        );
        // What that 404 must carry is DJ-404-01's and DJ-404-03's finding on the unknown id, reported there once.
        const code = errorCodeOf(unknown);
        const expected = unknown.status === 404 && typeof code === 'string' ? code : 'DeleteJobNotFound';
        f.equal(
          errorCodeOf(exchange),
          expected,
          `the case variant must be answered as the unknown id "${unknownId}" is, with error.code ${expected}`,
        );
      }),
  };
}

/**
 * Each twin's GetById must be its own job, not the other: judged by createdDateTime against what List showed for
 * each (the id in the body is DJ-200-05's, a createdDateTime that matches neither DJ-LIST-04's).
 */
function pairCase(pair: readonly [string, string], createdById: ReadonlyMap<string, string | undefined>): Case {
  return {
    requirementId: 'DJ-CASE-02',
    title: `"${pair[0]}" and "${pair[1]}" each return their own job`,
    probes: pair.map((id) => ({ kind: 'getById', id })),
    check: (exchanges) =>
      judge((f) => {
        exchanges.forEach((exchange, index) => {
          const [id, twin] = index === 0 ? pair : [pair[1], pair[0]];
          const body = jobBody(f, exchange);
          const twinCreated = createdById.get(twin);
          f.that(
            twinCreated === undefined || twinCreated === createdById.get(id) || body.createdDateTime !== twinCreated,
            `GetById of "${id}" must return the job "${id}", not "${twin}", which differs only in case`,
            `the createdDateTime ${JSON.stringify(body.createdDateTime)} that List shows for "${twin}"`,
          );
        });
      }),
  };
}

/** DJ-CASE-01 and -02: ids are compared case-sensitively, so a case variant is another (unknown) id. */
export function caseSensitivityCases(context: PlanContext): Case[] {
  const existing = discoveredIds(context);
  const variantCases = perJob(
    context,
    [
      ['DJ-CASE-01', 'a case variant of an existing id answers 404 DeleteJobNotFound'],
      ['DJ-CASE-02', CASE_02],
    ],
    (job) => [variantCase(job, existing, unknownIdOf(context))],
  );
  const jobs = jobsOf(context);
  if (jobs.length === 0) return variantCases;

  const variants = jobs.flatMap((job) => caseVariant(job.id, existing) ?? []);
  const headerCases: Case[] =
    variants.length === 0
      ? []
      : [
          {
            requirementId: 'DJ-404-02',
            title: 'x-ms-error-code equals error.code on the 404s for case variants',
            probes: variants.map((id) => ({ kind: 'getById', id })),
            check: (exchanges) =>
              judge((f) => {
                errorCodeHeadersAgree(f, exchanges, 'DJ-CASE-01');
              }),
          },
        ];
  const pairs = casePairs(jobs.map((job) => job.id));
  const createdById = new Map(jobs.map((job) => [job.id, job.createdDateTime]));
  const pairCases =
    pairs.length === 0
      ? [notApplicableCase('DJ-CASE-02', CASE_02, 'no two discovered ids differ only in case')]
      : pairs.map((pair) => pairCase(pair, createdById));
  return [...variantCases, ...headerCases, ...pairCases];
}
