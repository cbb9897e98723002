import { expect, test } from '@playwright/test';
import { apiVersionCases } from '../../../src/checks/api-version';
import type { Case } from '../../../src/engine/plan';
import { errorExchange, exchangeOf } from '../support/exchanges';
import { planContextOf } from '../support/plan-context';

const cases = apiVersionCases(planContextOf(['deletejob1']));

function caseTitled(start: string): Case {
  const found = cases.find((planned) => `${planned.requirementId} ${planned.title}`.startsWith(start));
  if (found === undefined) throw new Error(`no case starts with ${start}`);
  return found;
}

const accepted = exchangeOf({ status: 200, body: { id: 'deletejob1', status: 'succeeded' } });

test('the plan probes an existing job without, with an empty, an unsupported and near-miss api-versions', () => {
  expect(caseTitled('DJ-APIV-01 ').probes, 'without api-version omits the parameter').toEqual([
    { kind: 'getById', id: 'deletejob1', options: { apiVersion: null } },
  ]);
  expect(
    cases
      .filter((planned) => planned.title.includes('near-miss'))
      .map((planned) => planned.requirementId)
      .slice(0, 2),
    'each near miss is a MUST and a SHOULD',
  ).toEqual(['DJ-APIV-04', 'DJ-APIV-05']);
  expect(
    caseTitled('DJ-APIV-04 GetById with near-miss api-version 2023-11-01 (the next day)').probes,
    'a near miss of the run api-version',
  ).toEqual([{ kind: 'getById', id: 'deletejob1', options: { apiVersion: '2023-11-01' } }]);
  expect(caseTitled('DJ-404-02 ').probes.length, 'DJ-404-02 sends every rejected api-version').toBe(3 + 5);
});

for (const [start, code] of [
  ['DJ-APIV-01 GetById without api-version', 'MissingApiVersionParameter'],
  ['DJ-APIV-03 GetById with an empty api-version', 'InvalidApiVersionValue'],
  ['DJ-APIV-04 GetById with unsupported api-version', 'UnsupportedApiVersionValue'],
  ['DJ-APIV-04 GetById with near-miss api-version 2023-10-31x', 'UnsupportedApiVersionValue'],
] as const) {
  test(`${start}: a 400 ErrorResponse passes; a 200 or a 400 that is not an ErrorResponse fails`, () => {
    const planned = caseTitled(start);
    expect(planned.check([errorExchange(400, code)]).outcome, 'a 400 ErrorResponse').toBe('passed');
    const accepting = planned.check([accepted]);
    expect(accepting, 'an accepted request').toMatchObject({
      outcome: 'failed',
      problems: [expect.stringMatching(/must be rejected with 400; got 200$/)],
    });
    expect(planned.check([exchangeOf({ status: 400, body: { message: 'bad' } })]), 'a bare 400').toMatchObject({
      outcome: 'failed',
      problems: [expect.stringMatching(/^the 400 body must be an ErrorResponse/)],
    });
  });
}

test('DJ-APIV-01 states the requirement the proof looks for', () => {
  expect(caseTitled('DJ-APIV-01 ').check([accepted]), 'missing-api-version-accepted').toMatchObject({
    problems: [expect.stringMatching(/without api-version must be rejected with 400/)],
  });
});

for (const [start, code] of [
  ['DJ-APIV-02 GetById without api-version', 'MissingApiVersionParameter'],
  ['DJ-APIV-05 GetById with unsupported api-version', 'UnsupportedApiVersionValue'],
  ['DJ-APIV-05 GetById with near-miss api-version 20231031', 'UnsupportedApiVersionValue'],
] as const) {
  test(`${start}: error.code ${code} passes; another code fails; a 200 is the MUST's to report`, () => {
    const planned = caseTitled(start);
    expect(planned.check([errorExchange(400, code)]).outcome, 'the documented code').toBe('passed');
    expect(planned.check([errorExchange(400, 'BadRequest')]), 'another code').toMatchObject({
      outcome: 'failed',
      problems: [`error.code of the error response must be ${code}; got "BadRequest" where "${code}" was expected`],
    });
    expect(planned.check([accepted]), 'an accepted request').toMatchObject({
      outcome: 'not-applicable',
      reason: expect.stringMatching(/answered 200, not rejected with 400 \(DJ-APIV-0[14] reports it\)$/),
    });
  });
}

test('DJ-404-02 on the api-version errors: agreeing headers pass, a missing one fails (soft, naming the request), no error at all is not applicable', () => {
  const planned = caseTitled('DJ-404-02 ');
  const agreeing = planned.probes.map(() => errorExchange(400, 'UnsupportedApiVersionValue'));
  expect(planned.check(agreeing).outcome, 'every header agrees').toBe('passed');
  const withoutHeader = exchangeOf({
    status: 400,
    body: { error: { code: 'MissingApiVersionParameter', message: 'm' } },
    request: { url: 'http://127.0.0.1/jobs/deletions/deletejob1' },
  });
  expect(planned.check([withoutHeader, ...agreeing.slice(1)]), 'one without x-ms-error-code').toMatchObject({
    outcome: 'failed',
    problems: [
      'x-ms-error-code must be present and equal error.code on the 400 to GET /jobs/deletions/deletejob1; got no x-ms-error-code header (error.code in the body is "MissingApiVersionParameter")',
    ],
  });
  expect(planned.check(planned.probes.map(() => accepted)).outcome, 'nothing rejected').toBe('not-applicable');
});
