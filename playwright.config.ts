import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { MOCK_ENV, READY_LINE_PATTERN } from './mock/contract';
import { ciValue, exitOnConfigError, loadConfig, SUITE_TEST_TIMEOUT_MS } from './src/config';
import { reporters } from './src/reporting/reporters';
import { RUN_LEVEL_PROJECT, runLevelSelection } from './src/reporting/selection';
import { TYPESCRIPT_NODE_ARGS } from './src/cli/spawn-suite';
import { acquireRunLock, exitWhenBusy, playwrightRunWrites } from './src/cli/run-lock';
import { codeFile } from './src/package-root';

// Validated before anything starts: a bad variable gives one message and exit code 2, and no test runs.
const suite = exitOnConfigError(loadConfig);
const RUN_LEVEL_SPEC = /run-level\.spec\.[jt]s$/;
const writes = playwrightRunWrites(process.argv);
// One run per reports folder (src/cli/run-lock.ts), taken by the runner before it clears or starts anything; its
// workers load this file too. npm run conformance holds the lock itself and hands the run a private folder.
if (process.env.TEST_WORKER_INDEX === undefined && (writes.reports || writes.testResults)) {
  exitWhenBusy(() => acquireRunLock(suite.reports.dir, 'npx playwright test'));
}

export default defineConfig({
  testDir: './tests/conformance',
  // Beside the reports: a run in another ADT_REPORTS_DIR shares nothing with this one, not even the discovery file.
  outputDir: join(suite.reports.dir, 'test-results'),
  // Tests of one file run in order in one worker, so identical GETs are sent once per worker.
  fullyParallel: false,
  // A conformance verdict must not hide flakiness.
  retries: 0,
  // ADT_WORKERS; 1 against a URL target by default, to stay under the Jobs API limit (~1 request/s).
  ...(suite.traffic.workers === undefined ? {} : { workers: suite.traffic.workers }),
  forbidOnly: ciValue('CI') !== undefined,
  timeout: SUITE_TEST_TIMEOUT_MS,
  // Console list, JUnit, Allure results and the conformance matrix (whose status, MUST failures only, counts).
  // --list: Playwright's listing of the titles, and nothing written (the reporters below would rewrite reports/).
  reporter: writes.listing ? [['list']] : reporters(suite),
  globalSetup: codeFile('src/suite/global-setup.ts'),
  // The bundled mock, or for a replay (src/config/replay.ts) the mock serving the recording.
  webServer:
    suite.target.kind === 'bundled-mock' || suite.replay
      ? {
          name: suite.replay ? 'replay' : 'mock',
          command: [
            'node',
            ...TYPESCRIPT_NODE_ARGS,
            JSON.stringify(codeFile('mock/main.ts')),
            '--port',
            '0',
            '--host',
            '127.0.0.1',
          ].join(' '),
          env: { [MOCK_ENV.replay]: suite.replay?.file ?? '' },
          // The named group becomes process.env.ADT_MOCK_URL in the runner, globalSetup and workers.
          wait: { stdout: READY_LINE_PATTERN },
          stdout: 'ignore',
          stderr: 'pipe',
          timeout: 30_000,
          gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
        }
      : undefined,
  use: { trace: 'off' },
  // The run-level requirements judge the whole run's exchanges, so they run after every other test: as the
  // teardown of the conformance project, which Playwright runs even when tests before it failed (and whatever the
  // command line selected, so the project applies that selection itself).
  projects: [
    { name: 'conformance', testIgnore: RUN_LEVEL_SPEC, teardown: RUN_LEVEL_PROJECT },
    { name: RUN_LEVEL_PROJECT, testMatch: RUN_LEVEL_SPEC, ...runLevelSelection(process.argv) },
  ],
});
