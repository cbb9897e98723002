import { expect, test } from '@playwright/test';

test('floor: the bundled mock answers its health check', async ({ request }) => {
  const response = await request.get(`${process.env.ADT_MOCK_URL ?? ''}/healthz`);
  expect(response.status(), 'the mock started by the webServer answers /healthz').toBe(200);
});
