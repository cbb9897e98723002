import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './tests/conformance',
  fullyParallel: true,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'off' },
});
