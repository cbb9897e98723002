import { expect, test } from '@playwright/test';
import { timestampsCases } from '../../../src/checks/timestamps';
import type { RequirementId } from '../../../src/requirements';
import type { Verdict } from '../../../src/engine/verdict';
import { exchangeOf } from '../support/exchanges';
import { planContextOf, SUCCEEDED_JOB } from '../support/plan-context';

const cases = timestampsCases(planContextOf([SUCCEEDED_JOB]));
const GOOD = {
  id: 'deletejob1',
  status: 'succeeded',
  createdDateTime: '2024-05-28T10:00:00Z',
  finishedDateTime: '2024-05-28T10:05:00Z',
  purgeDateTime: '2024-05-29T10:05:00Z',
};

function verdictOf(id: RequirementId, body: unknown, status = 200): Verdict {
  const planned = cases.find((candidate) => candidate.requirementId === id);
  if (planned === undefined) throw new Error(`no ${id} case`);
  return planned.check([exchangeOf({ status, body })]);
}

function problems(verdict: Verdict): string {
  return verdict.outcome === 'failed' ? verdict.problems.join('\n') : '';
}

test('DJ-TIME-01…03 are planned per job, with the job', () => {
  expect(cases.map((planned) => `${planned.requirementId} ${planned.title}`)).toEqual([
    'DJ-TIME-01 every *DateTime is a strict RFC 3339 date-time [deletejob1 · succeeded]',
    'DJ-TIME-02 createdDateTime ≤ finishedDateTime ≤ purgeDateTime [deletejob1 · succeeded]',
    'DJ-TIME-03 purgeDateTime is after createdDateTime [deletejob1 · succeeded]',
  ]);
  expect(cases.every((planned) => planned.job === SUCCEEDED_JOB)).toBe(true);
  expect(
    timestampsCases(planContextOf([])).map((planned) => [planned.title, planned.notApplicable !== undefined]),
  ).toEqual([
    ['every *DateTime is a strict RFC 3339 date-time (not applicable)', true],
    ['createdDateTime ≤ finishedDateTime ≤ purgeDateTime (not applicable)', true],
    ['purgeDateTime is after createdDateTime (not applicable)', true],
  ]);
});

test('DJ-TIME-01 passes strict RFC 3339 timestamps and fails a space separator or a missing offset', () => {
  expect(verdictOf('DJ-TIME-01', GOOD).outcome).toBe('passed');
  expect(problems(verdictOf('DJ-TIME-01', { ...GOOD, finishedDateTime: '2024-05-28 10:05:00Z' }))).toMatch(
    /^finishedDateTime must be a strict RFC 3339 date-time; got "2024-05-28 10:05:00Z"/,
  );
  expect(problems(verdictOf('DJ-TIME-01', { ...GOOD, createdDateTime: '2024-05-28T10:00:00' }))).toMatch(
    /^createdDateTime must be a strict RFC 3339 date-time/,
  );
  expect(problems(verdictOf('DJ-TIME-01', { id: 'deletejob1', status: 'succeeded' }))).toMatch(
    /^the job must carry at least one \*DateTime property to check/,
  );
  expect(verdictOf('DJ-TIME-01', { error: { code: 'X' } }, 500), "a 500 is DJ-200-01's to report").toMatchObject({
    outcome: 'not-applicable',
  });
});

test('DJ-TIME-02 passes ordered timestamps, fails a finish before creation, and is not applicable to unparseable ones', () => {
  expect(verdictOf('DJ-TIME-02', GOOD).outcome).toBe('passed');
  expect(problems(verdictOf('DJ-TIME-02', { ...GOOD, finishedDateTime: '2024-05-28T09:00:00Z' }))).toMatch(
    /^createdDateTime \(2024-05-28T10:00:00Z\) must not be after finishedDateTime \(2024-05-28T09:00:00Z\)/,
  );
  expect(verdictOf('DJ-TIME-02', { ...GOOD, finishedDateTime: 'yesterday' }).outcome).toBe('not-applicable');
  expect(
    verdictOf('DJ-TIME-02', { id: 'deletejob1', status: 'running', createdDateTime: GOOD.createdDateTime }).outcome,
  ).toBe('not-applicable');
});

test('DJ-TIME-03 passes a purge after creation and fails a purge at or before it', () => {
  expect(verdictOf('DJ-TIME-03', GOOD).outcome).toBe('passed');
  expect(problems(verdictOf('DJ-TIME-03', { ...GOOD, purgeDateTime: GOOD.createdDateTime }))).toMatch(
    /must be strictly after createdDateTime .*; got the same instant$/,
  );
  expect(problems(verdictOf('DJ-TIME-03', { ...GOOD, purgeDateTime: '2024-05-27T10:00:00Z' }))).toMatch(
    /; got an earlier instant$/,
  );
  expect(
    verdictOf('DJ-TIME-03', { id: 'deletejob1', status: 'running', createdDateTime: GOOD.createdDateTime }).outcome,
  ).toBe('not-applicable');
});
