import { expect, test } from '@playwright/test';
import { caseSensitivityCases } from '../../../src/checks/case-sensitivity';
import type { Case } from '../../../src/engine/plan';
import { errorExchange, exchangeOf } from '../support/exchanges';
import { planContextOf } from '../support/plan-context';

const CREATED = '2024-01-01T00:00:00Z';

function titled(cases: readonly Case[], start: string): Case {
  const found = cases.find((planned) => `${planned.requirementId} ${planned.title}`.startsWith(start));
  if (found === undefined) throw new Error(`no case starts with ${start}: ${cases.map((planned) => planned.title).join(', ')}`);
  return found;
}

const job = (id: string) => exchangeOf({ status: 200, body: { id, status: 'succeeded', createdDateTime: CREATED } });

test('the plan: a case variant per job, DJ-404-02 over them, a DJ-CASE-02 per case pair; each not applicable where the ids give nothing to probe', () => {
  const cases = caseSensitivityCases(planContextOf(['Job1', 'job1', '42']));
  expect(cases.map((planned) => `${planned.requirementId} ${planned.title}`), 'titles').toEqual([
    'DJ-CASE-01 case variant "JOB1" answers 404 DeleteJobNotFound [Job1 · succeeded]',
    'DJ-CASE-01 case variant "JOB1" answers 404 DeleteJobNotFound [job1 · succeeded]',
    'DJ-CASE-01 a case variant answers 404 DeleteJobNotFound [42 · succeeded] (not applicable)',
    'DJ-404-02 x-ms-error-code equals error.code on the 404s for case variants',
    'DJ-CASE-02 "Job1" and "job1" each return their own job',
  ]);
  expect(titled(cases, 'DJ-CASE-01 a case variant').notApplicable, 'an id without letters').toBe('the id has no letters, so it has no case variant');
  expect(caseSensitivityCases(planContextOf([])).map((planned) => planned.requirementId), 'no job: one placeholder per requirement').toEqual(['DJ-CASE-01', 'DJ-CASE-02']);
  expect(titled(caseSensitivityCases(planContextOf(['job1'])), 'DJ-CASE-02').notApplicable, 'no case pair').toBe('no two discovered ids differ only in case');
});

test('DJ-CASE-01: a 404 DeleteJobNotFound passes; the job served for its case variant fails, saying ids are case sensitive', () => {
  const planned = titled(caseSensitivityCases(planContextOf(['deletejob1'])), 'DJ-CASE-01');
  expect(planned.check([errorExchange(404, 'DeleteJobNotFound')]).outcome, 'rejected').toBe('passed');
  expect(planned.check([job('deletejob1')]), 'case-insensitive lookup').toMatchObject({
    outcome: 'failed',
    problems: ['"DELETEJOB1" differs from the existing id "deletejob1" only in case and is not a job: ids are case sensitive, so it must answer 404; got 200'],
  });
  expect(planned.check([errorExchange(404, 'NotFound')]).outcome, 'another code').toBe('failed');
});

test('DJ-404-02 on the case-variant 404s: agreeing headers pass, a missing header fails', () => {
  const planned = titled(caseSensitivityCases(planContextOf(['deletejob1'])), 'DJ-404-02');
  expect(planned.check([errorExchange(404, 'DeleteJobNotFound')]).outcome, 'agreeing').toBe('passed');
  expect(planned.check([exchangeOf({ status: 404, body: { error: { code: 'DeleteJobNotFound', message: 'm' } } })]).outcome, 'no header').toBe('failed');
});

test('DJ-CASE-02: each id returning its own job passes; twins sharing one job fail', () => {
  const planned = titled(caseSensitivityCases(planContextOf(['Job1', 'job1'])), 'DJ-CASE-02');
  expect(planned.probes, 'both ids in order').toEqual([{ kind: 'getById', id: 'Job1' }, { kind: 'getById', id: 'job1' }]);
  expect(planned.check([job('Job1'), job('job1')]).outcome, 'own jobs').toBe('passed');
  expect(planned.check([job('Job1'), job('Job1')]), 'shared').toMatchObject({
    outcome: 'failed',
    problems: ['GetById of "job1" must return the job "job1", not the one that differs only in case; got "Job1" where "job1" was expected'],
  });
  const otherCreated = exchangeOf({ status: 200, body: { id: 'job1', status: 'succeeded', createdDateTime: '2020-01-01T00:00:00Z' } });
  expect(planned.check([job('Job1'), otherCreated]), 'the twin\'s data').toMatchObject({ outcome: 'failed', problems: [expect.stringMatching(/^GetById of "job1" must return the createdDateTime that List shows for "job1"/)] });
});
