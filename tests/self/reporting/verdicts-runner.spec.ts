import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  expect,
  FIXTURE_CONFIG,
  isolatedEnv,
  readMatrix,
  row,
  runPlaywright,
  runTs,
  SUITE_CONFIG,
  test,
  type RunOutput,
} from './harness';

/**
 * The matrix reporter's verdicts and the run's exit code, produced by the real Playwright runner on the fixture
 * specs in fixtures/ (*.fixture.ts, which the self-test config does not pick up).
 */

function fixtureRun(
  workDir: string,
  files: string[],
  env: Record<string, string> = {},
  extraArgs: string[] = [],
): Promise<RunOutput> {
  const reports = join(workDir, 'reports');
  const args = ['-c', FIXTURE_CONFIG, '--output', join(workDir, 'test-results'), ...extraArgs, ...files];
  return runPlaywright(args, isolatedEnv({ ADT_REPORTS_DIR: reports, ...env }));
}

function conformanceRun(workDir: string, args: string[], env: Record<string, string> = {}): Promise<RunOutput> {
  return runTs(
    'src/cli/conformance.ts',
    ['-c', FIXTURE_CONFIG, '--output', join(workDir, 'test-results'), ...args],
    isolatedEnv({ ADT_REPORTS_DIR: join(workDir, 'reports'), ...env }),
  );
}

test('a failing SHOULD requirement is a warning and the run exits 0; a skipped test never counts as a pass', async ({
  workDir,
}) => {
  const run = await fixtureRun(workDir, ['passing', 'should-failing', 'skipped']);
  const matrix = readMatrix(join(workDir, 'reports'));

  expect(run.code, `exit code of a run whose only failure is a SHOULD requirement\n${run.console}`).toBe(0);
  expect(matrix.status, 'run verdict in the matrix').toBe('passed');
  expect(row(matrix, 'DJ-APIV-02').verdict, 'verdict of the failing SHOULD requirement').toBe('warning');
  expect(row(matrix, 'DJ-CASE-02').verdict, 'verdict of a requirement whose only test skipped').toBe('not applicable');
  expect(row(matrix, 'DJ-CASE-02').reason, 'not-applicable reason carries the skip reason').toContain(
    'no two job ids that differ only in case',
  );
  expect(row(matrix, 'DJ-200-03').reason, 'a passed requirement says its skipped test did not count').toContain(
    '1 skipped (not counted)',
  );
  expect(row(matrix, 'DJ-200-02').verdict, 'verdict of a requirement without a test in this run').toBe('not run');
  expect(run.stdout, 'the summary printed at the end').toMatch(/DJ-APIV-02\s+SHOULD\s+warning/);
  expect(run.stdout, 'the run verdict printed at the end').toContain('Run verdict: PASSED');
});

test('a failing MUST requirement fails the run with a non-zero exit code', async ({ workDir }) => {
  const run = await fixtureRun(workDir, ['passing', 'must-failing']);
  const matrix = readMatrix(join(workDir, 'reports'));

  expect(run.code, `exit code of a run with a MUST failure\n${run.console}`).not.toBe(0);
  expect(matrix.status, 'run verdict in the matrix').toBe('failed');
  expect(row(matrix, 'DJ-404-02').verdict, 'verdict of the failing MUST requirement').toBe('failed');
  expect(row(matrix, 'DJ-404-02').reason, 'the reason quotes the assertion message').toContain(
    'x-ms-error-code header of the 404',
  );
  expect(
    row(matrix, 'DJ-404-02').tests.map((t) => t.location),
    'the tests behind the requirement',
  ).toEqual([expect.stringContaining('must-failing.fixture.ts:3')]);
  expect(run.stdout, 'the run verdict printed at the end').toContain(
    'Run verdict: FAILED (MUST requirement(s) failed: DJ-404-02; selected tests only: 3 of ',
  );
});

