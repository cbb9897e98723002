import { expect, test } from '@playwright/test';
import { caseSensitivityCases } from '../../../src/checks/case-sensitivity';
import type { Case } from '../../../src/engine/plan';
import { errorExchange, exchangeOf } from '../support/exchanges';
import { planContextOf } from '../support/plan-context';

const CREATED = '2024-01-01T00:00:00Z';
const OTHER_CREATED = '2024-02-01T00:00:00Z';

function titled(cases: readonly Case[], start: string): Case {
  const found = cases.find((planned) => `${planned.requirementId} ${planned.title}`.startsWith(start));
  if (found === undefined)
    throw new Error(`no case starts with ${start}: ${cases.map((planned) => planned.title).join(', ')}`);
  return found;
}

const job = (id: string) => exchangeOf({ status: 200, body: { id, status: 'succeeded', createdDateTime: CREATED } });

test('the plan: a case variant per job, DJ-404-02 over them, a DJ-CASE-02 per case pair; each not applicable where the ids give nothing to probe', () => {
  const cases = caseSensitivityCases(planContextOf(['Job1', 'job1', '42']));
  expect(
    cases.map((planned) => `${planned.requirementId} ${planned.title}`),
    'titles',
  ).toEqual([
    'DJ-CASE-01 case variant "JOB1" answers 404 DeleteJobNotFound [Job1 · succeeded]',
    'DJ-CASE-01 case variant "JOB1" answers 404 DeleteJobNotFound [job1 · succeeded]',
    'DJ-CASE-01 a case variant answers 404 DeleteJobNotFound [42 · succeeded] (not applicable)',
    'DJ-404-02 x-ms-error-code equals error.code on the 404s for case variants',
    'DJ-CASE-02 "Job1" and "job1" each return their own job',
  ]);
  expect(titled(cases, 'DJ-CASE-01 a case variant').notApplicable, 'an id without letters').toBe(
    'the id has no letters, so it has no case variant',
  );
  expect(
    caseSensitivityCases(planContextOf([])).map((planned) => planned.requirementId),
    'no job: one placeholder per requirement',
  ).toEqual(['DJ-CASE-01', 'DJ-CASE-02']);
  expect(titled(caseSensitivityCases(planContextOf(['job1'])), 'DJ-CASE-02').notApplicable, 'no case pair').toBe(
    'no two discovered ids differ only in case',
  );
});

test('DJ-CASE-01: answered as the unknown id is passes; the job served for its case variant or another code fails', () => {
  const planned = titled(caseSensitivityCases(planContextOf(['deletejob1'])), 'DJ-CASE-01');
  const unknown = errorExchange(404, 'DeleteJobNotFound');
  expect(planned.probes, 'the unknown id, then the variant').toEqual([
    { kind: 'getById', id: 'conformance-no-such-delete-job' },
    { kind: 'getById', id: 'DELETEJOB1' },
  ]);
  expect(planned.check([unknown, errorExchange(404, 'DeleteJobNotFound')]).outcome, 'rejected').toBe('passed');
  expect(planned.check([unknown, job('deletejob1')]), 'case-insensitive lookup').toMatchObject({
    outcome: 'failed',
    problems: [
      '"DELETEJOB1" differs from the existing id "deletejob1" only in case and is not a job: ids are case sensitive, so it must answer 404; got 200',
    ],
  });
  expect(planned.check([unknown, errorExchange(404, 'NotFound')]).outcome, 'another code').toBe('failed');
  expect(
    planned.check([errorExchange(404, 'JobNotFound'), errorExchange(404, 'JobNotFound')]).outcome,
    "the same code as the unknown id: its contract is DJ-404-03's",
  ).toBe('passed');
});

test('DJ-404-02 on the case-variant 404s: agreeing headers pass, a missing header fails', () => {
  const planned = titled(caseSensitivityCases(planContextOf(['deletejob1'])), 'DJ-404-02');
  expect(planned.check([errorExchange(404, 'DeleteJobNotFound')]).outcome, 'agreeing').toBe('passed');
  expect(
    planned.check([exchangeOf({ status: 404, body: { error: { code: 'DeleteJobNotFound', message: 'm' } } })]).outcome,
    'no header',
  ).toBe('failed');
});

test("DJ-CASE-02: each id returning its own job passes; a twin served the other's data fails", () => {
  const twins = [
    { id: 'Job1', status: 'succeeded', createdDateTime: CREATED, sources: ['list'] },
    { id: 'job1', status: 'succeeded', createdDateTime: OTHER_CREATED, sources: ['list'] },
  ] as const;
  const planned = titled(
    caseSensitivityCases(planContextOf([...twins.map((twin) => ({ ...twin, sources: [...twin.sources] }))])),
    'DJ-CASE-02',
  );
  expect(planned.probes, 'both ids in order').toEqual([
    { kind: 'getById', id: 'Job1' },
    { kind: 'getById', id: 'job1' },
  ]);
  const own = (id: string, createdDateTime: string) =>
    exchangeOf({ status: 200, body: { id, status: 'succeeded', createdDateTime } });
  expect(planned.check([own('Job1', CREATED), own('job1', OTHER_CREATED)]).outcome, 'own jobs').toBe('passed');
  expect(planned.check([own('Job1', CREATED), own('job1', CREATED)]), 'shared').toMatchObject({
    outcome: 'failed',
    problems: [
      `GetById of "job1" must return the job "job1", not "Job1", which differs only in case; got the createdDateTime "${CREATED}" that List shows for "Job1"`,
    ],
  });
});
