import { expect, test } from '@playwright/test';

// npm run bench also runs the floor at the suite's size: as many of these trivial tests as the suite has.
const FLOOR_TESTS = Number(process.env.BENCH_FLOOR_TESTS ?? '1');

for (let index = 1; index <= FLOOR_TESTS; index++) {
  test(`floor ${index}: the bundled mock answers its health check`, async ({ request }) => {
    const response = await request.get(`${process.env.ADT_MOCK_URL ?? ''}/healthz`);
    expect(response.status(), 'the mock started by the webServer answers /healthz').toBe(200);
  });
}