test('npm run conformance: a known deviation does not fail the run and shows everywhere, a fixed one asks to be removed, --grep passes through', async ({
  workDir,
}) => {
  const deviations = join(workDir, 'deviations.json');
  writeFileSync(
    deviations,
    JSON.stringify({
      deviations: [
        { id: 'DJ-404-02', reason: 'live service omits the header', link: 'https://example.test/issues/1' },
        { id: 'DJ-200-01', reason: 'was broken once', link: 'https://example.test/issues/2' },
      ],
    }),
  );
  const run = await conformanceRun(workDir, ['--grep', '@DJ-404-02|@DJ-200-01', 'passing', 'must-failing'], {
    ADT_KNOWN_DEVIATIONS: deviations,
  });
  const reports = join(workDir, 'reports');
  const matrix = readMatrix(reports);

  expect(run.code, `exit code when the only MUST failure is a known deviation\n${run.console}`).toBe(0);
  expect(row(matrix, 'DJ-404-02').verdict, 'verdict of the listed, failing requirement').toBe('known deviation');
  expect(row(matrix, 'DJ-404-02').reason, 'the reason and link of the deviation').toContain(
    'live service omits the header (https://example.test/issues/1)',
  );
  expect(row(matrix, 'DJ-200-01').verdict, 'verdict of the listed requirement that passes').toBe('deviation fixed');
  expect(run.stdout, 'console summary of the known deviation').toMatch(/DJ-404-02\s+MUST\s+known deviation/);
  expect(run.stdout, "the known deviation's block names the accepted reason").toContain(
    '      accepted as a known deviation: live service omits the header (https://example.test/issues/1)',
  );
  expect(run.stdout, 'notice for the fixed deviation').toContain(
    `Known deviation DJ-200-01 now passes: remove it from ${deviations}`,
  );
  expect(readFileSync(join(reports, 'conformance-matrix.md'), 'utf8'), 'Markdown matrix row').toMatch(
    /\| DJ-404-02 \| MUST \|.*known deviation/,
  );
  expect(row(matrix, 'DJ-200-03').verdict, 'a requirement filtered out by --grep').toBe('not run');
  expect(run.stdout.trimEnd().split('\n').at(-1), 'the run verdict is printed last').toContain('Run verdict: PASSED');

  const resultsDir = join(reports, 'allure-results');
  const results = readdirSync(resultsDir)
    .filter((f) => f.endsWith('-result.json'))
    .map(
      (f) =>
        JSON.parse(readFileSync(join(resultsDir, f), 'utf8')) as {
          name: string;
          status: string;
          labels: { name: string; value: string }[];
          statusDetails?: { known?: boolean };
        },
    );
  const deviating = results.find((r) => r.name.startsWith('DJ-404-02'));
  expect(deviating?.status, 'Allure keeps the honest status of the deviating test').toBe('failed');
  expect(deviating?.statusDetails?.known, 'Allure marks the deviating test as known').toBe(true);
  expect(deviating?.labels, 'Allure labels of the deviating test').toEqual(
    expect.arrayContaining([
      { name: 'knownDeviation', value: 'DJ-404-02: live service omits the header' },
      { name: 'tag', value: 'known-deviation' },
    ]),
  );
  expect(existsSync(join(reports, 'allure-report', 'index.html')), 'the HTML report is generated').toBe(true);
});

test('a failing test that names no requirement fails the run', async ({ workDir }) => {
  const run = await fixtureRun(workDir, ['passing', 'untagged-failing']);
  const matrix = readMatrix(join(workDir, 'reports'));

  expect(run.code, `exit code when a test outside the catalogue fails\n${run.console}`).not.toBe(0);
  expect(matrix.runErrors.join('\n'), 'run errors name the test').toContain('a helper check without a requirement tag');
  expect(run.stdout, 'the console shows the error outside the requirements').toContain(
    'ERROR outside the requirements',
  );
});

test('a global setup error fails the run and leaves every requirement not run', async ({ workDir }) => {
  const run = await fixtureRun(workDir, ['passing'], {
    FIXTURE_GLOBAL_SETUP_ERROR: 'target unreachable: ECONNREFUSED',
  });
  const matrix = readMatrix(join(workDir, 'reports'));

  expect(run.code, `exit code after a global setup error\n${run.console}`).not.toBe(0);
  expect(matrix.runErrors.join('\n'), 'run errors carry the setup error').toContain('target unreachable: ECONNREFUSED');
  expect(matrix.counts['not run'], 'requirements not run').toBe(matrix.requirements.length);
});

test('an invalid known-deviations file stops the run with one message and exit code 2', async ({ workDir }) => {
  const deviations = join(workDir, 'bad-deviations.json');
  writeFileSync(
    deviations,
    JSON.stringify({
      deviations: [
        { id: 'DJ-NOPE-01', reason: 'x', link: 'https://example.test' },
        { id: 'DJ-404-02', link: 'https://example.test' },
      ],
    }),
  );
  const run = await conformanceRun(workDir, ['passing'], { ADT_KNOWN_DEVIATIONS: deviations });

  expect(run.code, 'exit code of a configuration error').toBe(2);
  expect(run.stderr, 'the message names the file').toContain(deviations);
  expect(run.stderr, 'the message names the unknown id').toContain('"DJ-NOPE-01"');
  expect(run.stderr, 'the message names the missing reason').toContain('deviations[1] (DJ-404-02) has no "reason"');
  expect(run.console, 'no test ran').not.toContain('Running');
  expect(run.console, 'no stack trace').not.toMatch(/^\s+at /m);
});

test("the suite's configuration error passes through: exit 2, one message, no report noise", async ({ workDir }) => {
  const run = await runTs(
    'src/cli/conformance.ts',
    ['-c', SUITE_CONFIG, '--output', join(workDir, 'test-results')],
    isolatedEnv({ ADT_REPORTS_DIR: join(workDir, 'reports'), ADT_AUTH: 'sometimes' }),
  );

  expect(run.code, `exit code of a configuration error\n${run.console}`).toBe(2);
  expect(run.console, 'the configuration message').toContain('ADT_AUTH');
  expect(run.console, 'no matrix after a configuration error').not.toContain('Conformance matrix');
  expect(run.console, 'no stack trace').not.toMatch(/^\s+at /m);
});
