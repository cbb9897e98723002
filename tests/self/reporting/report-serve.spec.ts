import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnSuite, stopGroup, type SuiteProcess } from '../../../src/cli/spawn-suite';
import { expect, isolatedEnv, runPlaywright, runTs, SUITE_CONFIG, test } from './harness';

/**
 * `npm run report` as a user types it, on one run's results: rebuilding twice, then serving twice. History grows by
 * one entry per run, not per build; serving shows the report as it is; a bad URL gets a 400 and the server goes on.
 */

interface HistoryEntry {
  uuid: string;
  testResults: Record<string, { id: string }>;
}

function historyText(reportsDir: string): string {
  const history = join(reportsDir, 'history');
  const files = readdirSync(history)
    .map((target) => join(history, target, 'allure-history.jsonl'))
    .filter((file) => existsSync(file));
  expect(files, 'one target, one history file').toHaveLength(1);
  return readFileSync(files[0] ?? '', 'utf8');
}

function historyEntries(reportsDir: string): HistoryEntry[] {
  return historyText(reportsDir)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as HistoryEntry);
}

/** Allure's id of a test result is the md5 of the result's uuid: the run's results name the entries built from them. */
function entriesOfRun(reportsDir: string): string[] {
  const results = join(reportsDir, 'allure-results');
  const ids = new Set(
    readdirSync(results)
      .filter((name) => name.endsWith('-result.json'))
      .map((name) =>
        createHash('md5')
          .update((JSON.parse(readFileSync(join(results, name), 'utf8')) as { uuid: string }).uuid)
          .digest('hex'),
      ),
  );
  return historyEntries(reportsDir)
    .filter((entry) => Object.values(entry.testResults).some((result) => ids.has(result.id)))
    .map((entry) => entry.uuid);
}

/** The report as a browser gets it, byte for byte: a rebuild changes both (a new report uuid and build time). */
function reportFiles(reportsDir: string): string[] {
  return [join(reportsDir, 'allure-report', 'index.html'), join(reportsDir, 'allure-report.html')].map((file) =>
    readFileSync(file, 'utf8'),
  );
}

function get(url: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    request({ host: target.hostname, port: target.port, path, agent: false }, (response) => {
      response.resume();
      response.on('end', () => {
        resolve(response.statusCode ?? 0);
      });
    })
      .on('error', reject)
      .end();
  });
}

/** Whether a process of the group is left after `waitMs` (npm may end by the signal before its child closes). */
async function groupLeft(pid: number, waitMs: number): Promise<boolean> {
  for (let waited = 0; ; waited += 200) {
    try {
      process.kill(-pid, 0);
    } catch {
      return false;
    }
    if (waited >= waitMs) return true;
    await sleep(200);
  }
}

async function servedUrl(log: string, exited: () => boolean): Promise<string> {
  for (let waited = 0; waited < 60_000; waited += 200) {
    const url = /Serving the report at (http:\/\/\S+)/.exec(existsSync(log) ? readFileSync(log, 'utf8') : '')?.[1];
    if (url !== undefined) return url;
    if (exited()) break;
    await sleep(200);
  }
  throw new Error(
    `npm run report -- --serve did not say where it serves:\n${existsSync(log) ? readFileSync(log, 'utf8') : '(no output)'}`,
  );
}

/**
 * `npm run report -- --serve --no-open` until it says where it serves, then `check(url, output so far)`, then the
 * signal to the command's process group, as a terminal's Ctrl+C (or a service manager's stop) sends it. Returns the
 * whole output; the server must stop on the signal and leave no process behind.
 */
async function serveOnce(
  log: string,
  env: NodeJS.ProcessEnv,
  signal: NodeJS.Signals,
  check: (url: string, output: string) => Promise<void>,
): Promise<string> {
  let pid = 0;
  let ended: SuiteProcess | undefined;
  const serving = spawnSuite({
    entry: { command: 'npm' },
    args: ['run', '--silent', 'report', '--', '--serve', '--no-open'],
    environment: env,
    output: { file: log },
    timeoutMs: 180_000,
    onStart: (started) => {
      pid = started;
    },
  }).then((child) => (ended = child));
  try {
    const url = await servedUrl(log, () => ended !== undefined);
    expect(new URL(url).hostname, 'the report is served on loopback').toBe('127.0.0.1');
    await check(url, readFileSync(log, 'utf8'));
    expect(ended, `the server is still running\n${readFileSync(log, 'utf8')}`).toBeUndefined();
    stopGroup(pid, true, signal);
    const child = await serving;
    const output = readFileSync(log, 'utf8');
    expect(child.timedOut, `${signal} stops the server\n${output}`).toBe(false);
    // npm itself gets the terminal's signal too and may end by it: either is a clean stop.
    expect(
      child.exitCode === 0 || child.signal === signal,
      `a server stopped with ${signal} exits 0 (or by the signal)\n${output}`,
    ).toBe(true);
    expect(await groupLeft(pid, 15_000), 'no process of npm run report is left').toBe(false);
    await expect(get(url, '/'), 'nothing answers on the port after the stop').rejects.toThrow();
    return output;
  } finally {
    if (ended === undefined) stopGroup(pid, true);
    await serving;
  }
}

