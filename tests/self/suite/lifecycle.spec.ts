import { expect, test } from '@playwright/test';
import type { Exchange } from '../../../src/suite/http/client';
import { isForwardMove, sameJobViews } from '../../../src/suite/lifecycle';

function answer(body: unknown, status = 200): Exchange {
  return { status, bodyText: JSON.stringify(body) } as Exchange;
}

test('a job moves only forward: notstarted → running → succeeded or failed, and a finished job stays', () => {
  expect(isForwardMove('notstarted', 'running'), 'notstarted to running').toBe(true);
  expect(isForwardMove('running', 'failed'), 'running to failed').toBe(true);
  expect(isForwardMove('succeeded', 'succeeded'), 'unchanged').toBe(true);
  expect(isForwardMove('running', 'notstarted'), 'back to notstarted').toBe(false);
  expect(isForwardMove('succeeded', 'failed'), 'a finished job changing its outcome').toBe(false);
  expect(isForwardMove('running', 'Running'), 'an unknown status').toBe(false);
});

test('two reads of a finished job compare whole bodies; a job still running compares only what cannot change', () => {
  const done = { id: 'a', status: 'succeeded', createdDateTime: 'c', finishedDateTime: 'f', purgeDateTime: 'p' };
  const [first, second] = sameJobViews(answer(done), answer({ ...done, purgeDateTime: 'other' }));
  expect(second, 'a finished job whose body changed').not.toEqual(first);

  const running = { id: 'a', status: 'running', createdDateTime: 'c', purgeDateTime: 'p' };
  const [before, after] = sameJobViews(
    answer(running),
    answer({ ...running, status: 'succeeded', finishedDateTime: 'f', purgeDateTime: 'q' }),
  );
  expect(after, 'a job that finished between the reads').toEqual(before);
  const [was, is] = sameJobViews(answer(running), answer({ ...running, createdDateTime: 'other' }));
  expect(is, 'createdDateTime never changes').not.toEqual(was);
  const [ok, rejected] = sameJobViews(answer(running), answer({ error: { code: 'X' } }, 400));
  expect(rejected, 'a rejected request is not the same answer').not.toEqual(ok);
});
