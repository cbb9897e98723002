import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { RunRecord } from '../../../src/reporting/run-record';
import type { Matrix } from '../../../src/reporting/verdicts';
import { serveDirectory } from '../../../src/reporting/static-server';
import {
  expect,
  isolatedEnv,
  KEEP_OUTPUT,
  makeWorkDir,
  readMatrix,
  REPO_ROOT,
  row,
  runTs,
  startMock,
  SUITE_CONFIG,
  test,
  type RunOutput,
} from './harness';
import { developmentSettings } from '../../../src/config';

/**
 * The real conformance suite, run once per worker against the mock started with a known fake token and a defect:
 * an id one character short of an existing one answers 200, so DJ-404-05 fails, in a few tests (each failed test
 * costs a fresh Playwright worker, and the console check needs more than one). The checks below read what that run
 * left behind.
 */
const DEFECT = { quirk: 'near-miss-id-prefix', requirement: 'DJ-404-05' } as const;

interface SuiteRun {
  token: string;
  workDir: string;
  reportsDir: string;
  run: RunOutput;
}

const reportTest = test.extend<object, { suiteRun: SuiteRun; reportBrowser: Browser }>({
  // One Chromium for the worker's report checks: each launch costs a second or two of CPU.
  reportBrowser: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this destructuring: none.
    async ({}, use) => {
      const browser = await chromium.launch({
        executablePath: chromiumPath(),
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  suiteRun: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this destructuring: none.
    async ({}, use) => {
      const token = `fake-self-test-token-${randomBytes(12).toString('hex')}`;
      const workDir = makeWorkDir();
      const reportsDir = join(workDir, 'reports');
      const mock = await startMock({ token, quirks: [DEFECT.quirk] });
      try {
        const run = await runTs(
          'src/cli/conformance.ts',
          ['-c', SUITE_CONFIG, '--output', join(workDir, 'test-results')],
          isolatedEnv({
            ADT_REPORTS_DIR: reportsDir,
            AZURE_DIGITALTWINS_URL: mock.url,
            ADT_AUTH: 'token',
            ADT_ACCESS_TOKEN: token,
          }),
        );
        await use({ token, workDir, reportsDir, run });
      } finally {
        await mock.close();
        if (!KEEP_OUTPUT) rmSync(workDir, { recursive: true, force: true });
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

reportTest(
  'no secret leaks: the token is nowhere under reports/, test-results/ or in the console output',
  ({ suiteRun }) => {
    const { token, workDir, run } = suiteRun;
    const matrix = readMatrix(suiteRun.reportsDir);
    expect(
      row(matrix, 'DJ-200-01').verdict,
      `the run authenticated with the token (otherwise this check proves nothing)\n${run.console}`,
    ).toBe('passed');

    const files = allFiles(workDir);
    expect(files.length, 'files written by the run').toBeGreaterThan(50);
    const forms = [token, Buffer.from(token).toString('base64'), encodeURIComponent(token)];
    const containsToken = (content: Buffer): boolean => forms.some((form) => content.includes(form));
    expect(
      containsToken(Buffer.from(`header: Bearer ${token}\n`)),
      'the search finds a planted copy of the token',
    ).toBe(true);
    const leaks = files.filter((file) => containsToken(readFileSync(file)));
    expect(leaks, 'files containing the token').toEqual([]);
    expect(containsToken(Buffer.from(run.console)), 'the console output contains the token').toBe(false);

    const evidence = files
      .filter((f) => f.includes('allure-results') && f.endsWith('-attachment.txt'))
      .map((f) => readFileSync(f, 'utf8'));
    expect(
      evidence.some((text) => /^authorization: .*<redacted>/im.test(text)),
      'evidence shows the Authorization header, redacted',
    ).toBe(true);
  },
);

function chromiumPath(): string {
  const executablePath = developmentSettings().chromiumPath;
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is needed for the report check but ${executablePath} does not exist. Install it with \`apt-get install chromium\` (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  return executablePath;
}

const isLocal = (url: string): boolean => {
  const { protocol, hostname } = new URL(url);
  return (
    ['file:', 'data:', 'blob:', 'about:'].includes(protocol) || ['127.0.0.1', 'localhost', '[::1]'].includes(hostname)
  );
};

/**
 * Records every request of the page's context that leaves this machine (scripts, fonts, images, fetches, web sockets)
 * and aborts it, so a leak is seen without anything reaching the network.
 */
async function recordOutsideRequests(page: Page): Promise<string[]> {
  const outside: string[] = [];
  const context = page.context();
  context.on('request', (request) => {
    if (!isLocal(request.url())) outside.push(request.url());
  });
  page.on('websocket', (socket) => {
    if (!isLocal(socket.url())) outside.push(socket.url());
  });
  await context.route(
    (url) => !isLocal(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  return outside;
}

/** A fresh page (in its own context) of the worker's Chromium, closed after use; it must request nothing outside this machine. */
async function withPage(
  browser: Browser,
  options: Parameters<Browser['newPage']>[0],
  use: (page: Page) => Promise<void>,
): Promise<void> {
  const page = await browser.newPage(options);
  const outside = await recordOutsideRequests(page);
  try {
    await use(page);
  } finally {
    await page.close();
  }
  expect(outside, `requests outside the report (${page.url()})`).toEqual([]);
}

// A 7 MB single-file report on a busy 2-core machine takes a while to decode before anything renders.
const RENDER_TIMEOUT_MS = 90_000;

reportTest(
  'the generated Allure report renders in Chromium with the test count, a failed requirement and attachments',
  async ({ suiteRun, reportBrowser: browser }) => {
    reportTest.setTimeout(240_000);
    const { reportsDir, run } = suiteRun;
    expect(run.code, `the run with a MUST defect exits non-zero\n${run.console}`).not.toBe(0);
    const record = JSON.parse(readFileSync(join(reportsDir, 'matrix-parts', 'run.json'), 'utf8')) as RunRecord;
    const reportDir = join(reportsDir, 'allure-report');
    expect(existsSync(join(reportDir, 'index.html')), `the HTML report exists\n${run.console}`).toBe(true);

    const server = await serveDirectory(reportDir);
    try {
      await withPage(browser, {}, async (page) => {
        await page.goto(server.url);

        const total = page.getByTestId('metadata-item-total').getByTestId('metadata-value');
        await expect(total, 'rendered test count equals the tests the run executed').toHaveText(
          String(record.tests.length),
          { timeout: RENDER_TIMEOUT_MS },
        );
        await expect(page.getByTestId('metadata-item-failed'), 'rendered failed counter').toBeVisible();
        await expect(page.getByText('Target', { exact: true }), 'environment widget').toBeVisible();

        await page.getByTestId('search-input').fill(DEFECT.requirement);
        const failedLeaf = page
          .getByTestId('tree-leaf')
          .filter({ hasText: DEFECT.requirement })
          .filter({ has: page.getByTestId('tree-leaf-status-failed') });
        await expect(failedLeaf.first(), `the ${DEFECT.requirement} test shows as failed`).toBeVisible();

        await failedLeaf.first().click();
        await expect(
          page.getByTestId('test-result-status-failed'),
          'the test result page shows the failure',
        ).toBeVisible();
        await expect(
          page.getByText('Contract violations (MUST)'),
          'the failure is categorised as a contract violation',
        ).toBeVisible();
        await page.getByTestId('test-result-tab-attachments').click();
        const attachments = page.getByTestId('test-result-attachment-header');
        await expect(
          attachments.filter({ hasText: /HTTP GET/ }).first(),
          'HTTP evidence attachments are listed',
        ).toBeVisible();
      });
    } finally {
      await server.close();
    }
  },
);

/** The landing page states the run verdict and the failed MUST requirement; one click shows the whole matrix. */
async function expectVerdictOnLanding(page: Page, matrix: Matrix, where: string): Promise<void> {
  const status = matrix.status.toUpperCase();
  await expect(
    page.getByText(`Azure Digital Twins Delete Jobs conformance: ${status}`, { exact: true }),
    `${where}: the report title carries the run verdict`,
  ).toBeVisible({ timeout: RENDER_TIMEOUT_MS });
  const variables = page.getByTestId('report-variables');
  await expect(
    variables.getByText('Run verdict', { exact: true }),
    `${where}: run verdict label on the landing page`,
  ).toBeVisible();
  await expect(variables.getByText(status, { exact: true }), `${where}: run verdict on the landing page`).toBeVisible();
  await expect(
    variables.getByText(DEFECT.requirement, { exact: true }),
    `${where}: the failed MUST requirement on the landing page`,
  ).toBeVisible();

  await variables.getByText('Show more').click();
  for (const requirement of matrix.requirements) {
    await expect(
      variables.getByText(`${requirement.id} ${requirement.level}`, { exact: true }),
      `${where}: ${requirement.id} in the matrix one click away`,
    ).toBeVisible();
  }
  const failedRow = variables.getByText(/^failed: /).first();
  await expect(failedRow, `${where}: the failed requirement's verdict and reason`).toContainText(
    row(matrix, DEFECT.requirement).reason.slice(0, 40),
  );
}

reportTest(
  'the report of a failing run shows the run verdict and the failed MUST on its landing page, and the whole matrix one click away',
  async ({ suiteRun, reportBrowser: browser }) => {
    reportTest.setTimeout(240_000);
    const matrix = readMatrix(suiteRun.reportsDir);
    expect(
      matrix.status,
      `the run failed on ${DEFECT.requirement} (otherwise this proves nothing)\n${suiteRun.run.console}`,
    ).toBe('failed');
    const server = await serveDirectory(join(suiteRun.reportsDir, 'allure-report'));
    try {
      await withPage(browser, { viewport: { width: 1400, height: 1000 } }, async (page) => {
        await page.goto(server.url);
        await expectVerdictOnLanding(page, matrix, 'folder report over http');
      });
    } finally {
      await server.close();
    }
  },
);

reportTest(
  'the single-file report renders from file:// with the same totals, verdict and matrix',
  async ({ suiteRun, reportBrowser: browser }) => {
    reportTest.setTimeout(240_000);
    const { reportsDir, run } = suiteRun;
    const singleFile = join(reportsDir, 'allure-report.html');
    expect(existsSync(singleFile), `the single-file report exists\n${run.console}`).toBe(true);
    expect(run.stdout, 'the console names the single-file report').toContain(
      `Allure report, single file: ${relative(REPO_ROOT, singleFile)}`,
    );
    const summary = JSON.parse(readFileSync(join(reportsDir, 'allure-report', 'summary.json'), 'utf8')) as {
      stats: Record<string, number>;
    };
    const matrix = readMatrix(reportsDir);
    await withPage(browser, { viewport: { width: 1400, height: 1000 } }, async (page) => {
      await page.goto(pathToFileURL(singleFile).href);
      for (const counter of ['total', 'failed', 'passed', 'skipped']) {
        const value = page.getByTestId(`metadata-item-${counter}`).getByTestId('metadata-value');
        await expect(value, `${counter} from file:// equals the folder report's`).toHaveText(
          String(summary.stats[counter] ?? 0),
          { timeout: RENDER_TIMEOUT_MS },
        );
      }
      await expectVerdictOnLanding(page, matrix, 'single file from file://');
    });
  },
);

reportTest(
  'the built report pages reference nothing outside themselves: no analytics tag, no external script, style, font or image',
  ({ suiteRun }) => {
    for (const file of [
      join(suiteRun.reportsDir, 'allure-report', 'index.html'),
      join(suiteRun.reportsDir, 'allure-report.html'),
    ]) {
      const html = readFileSync(file, 'utf8');
      expect(html, `${file} carries no Google Analytics`).not.toContain('googletagmanager');
      const external = [
        ...html.matchAll(/<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="((?:https?:)?\/\/[^"]*)"/g),
      ].map((match) => match[1]);
      expect(external, `resources ${file} loads from outside`).toEqual([]);
    }
  },
);

/** What the control injects into copies of the report: Allure's own analytics tag, a web font and a CDN image. */
const INJECTED = [
  'https://www.googletagmanager.com/gtag/js?id=G-CONTROL',
  'https://fonts.googleapis.com/css2?family=Roboto',
  'https://cdn.example.com/logo.png',
];
const injectOutsideRequests = (html: string): string =>
  html.replace(
    '<head>',
    `<head><script async src="${INJECTED[0]}"></script><link rel="stylesheet" href="${INJECTED[1]}"><link rel="preload" as="image" href="${INJECTED[2]}">`,
  );

reportTest(
  'control: the request recorder sees requests injected into copies of the report, from file:// and over loopback',
  async ({ suiteRun, reportBrowser: browser }) => {
    reportTest.setTimeout(240_000);
    const copy = join(suiteRun.workDir, 'injected');
    cpSync(join(suiteRun.reportsDir, 'allure-report'), join(copy, 'folder'), { recursive: true });
    const folderPage = join(copy, 'folder', 'index.html');
    writeFileSync(folderPage, injectOutsideRequests(readFileSync(folderPage, 'utf8')));
    writeFileSync(
      join(copy, 'single.html'),
      injectOutsideRequests(readFileSync(join(suiteRun.reportsDir, 'allure-report.html'), 'utf8')),
    );
    const server = await serveDirectory(join(copy, 'folder'));
    try {
      for (const url of [server.url, pathToFileURL(join(copy, 'single.html')).href]) {
        const page = await browser.newPage();
        try {
          const outside = await recordOutsideRequests(page);
          await page.goto(url);
          await expect(page.getByTestId('metadata-item-total'), `the injected copy still renders (${url})`).toBeVisible(
            { timeout: RENDER_TIMEOUT_MS },
          );
          await expect
            .poll(() => INJECTED.filter((injected) => !outside.includes(injected)), {
              message: `injected requests the recorder missed (${url})`,
              timeout: 30_000,
            })
            .toEqual([]);
        } finally {
          await page.close();
        }
      }
    } finally {
      await server.close();
    }
  },
);

reportTest(
  'the console names target and auth first and gives one compact block per failed requirement, without stacks',
  ({ suiteRun }) => {
    const { run, reportsDir } = suiteRun;
    const matrix = readMatrix(reportsDir);
    const lines = run.stdout.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('>'));
    expect(lines[0], 'the first line names the target and the auth mode').toMatch(
      /^Conformance run against http:\/\/127\.0\.0\.1:\d+ \(auth: token, api-version 2023-10-31\)$/,
    );
    const failedIds = matrix.requirements.filter((r) => r.tests.some((t) => t.outcome === 'failed')).map((r) => r.id);
    const blocks = run.stdout.split('\n').filter((l) => /^ {2}✘ DJ-[A-Z0-9-]+ (MUST|SHOULD) /.test(l));
    expect(
      blocks.map((b) => b.split(' ')[3]),
      'one block per requirement whose tests failed',
    ).toEqual(failedIds);
    expect(blocks[0], 'the block gives the defect in full').toMatch(
      new RegExp(`${DEFECT.requirement} MUST failed: .*\\| Received: .*must answer 404; got 200$`),
    );
    expect(run.console, 'no stack excerpt').not.toMatch(/^\s+at /m);
    const failedTests = row(matrix, DEFECT.requirement).tests.filter((t) => t.outcome === 'failed').length;
    expect(
      failedTests,
      `more than one ${DEFECT.requirement} test failed (otherwise the next check proves nothing)`,
    ).toBeGreaterThan(1);
    expect(
      run.console.match(/must answer 404; got 200/g),
      `the defect once, though ${failedTests} tests failed with it`,
    ).toHaveLength(1);
    const testCount = (JSON.parse(readFileSync(join(reportsDir, 'matrix-parts', 'run.json'), 'utf8')) as RunRecord)
      .tests.length;
    expect(run.console.split('\n').length, 'about one line per test plus the summary').toBeLessThan(testCount + 100);
  },
);

reportTest(
  "the Allure history is kept per target: this run's target host and api-version, nothing shared",
  ({ suiteRun }) => {
    const history = join(suiteRun.reportsDir, 'history');
    const port = /127\.0\.0\.1:(\d+)/.exec(readMatrix(suiteRun.reportsDir).environment.Target ?? '')?.[1];
    expect(readdirSync(history), 'one history folder, named after the target').toEqual([
      `127.0.0.1_${port}__api-2023-10-31`,
    ]);
    expect(
      existsSync(join(history, `127.0.0.1_${port}__api-2023-10-31`, 'allure-history.jsonl')),
      'the history file of this target',
    ).toBe(true);
  },
);
