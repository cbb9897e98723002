import { join } from 'node:path';
import { expect, FIXTURE_CONFIG, isolatedEnv, runTs, test } from './harness';

test("--reporter list still gives Playwright's raw output, with its own failure details and exit code", async ({
  workDir,
}) => {
  const run = await runTs(
    'src/cli/conformance.ts',
    ['-c', FIXTURE_CONFIG, '--output', join(workDir, 'test-results'), '--reporter', 'list', 'must-failing'],
    isolatedEnv({ ADT_REPORTS_DIR: join(workDir, 'reports'), ADT_HTML_REPORT: 'off' }),
  );
  expect(run.code, `a failing test fails the raw run too\n${run.console}`).toBe(1);
  expect(run.stdout, "Playwright's list reporter ran").toMatch(/Running 1 test using 1 worker/);
  expect(run.stdout, 'with its full failure details').toContain('x-ms-error-code header of the 404');
  expect(run.stdout, "the suite's console reporter is replaced").not.toContain('Conformance run against');
  expect(run.stdout, 'no matrix summary without the matrix reporter').not.toContain('Run verdict:');
});

test('the default console starts with the target and auth mode and prints the failure once, as a block', async ({
  workDir,
}) => {
  const run = await runTs(
    'src/cli/conformance.ts',
    ['-c', FIXTURE_CONFIG, '--output', join(workDir, 'test-results'), 'must-failing'],
    isolatedEnv({ ADT_REPORTS_DIR: join(workDir, 'reports'), ADT_HTML_REPORT: 'off' }),
  );
  expect(run.code, `a failing MUST fails the run\n${run.console}`).toBe(1);
  expect(run.stdout.trimStart().split('\n')[0], 'first line').toBe(
    'Conformance run against bundled mock (auth: mock token, api-version 2023-10-31)',
  );
  expect(run.stdout, 'the failure block').toMatch(
    /^ {2}✘ DJ-404-02 MUST failed: x-ms-error-code header of the 404 \| Expected: "DeleteJobNotFound" \| Received: undefined$/m,
  );
  expect(run.stdout.match(/x-ms-error-code header of the 404/g), 'the defect is printed once').toHaveLength(1);
  expect(run.console, 'no stack excerpt').not.toMatch(/^\s+at /m);
});
