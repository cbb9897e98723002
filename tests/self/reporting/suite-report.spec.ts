import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { RunRecord } from '../../../src/reporting/run-record';
import { serveDirectory } from '../../../src/reporting/static-server';
import { expect, isolatedEnv, makeWorkDir, readMatrix, row, runTs, startMock, SUITE_CONFIG, test, type RunOutput } from './harness';

/**
 * The real conformance suite, run once per worker against the mock started with a known fake token and a defect
 * (ids match case-insensitively, so DJ-CASE-01 fails). Both checks below read what that run left behind.
 */
interface SuiteRun {
  token: string;
  workDir: string;
  reportsDir: string;
  run: RunOutput;
}

const reportTest = test.extend<object, { suiteRun: SuiteRun }>({
  suiteRun: [
    async ({ keepOutput }, use) => {
      const token = `fake-self-test-token-${randomBytes(12).toString('hex')}`;
      const workDir = makeWorkDir();
      const reportsDir = join(workDir, 'reports');
      const mock = await startMock({ token, quirks: ['case-insensitive-ids'] });
      try {
        const run = await runTs(
          'src/cli/conformance.ts',
          ['-c', SUITE_CONFIG, '--output', join(workDir, 'test-results')],
          isolatedEnv({ ADT_REPORTS_DIR: reportsDir, AZURE_DIGITALTWINS_URL: mock.url, ADT_AUTH: 'token', ADT_ACCESS_TOKEN: token }),
        );
        await use({ token, workDir, reportsDir, run });
      } finally {
        await mock.close();
        if (!keepOutput) rmSync(workDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 280_000 },
  ],
});

// Both tests share the worker's run: keep them in one worker, without serial mode's skip-on-failure.
reportTest.describe.configure({ mode: 'default' });

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

reportTest('no secret leaks: the token is nowhere under reports/, test-results/ or in the console output', ({ suiteRun }) => {
  const { token, workDir, run } = suiteRun;
  const matrix = readMatrix(suiteRun.reportsDir);
  expect(row(matrix, 'DJ-200-01').verdict, `the run authenticated with the token (otherwise this check proves nothing)\n${run.console}`).toBe('passed');

  const files = allFiles(workDir);
  expect(files.length, 'files written by the run').toBeGreaterThan(50);
  const forms = [token, Buffer.from(token).toString('base64'), encodeURIComponent(token)];
  const containsToken = (content: Buffer): boolean => forms.some((form) => content.includes(form));
  expect(containsToken(Buffer.from(`header: Bearer ${token}\n`)), 'the search finds a planted copy of the token').toBe(true);
  const leaks = files.filter((file) => containsToken(readFileSync(file)));
  expect(leaks, 'files containing the token').toEqual([]);
  expect(containsToken(Buffer.from(run.console)), 'the console output contains the token').toBe(false);

  const evidence = files.filter((f) => f.includes('allure-results') && f.endsWith('-attachment.txt')).map((f) => readFileSync(f, 'utf8'));
  expect(evidence.some((text) => /^authorization: .*<redacted>/im.test(text)), 'evidence shows the Authorization header, redacted').toBe(true);
});

reportTest('the generated Allure report renders in Chromium with the test count, a failed requirement and attachments', async ({ suiteRun }) => {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium is needed for the report check but ${executablePath} does not exist. Install it with \`apt-get install chromium\` (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium binary.`);
  }
  const { reportsDir, run } = suiteRun;
  expect(run.code, `the run with a MUST defect exits non-zero\n${run.console}`).not.toBe(0);
  const record = JSON.parse(readFileSync(join(reportsDir, 'matrix-parts', 'run.json'), 'utf8')) as RunRecord;
  const reportDir = join(reportsDir, 'allure-report');
  expect(existsSync(join(reportDir, 'index.html')), `the HTML report exists\n${run.console}`).toBe(true);

  const server = await serveDirectory(reportDir);
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(server.url);

    const total = page.getByTestId('metadata-item-total').getByTestId('metadata-value');
    await expect(total, 'rendered test count equals the tests the run executed').toHaveText(String(record.tests.length));
    await expect(page.getByTestId('metadata-item-failed'), 'rendered failed counter').toBeVisible();
    await expect(page.getByText('Target', { exact: true }), 'environment widget').toBeVisible();

    await page.getByTestId('search-input').fill('DJ-CASE-01');
    const failedLeaf = page.getByTestId('tree-leaf').filter({ hasText: 'DJ-CASE-01' }).filter({ has: page.getByTestId('tree-leaf-status-failed') });
    await expect(failedLeaf.first(), 'the DJ-CASE-01 test shows as failed').toBeVisible();

    await failedLeaf.first().click();
    await expect(page.getByTestId('test-result-status-failed'), 'the test result page shows the failure').toBeVisible();
    await expect(page.getByText('Contract violations (MUST)'), 'the failure is categorised as a contract violation').toBeVisible();
    await page.getByTestId('test-result-tab-attachments').click();
    const attachments = page.getByTestId('test-result-attachment-header');
    await expect(attachments.filter({ hasText: /HTTP GET/ }).first(), 'HTTP evidence attachments are listed').toBeVisible();
  } finally {
    await browser.close();
    await server.close();
  }
});
