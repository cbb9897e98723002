import { expect, test } from '@playwright/test';
import { jsonBodiesCases } from '../../../src/checks/json-bodies';
import type { Case } from '../../../src/engine/plan';
import { exchangeOf } from '../support/exchanges';
import { planContextOf, SUCCEEDED_JOB } from '../support/plan-context';

const cases = jsonBodiesCases(planContextOf([SUCCEEDED_JOB]));

function caseOf(id: string): Case {
  const found = cases.find((planned) => planned.requirementId === id);
  if (found === undefined) throw new Error(`no case for ${id}`);
  return found;
}

const GOOD = [
  exchangeOf({ body: { value: [] } }),
  exchangeOf({ body: { id: 'deletejob1' } }),
  exchangeOf({ status: 404, body: { error: { code: 'DeleteJobNotFound' } } }),
  exchangeOf({ status: 400, body: { error: { code: 'MissingApiVersionParameter' } } }),
];

test('DJ-JSON-01/02 are one test each over a List page, a 200, a 404 and a 400, in that order', () => {
  expect(
    cases.map((planned) => planned.requirementId),
    'one case per requirement',
  ).toEqual(['DJ-JSON-01', 'DJ-JSON-02']);
  expect(caseOf('DJ-JSON-01').title, 'the title names the responses').toBe(
    'a List page, a 200, a 404 and a 400: each body is exactly one JSON value with a JSON content type',
  );
  expect(caseOf('DJ-JSON-01').probes[3], 'the 400 is asked for without api-version').toEqual({
    kind: 'getById',
    id: 'conformance-no-such-delete-job',
    options: { apiVersion: null },
  });
  expect(
    cases.every((planned) => planned.job === undefined),
    'DJ-JSON tests carry no job annotation',
  ).toBe(true);
});

test('DJ-JSON-01 passes labelled JSON values and fails, naming the response, a byte order mark, trailing bytes or a wrong content type', () => {
  const { check } = caseOf('DJ-JSON-01');
  expect(check(GOOD).outcome, 'four well-framed responses').toBe('passed');
  for (const [what, exchange] of [
    ['a byte order mark', exchangeOf({ body: '\uFEFF{"value":[]}' })],
    ['trailing bytes', exchangeOf({ body: '{"value":[]}{}' })],
    ['text/plain', exchangeOf({ body: { value: [] }, headers: { 'content-type': 'text/plain' } })],
  ] as const) {
    const verdict = check([exchange, ...GOOD.slice(1)]);
    expect(verdict.outcome, what).toBe('failed');
    expect(verdict.outcome === 'failed' ? verdict.problems : [], what).toEqual([
      expect.stringMatching(
        /^the first List page: the 200 body must be one JSON value \(RFC 8259\) labelled application\/json; got /,
      ),
    ]);
  }
});

test('DJ-JSON-02 passes distinct member names and fails a name repeated in one object', () => {
  const { check } = caseOf('DJ-JSON-02');
  expect(check(GOOD).outcome, 'no repeated names').toBe('passed');
  const verdict = check([
    GOOD[0] ?? exchangeOf(),
    exchangeOf({ body: '{"id":"a","status":"running","status":"succeeded"}' }),
    ...GOOD.slice(2),
  ]);
  expect(verdict, 'the repeated status of the 200').toEqual({
    outcome: 'failed',
    problems: [
      expect.stringContaining('the member name at $.status occurs more than once in its object') as unknown as string,
    ],
  });
});

test('without a discovered job the 200 is left out, as before', () => {
  expect(jsonBodiesCases(planContextOf([]))[0]?.probes.length, 'three responses without a job').toBe(3);
});
