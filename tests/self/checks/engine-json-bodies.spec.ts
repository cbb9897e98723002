import { expect, test } from '@playwright/test';
import { jsonBodiesCases } from '../../../src/checks/json-bodies';
import type { Case } from '../../../src/engine/plan';
import { exchangeOf } from '../support/exchanges';
import { planContextOf, SUCCEEDED_JOB } from '../support/plan-context';

const cases = jsonBodiesCases(planContextOf([SUCCEEDED_JOB]));

function caseTitled(title: string): Case {
  const found = cases.find((planned) => `${planned.requirementId} ${planned.title}` === title);
  if (found === undefined) throw new Error(`no case titled ${title}`);
  return found;
}

test('DJ-JSON-01/02 are planned for a List page, a 200, a 404 and a 400, in that order', () => {
  expect(cases.map((planned) => `${planned.requirementId} ${planned.title}`)).toEqual([
    'DJ-JSON-01 the first List page is exactly one JSON value with a JSON content type',
    'DJ-JSON-01 the 200 GetById [deletejob1 · succeeded] is exactly one JSON value with a JSON content type',
    'DJ-JSON-01 the 404 for an unknown id [conformance-no-such-delete-job] is exactly one JSON value with a JSON content type',
    'DJ-JSON-01 the 400 without api-version [conformance-no-such-delete-job] is exactly one JSON value with a JSON content type',
    'DJ-JSON-02 the first List page names no member twice in one object',
    'DJ-JSON-02 the 200 GetById [deletejob1 · succeeded] names no member twice in one object',
    'DJ-JSON-02 the 404 for an unknown id [conformance-no-such-delete-job] names no member twice in one object',
    'DJ-JSON-02 the 400 without api-version [conformance-no-such-delete-job] names no member twice in one object',
  ]);
  expect(cases[3]?.probes, 'the 400 is asked for without api-version').toEqual([{ kind: 'getById', id: 'conformance-no-such-delete-job', options: { apiVersion: null } }]);
  expect(cases.every((planned) => planned.job === undefined), 'DJ-JSON tests carry no job annotation').toBe(true);
});

test('DJ-JSON-01 passes one labelled JSON value and fails a byte order mark, trailing bytes or a wrong content type', () => {
  const check = caseTitled('DJ-JSON-01 the first List page is exactly one JSON value with a JSON content type').check;
  expect(check([exchangeOf({ body: { value: [] } })]).outcome).toBe('passed');
  for (const [what, exchange] of [
    ['a byte order mark', exchangeOf({ body: '\uFEFF{"value":[]}' })],
    ['trailing bytes', exchangeOf({ body: '{"value":[]}{}' })],
    ['text/plain', exchangeOf({ body: { value: [] }, headers: { 'content-type': 'text/plain' } })],
  ] as const) {
    const verdict = check([exchange]);
    expect(verdict.outcome, what).toBe('failed');
    expect(verdict.outcome === 'failed' ? verdict.problems[0] : '', what).toMatch(/^the 200 body must be one JSON value \(RFC 8259\) labelled application\/json; got /);
  }
});

test('DJ-JSON-02 passes distinct member names and fails a name repeated in one object', () => {
  const check = caseTitled('DJ-JSON-02 the 200 GetById [deletejob1 · succeeded] names no member twice in one object').check;
  expect(check([exchangeOf({ body: '{"id":"a","error":{"code":"x","message":"y"}}' })]).outcome).toBe('passed');
  const verdict = check([exchangeOf({ body: '{"id":"a","status":"running","status":"succeeded"}' })]);
  expect(verdict).toEqual({ outcome: 'failed', problems: [expect.stringContaining('the member name at $.status occurs more than once in its object') as unknown as string] });
});

test('without a discovered job the 200 cases are left out, as before', () => {
  expect(jsonBodiesCases(planContextOf([])).map((planned) => planned.title).filter((title) => title.includes('200'))).toEqual([]);
});
