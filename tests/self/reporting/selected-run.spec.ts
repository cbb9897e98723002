import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { HarFile } from '../../../mock/replay/har-format';
import { MATRIX_MD } from '../../../src/reporting/matrix-output';
import { REQUIREMENTS } from '../../../src/requirements';
import { expect, isolatedEnv, readMatrix, runPlaywright, runTs, SUITE_CONFIG, test } from './harness';

/**
 * A run of chosen tests (`--grep`, one shard) is PASSED only with "selected tests only" in every output; the shards
 * of a whole split, merged, are a complete run again. A run that stops before any test says why, then one verdict line.
 */

test.describe.configure({ mode: 'parallel' });

const TOTAL = REQUIREMENTS.length;
/** The requirements --grep @DJ-404 selects. */
const NOT_FOUND_COUNT = REQUIREMENTS.filter((r) => r.id.startsWith('DJ-404-')).length;
const PASSING_CONFIG = join(__dirname, 'fixtures', 'playwright.passing.fixture.config.ts');

const lastLine = (text: string): string | undefined => text.trimEnd().split('\n').at(-1);
const junitVerdict = (reportsDir: string): string | undefined =>
  /<property name="run verdict" value="([^"]+)"\/>/.exec(readFileSync(join(reportsDir, 'junit.xml'), 'utf8'))?.[1];

test('npm run conformance -- --grep @DJ-404 passes with "selected tests only" in the console, the matrix, JUnit and the recording', async ({
  workDir,
}) => {
  test.setTimeout(240_000);
  const reportsDir = join(workDir, 'reports');
  const run = await runTs(
    'src/cli/conformance.ts',
    ['-c', SUITE_CONFIG, '--output', join(workDir, 'test-results'), '--grep', '@DJ-404'],
    isolatedEnv({ ADT_REPORTS_DIR: reportsDir, ADT_HTML_REPORT: 'off' }),
  );
  const matrix = readMatrix(reportsDir);
  const qualified = `PASSED (selected tests only: ${NOT_FOUND_COUNT} of ${TOTAL} requirements run`;

  expect(run.code, `a selected run where nothing failed exits 0 (docs/reports.md)\n${run.console.slice(-3000)}`).toBe(
    0,
  );
  expect(lastLine(run.stdout), 'the console verdict, printed last').toBe(
    `  Run verdict: ${qualified}, chosen by --grep @DJ-404; no MUST requirement among them failed)`,
  );
  expect(run.stdout, 'the requirements left out say why').toMatch(
    /not run \(not selected by --grep @DJ-404\): DJ-200-01, /,
  );
  expect(matrix.selection, 'the matrix says what was selected').toEqual({
    by: ['--grep @DJ-404'],
    requirementsRun: NOT_FOUND_COUNT,
    requirementsTotal: TOTAL,
  });
  expect(readFileSync(join(reportsDir, MATRIX_MD), 'utf8'), 'the Markdown matrix').toContain(
    `**Run verdict: ${qualified}, chosen by --grep @DJ-404;`,
  );
  expect(junitVerdict(reportsDir), 'the JUnit run verdict').toBe(
    `PASSED (selected tests only: ${NOT_FOUND_COUNT} of ${TOTAL} requirements run)`,
  );
  const har = JSON.parse(readFileSync(join(reportsDir, 'exchanges.har'), 'utf8')) as HarFile;
  expect(har.log._adt.verdict, "the recording's run verdict").toContain(qualified);
});

test('one shard alone is a selected run; the merged shards of a whole split say PASSED unqualified', async ({
  workDir,
}) => {
  test.setTimeout(240_000);
  const shards = await Promise.all(
    [1, 2].map((current) => {
      const reportsDir = join(workDir, `machine-${current}`, 'reports');
      // A shard may hold only the fixtures' skipped test (INCOMPLETE on its own); merged, a test of the same requirement passes.
      return runPlaywright(
        [
          '-c',
          PASSING_CONFIG,
          '--output',
          join(workDir, `machine-${current}`, 'test-results'),
          '--shard',
          `${current}/2`,
        ],
        isolatedEnv({ ADT_REPORTS_DIR: reportsDir, ADT_ACCEPT_INCOMPLETE: '1' }),
      ).then((run) => ({ run, matrix: readMatrix(reportsDir), reportsDir }));
    }),
  );
  for (const [index, { run, matrix, reportsDir }] of shards.entries()) {
    expect(run.code, `shard ${index + 1} exits 0\n${run.console}`).toBe(0);
    expect(matrix.selection?.by, `what chose shard ${index + 1}'s tests`).toEqual([`--shard ${index + 1}/2`]);
    expect(lastLine(run.stdout), `shard ${index + 1}'s console verdict`).toMatch(
      /Run verdict: (PASSED|INCOMPLETE) \(.*selected tests only: \d+ of \d+ requirements run, chosen by --shard \d\/2/,
    );
    expect(junitVerdict(reportsDir), `shard ${index + 1}'s JUnit verdict`).toMatch(
      /^(PASSED|INCOMPLETE) \(selected tests only: /,
    );
  }

  const merged = join(workDir, 'merged');
  const merge = await runTs(
    'src/cli/report.ts',
    ['--merge', join(workDir, 'machine-1'), join(workDir, 'machine-2'), '--no-serve'],
    isolatedEnv({ ADT_REPORTS_DIR: merged }),
  );
  expect(merge.code, `exit code of the merge\n${merge.console}`).toBe(0);
  expect(readMatrix(merged).selection, 'every shard merged: every test of the suite was selected').toBeNull();
  expect(lastLine(merge.stdout), 'the merged verdict').toBe(
    '  Run verdict: PASSED (no MUST requirement failed and every MUST requirement a complete run checks was checked)',
  );
  const summary = JSON.parse(readFileSync(join(merged, 'allure-report', 'summary.json'), 'utf8')) as { name: string };
  expect(summary.name, "the merged Allure report's title").toMatch(/: PASSED$/);
});

/** A loopback port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  await new Promise((closed) => server.close(closed));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

test('a target nobody answers on: the reason, then one verdict line; the reports are still written', async ({
  workDir,
}) => {
  const reportsDir = join(workDir, 'reports');
  const port = await closedPort();
  const run = await runTs(
    'src/cli/conformance.ts',
    ['-c', SUITE_CONFIG, '--output', join(workDir, 'test-results')],
    isolatedEnv({
      ADT_REPORTS_DIR: reportsDir,
      ADT_HTML_REPORT: 'off',
      AZURE_DIGITALTWINS_URL: `http://127.0.0.1:${port}`,
      ADT_AUTH: 'none',
    }),
  );
  const lines = run.console.split('\n').filter((line) => line.trim() !== '');

  expect(run.code, `exit code of a run against an unusable target\n${run.console}`).toBe(1);
  expect(lastLine(run.stdout), 'the verdict line').toBe(
    `  Run verdict: FAILED (target unusable: the connection to http://127.0.0.1:${port} was refused (ECONNREFUSED))`,
  );
  expect(run.console, 'the one-paragraph reason with its fix').toMatch(
    /Conformance run stopped before any test\.\nPreflight: [^\n]*Fix: /,
  );
  expect(lines, 'what is printed: the target, the reason (two lines), the verdict').toHaveLength(4);
  expect(junitVerdict(reportsDir), 'JUnit is written for CI').toBe('FAILED');
  expect(readMatrix(reportsDir).statusReason, 'the matrix is written for CI').toBe(
    `target unusable: the connection to http://127.0.0.1:${port} was refused (ECONNREFUSED)`,
  );
});