const SMALL_RUN = ['-c', SUITE_CONFIG, '--grep', '@DJ-404-02'];

test('npm run report rebuilds and serves one run: one history entry for it, serving changes nothing, a bad URL gets a 400', async ({
  workDir,
}) => {
  test.setTimeout(300_000);
  const reportsDir = join(workDir, 'reports');
  const env = isolatedEnv({ ADT_REPORTS_DIR: reportsDir });
  const run = await runTs('src/cli/conformance.ts', [...SMALL_RUN, '--output', join(workDir, 'test-results')], env);
  expect(run.code, `the run against the bundled mock passes\n${run.console}`).toBe(0);
  expect(entriesOfRun(reportsDir), 'the run added its entry to the history').toHaveLength(1);
  const afterRun = historyText(reportsDir);

  for (const round of [1, 2]) {
    const report = await spawnSuite({
      entry: { command: 'npm' },
      args: ['run', '--silent', 'report', '--', '--no-serve'],
      environment: env,
      timeoutMs: 180_000,
    });
    expect(report.exitCode, `npm run report (round ${round}) exits 0\n${report.console}`).toBe(0);
    expect(report.stdout, `round ${round} rebuilt the report`).toContain('(built from 1 results folder(s))');
    expect(
      entriesOfRun(reportsDir),
      `after npm run report round ${round}: still one history entry for the run`,
    ).toHaveLength(1);
    expect(
      historyText(reportsDir),
      `after npm run report round ${round}: the history is byte for byte what the run left`,
    ).toBe(afterRun);
  }

  const before = reportFiles(reportsDir);
  for (const [round, signal] of [
    [1, 'SIGINT'],
    [2, 'SIGTERM'],
  ] as const) {
    await serveOnce(join(workDir, `serve-${round}.log`), env, signal, async (url, output) => {
      expect(output, `serving round ${round} shows the report as it is, without rebuilding it`).not.toContain(
        'built from',
      );
      expect(await get(url, '/'), 'the report page').toBe(200);
      expect(await get(url, '/%zz'), 'a malformed URL is a bad request').toBe(400);
      expect(await get(url, '/'), 'the server keeps answering after the bad URL').toBe(200);
    });
    expect(reportFiles(reportsDir), `serving round ${round} left the report byte for byte`).toEqual(before);
    expect(historyText(reportsDir), `serving round ${round} left the history as the run left it`).toBe(afterRun);
  }
});

test("after plain npx playwright test, serving builds that run's report first, once, and then shows it as it is", async ({
  workDir,
}) => {
  test.setTimeout(300_000);
  const reportsDir = join(workDir, 'reports');
  const env = isolatedEnv({ ADT_REPORTS_DIR: reportsDir });
  const first = await runTs('src/cli/conformance.ts', [...SMALL_RUN, '--output', join(workDir, 'test-results')], env);
  expect(first.code, `the first run passes\n${first.console}`).toBe(0);
  // Plain Playwright adds to allure-results (only npm run conformance clears it): start it on an empty one.
  rmSync(join(reportsDir, 'allure-results'), { recursive: true, force: true });
  const plain = await runPlaywright([...SMALL_RUN, '--output', join(workDir, 'test-results-plain')], env);
  expect(plain.code, `the plain Playwright run passes\n${plain.console}`).toBe(0);
  expect(
    entriesOfRun(reportsDir),
    'plain Playwright builds no report, so the history has no entry for its run yet',
  ).toHaveLength(0);

  await serveOnce(join(workDir, 'serve-stale.log'), env, 'SIGTERM', (_url, output) => {
    expect(output, "the report of the first run is not served for the second run's results: it is rebuilt").toContain(
      '(built from 1 results folder(s))',
    );
    return Promise.resolve();
  });
  expect(entriesOfRun(reportsDir), 'the build added the plain run to the history, once').toHaveLength(1);
  expect(historyEntries(reportsDir), 'one entry per run: the first and the plain one').toHaveLength(2);
  const built = reportFiles(reportsDir);
  await serveOnce(join(workDir, 'serve-again.log'), env, 'SIGINT', (_url, output) => {
    expect(output, 'serving again shows that report as it is').not.toContain('built from');
    return Promise.resolve();
  });
  expect(reportFiles(reportsDir), 'serving again left the report byte for byte').toEqual(built);
});
