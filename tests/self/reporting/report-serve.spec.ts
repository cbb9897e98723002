import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnSuite, stopGroup, type SuiteProcess } from '../../../src/cli/spawn-suite';
import { expect, isolatedEnv, runTs, SUITE_CONFIG, test } from './harness';

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
  const files = readdirSync(history).map((target) => join(history, target, 'allure-history.jsonl')).filter((file) => existsSync(file));
  expect(files, 'one target, one history file').toHaveLength(1);
  return readFileSync(files[0] ?? '', 'utf8');
}

function historyEntries(reportsDir: string): HistoryEntry[] {
  return historyText(reportsDir).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as HistoryEntry);
}

/** Allure's id of a test result is the md5 of the result's uuid: the run's results name the entries built from them. */
function entriesOfRun(reportsDir: string): string[] {
  const results = join(reportsDir, 'allure-results');
  const ids = new Set(
    readdirSync(results)
      .filter((name) => name.endsWith('-result.json'))
      .map((name) => createHash('md5').update((JSON.parse(readFileSync(join(results, name), 'utf8')) as { uuid: string }).uuid).digest('hex')),
  );
  return historyEntries(reportsDir).filter((entry) => Object.values(entry.testResults).some((result) => ids.has(result.id))).map((entry) => entry.uuid);
}

/** The report as a browser gets it, byte for byte: a rebuild changes both (a new report uuid and build time). */
function reportFiles(reportsDir: string): string[] {
  return [join(reportsDir, 'allure-report', 'index.html'), join(reportsDir, 'allure-report.html')].map((file) => readFileSync(file, 'utf8'));
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
  throw new Error(`npm run report -- --serve did not say where it serves:\n${existsSync(log) ? readFileSync(log, 'utf8') : '(no output)'}`);
}

test('npm run report rebuilds and serves one run: one history entry for it, serving changes nothing, a bad URL gets a 400', async ({ workDir }) => {
  test.setTimeout(300_000);
  const reportsDir = join(workDir, 'reports');
  const env = isolatedEnv({ ADT_REPORTS_DIR: reportsDir });
  const run = await runTs('src/cli/conformance.ts', ['-c', SUITE_CONFIG, '--output', join(workDir, 'test-results'), '--grep', '@DJ-404-02'], env);
  expect(run.code, `the run against the bundled mock passes\n${run.console}`).toBe(0);
  expect(entriesOfRun(reportsDir), 'the run added its entry to the history').toHaveLength(1);
  const afterRun = historyText(reportsDir);

  for (const round of [1, 2]) {
    const report = await spawnSuite({ entry: { command: 'npm' }, args: ['run', '--silent', 'report', '--', '--no-serve'], environment: env, timeoutMs: 180_000 });
    expect(report.exitCode, `npm run report (round ${round}) exits 0\n${report.console}`).toBe(0);
    expect(report.stdout, `round ${round} rebuilt the report`).toContain('(built from 1 results folder(s))');
    expect(entriesOfRun(reportsDir), `after npm run report round ${round}: still one history entry for the run`).toHaveLength(1);
    expect(historyText(reportsDir), `after npm run report round ${round}: the history is byte for byte what the run left`).toBe(afterRun);
  }

  const before = reportFiles(reportsDir);
  for (const [round, signal] of [[1, 'SIGINT'], [2, 'SIGTERM']] as const) {
    const log = join(workDir, `serve-${round}.log`);
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
      expect(readFileSync(log, 'utf8'), `serving round ${round} shows the report as it is, without rebuilding it`).not.toContain('built from');
      expect(new URL(url).hostname, 'the report is served on loopback').toBe('127.0.0.1');
      expect(await get(url, '/'), 'the report page').toBe(200);
      expect(await get(url, '/%zz'), 'a malformed URL is a bad request').toBe(400);
      expect(await get(url, '/'), 'the server keeps answering after the bad URL').toBe(200);
      expect(ended, `the server is still running\n${readFileSync(log, 'utf8')}`).toBeUndefined();
      // What a terminal's Ctrl+C (or a service manager's stop) does: the signal to the command's process group.
      stopGroup(pid, true, signal);
      const child = await serving;
      const output = readFileSync(log, 'utf8');
      expect(child.timedOut, `${signal} stops the server\n${output}`).toBe(false);
      // npm itself gets the terminal's signal too and may end by it: either is a clean stop.
      expect(child.exitCode === 0 || child.signal === signal, `a server stopped with ${signal} exits 0 (or by the signal)\n${output}`).toBe(true);
      expect(await groupLeft(pid, 15_000), 'no process of npm run report is left').toBe(false);
      await expect(get(url, '/'), 'nothing answers on the port after the stop').rejects.toThrow();
    } finally {
      if (ended === undefined) stopGroup(pid, true);
      await serving;
    }
    expect(reportFiles(reportsDir), `serving round ${round} left the report byte for byte`).toEqual(before);
    expect(historyText(reportsDir), `serving round ${round} left the history as the run left it`).toBe(afterRun);
  }
});
