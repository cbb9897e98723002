import { cpus } from 'node:os';
import { expect, test } from '@playwright/test';
import { inPool, spareCore } from '../../../src/cli/pool';

/** Work that records how many items were in flight at once. */
function tracked(): { work: (item: number) => Promise<number>; peak: () => number } {
  let inFlight = 0;
  let peak = 0;
  return {
    work: async (item) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight -= 1;
      return item * 10;
    },
    peak: () => peak,
  };
}

test("inPool keeps the items' order and runs up to the limit at once", async () => {
  const { work, peak } = tracked();
  expect(await inPool([1, 2, 3, 4, 5], 3, work), 'results in item order').toEqual([10, 20, 30, 40, 50]);
  expect(peak(), 'three at a time').toBe(3);
});

test('inPool starts a run beyond the first only when there is room, and asks again while it waits', async () => {
  const { work, peak } = tracked();
  let asked = 0;
  const results = await inPool([1, 2, 3, 4], 2, work, {
    room: () => {
      asked += 1;
      return false;
    },
    pollMs: 5,
  });
  expect(results, 'every item still runs').toEqual([10, 20, 30, 40]);
  expect(peak(), 'never a second at once while the machine is busy').toBe(1);
  expect(asked, 'the waiting lane asked again and again').toBeGreaterThan(1);

  const free = tracked();
  await inPool([1, 2, 3, 4], 2, free.work, { room: () => true, pollMs: 5 });
  expect(free.peak(), 'two at once when there is room').toBe(2);
});

test('spareCore measures idle time since it was last asked: a core kept busy here is not idle', () => {
  const cores = cpus().length;
  const everyCoreIdle = spareCore(cores);
  const busyUntil = Date.now() + 300;
  while (Date.now() < busyUntil) Math.sqrt(Math.random());
  expect(everyCoreIdle(), 'this process kept a core busy for 300 ms, so not every core was idle').toBe(false);
  expect(spareCore(cores + 1)(), 'more idle cores than the machine has').toBe(false);
});
