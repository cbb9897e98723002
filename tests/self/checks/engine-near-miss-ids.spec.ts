import { expect, test } from '@playwright/test';
import { nearMissIdsCases } from '../../../src/checks/near-miss-ids';
import { errorExchange, exchangeOf } from '../support/exchanges';
import { planContextOf } from '../support/plan-context';

test('the plan probes near misses of the first job only; without a job or without a near miss DJ-404-05 is not applicable', () => {
  const cases = nearMissIdsCases(planContextOf(['deletejob1', 'other']));
  expect(
    cases.map((planned) => planned.probes),
    'one GetById per near miss, then all of them for DJ-404-02',
  ).toEqual([
    ...['deletejob', 'delet', 'd', 'deletejob10', 'deletejob0'].map((id) => [
      { kind: 'getById', id: 'conformance-no-such-delete-job' },
      { kind: 'getById', id },
    ]),
    ['deletejob', 'delet', 'd', 'deletejob10', 'deletejob0'].map((id) => ({ kind: 'getById', id })),
  ]);
  const [none] = nearMissIdsCases(planContextOf([]));
  expect(none, 'no job').toMatchObject({
    requirementId: 'DJ-404-05',
    title: 'an id one step away from an existing id answers 404 DeleteJobNotFound (not applicable)',
    probes: [],
  });
  const crowded = ['a', ...['0', '1', 'x', 'y', '-', '_'].flatMap((character) => [`a${character}`, character])];
  expect(nearMissIdsCases(planContextOf(crowded)), 'every near miss of "a" exists').toMatchObject([
    {
      title: 'near-miss ids answer 404 [a · succeeded] (not applicable)',
      notApplicable: 'every near miss of the id is itself an existing id',
    },
  ]);
});

test('DJ-404-05: answered as the unknown id is passes; a 200 (prefix matching) or another code fails', () => {
  const [planned] = nearMissIdsCases(planContextOf(['deletejob1']));
  if (planned === undefined) throw new Error('no case');
  const unknown = errorExchange(404, 'DeleteJobNotFound');
  expect(planned.check([unknown, errorExchange(404, 'DeleteJobNotFound')]).outcome, 'rejected').toBe('passed');
  expect(
    planned.check([unknown, exchangeOf({ status: 200, body: { id: 'deletejob1' } })]),
    'prefix matched',
  ).toMatchObject({
    outcome: 'failed',
    problems: [
      '"deletejob" is one step away from the existing id "deletejob1" and is not a job: it must answer 404; got 200',
    ],
  });
  expect(planned.check([unknown, errorExchange(404, 'JobNotFound')]), 'another code').toMatchObject({
    outcome: 'failed',
    problems: [
      expect.stringMatching(
        /^the near miss must be answered as the unknown id "conformance-no-such-delete-job" is, with error\.code DeleteJobNotFound/,
      ),
    ],
  });
});

test('DJ-404-02 on the near-miss 404s: agreeing headers pass, a mismatch fails, no error reply is not applicable', () => {
  const planned = nearMissIdsCases(planContextOf(['deletejob1'])).at(-1);
  if (planned === undefined) throw new Error('no case');
  expect(planned.requirementId, 'the last case').toBe('DJ-404-02');
  expect(planned.check([errorExchange(404, 'DeleteJobNotFound')]).outcome, 'agreeing').toBe('passed');
  const mismatch = exchangeOf({
    status: 404,
    headers: { 'x-ms-error-code': 'NotFound' },
    body: { error: { code: 'DeleteJobNotFound', message: 'm' } },
  });
  expect(planned.check([mismatch]), 'mismatch').toMatchObject({
    outcome: 'failed',
    problems: [
      expect.stringMatching(/x-ms-error-code "NotFound" while error.code in the body is "DeleteJobNotFound"$/),
    ],
  });
  expect(planned.check([exchangeOf({ status: 200, body: {} })]).outcome, 'nothing rejected').toBe('not-applicable');
});
