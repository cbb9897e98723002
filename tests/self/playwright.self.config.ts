import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  // Playwright's default is half the cores: one worker on the 2-core machines we run on. Most self tests wait on
  // a child process (a nested suite run, a mock), so two workers overlap those waits.
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  timeout: 60_000,
  use: { trace: 'off' },
});
