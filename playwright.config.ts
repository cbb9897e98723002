import { defineConfig } from '@playwright/test';
import { READY_LINE_PATTERN } from './mock/defaults';
import { reporters } from './src/reporting/reporters';
import { runConfigurationOrExit } from './src/suite/run-config';

// Validated before anything starts: a bad variable gives one message and exit code 2, and no test runs.
const { suite, traffic } = runConfigurationOrExit();

export default defineConfig({
  testDir: './tests/conformance',
  outputDir: './test-results',
  // Tests of one file run in order in one worker, so identical GETs are sent once per worker.
  fullyParallel: false,
  // A conformance verdict must not hide flakiness.
  retries: 0,
  // ADT_WORKERS; 1 against a URL target by default, to stay under the Jobs API limit (~1 request/s).
  ...(traffic.workers === undefined ? {} : { workers: traffic.workers }),
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  // Console list, JUnit, Allure results and the conformance matrix (whose status, MUST failures only, counts).
  reporter: reporters(),
  globalSetup: './src/suite/global-setup.ts',
  webServer:
    suite.target.kind === 'bundled-mock'
      ? {
          name: 'mock',
          command: 'node --import tsx mock/main.ts --port 0 --host 127.0.0.1',
          // The named group becomes process.env.ADT_MOCK_URL in the runner, globalSetup and workers.
          wait: { stdout: READY_LINE_PATTERN },
          stdout: 'ignore',
          stderr: 'pipe',
          timeout: 30_000,
          gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
        }
      : undefined,
  use: { trace: 'off' },
});
