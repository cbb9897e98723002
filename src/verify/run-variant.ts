import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { MOCK_DEFAULT_TOKEN } from '../../mock/defaults';
import { startMockServer } from '../../mock/server';
import type { MatrixView, RunResult } from './verdict';
import type { Variant } from './variants';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PLAYWRIGHT_CLI = require.resolve('@playwright/test/cli');
const MATRIX_REPORTER = path.join(REPO_ROOT, 'src', 'reporting', 'matrix-reporter.ts');
const MATRIX_FILE = 'conformance-matrix.json';
export const LOG_FILE = 'playwright.log';

export interface RunSettings {
  /** Kept after the run: the variant's conformance matrix and the suite's output. */
  reportDir: string;
  /** Removed after the run: Playwright's test-results (attachments, discovery file). */
  scratchDir: string;
  timeoutMs: number;
  /** Extra Playwright arguments, e.g. a --grep while debugging. */
  playwrightArgs?: readonly string[];
}

/** Variables that would steer the suite away from the variant's mock, or change its verdicts. */
const INHERITED_BUT_IGNORED = /^(ADT_|AZURE_|PLAYWRIGHT_|PW_|DOTENV_)/;

export function suiteEnvironment(base: NodeJS.ProcessEnv, mockUrl: string, reportDir: string, scratchDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(base).filter(([name]) => !INHERITED_BUT_IGNORED.test(name)));
  return {
    ...env,
    AZURE_DIGITALTWINS_URL: mockUrl,
    ADT_AUTH: 'token',
    ADT_ACCESS_TOKEN: MOCK_DEFAULT_TOKEN,
    ADT_REPORTS_DIR: reportDir,
    // A loopback mock needs no pacing; the 1 request/s default for URL targets would make every run crawl.
    ADT_MAX_RPS: '0',
    // No .env of the user's may change what the proof measures.
    DOTENV_CONFIG_PATH: path.join(scratchDir, 'no.env'),
    FORCE_COLOR: '0',
    NO_COLOR: '1',
  };
}

function readMatrix(file: string): MatrixView | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as MatrixView;
}

function runSuite(env: NodeJS.ProcessEnv, settings: RunSettings, logFile: string): Promise<{ exitCode: number | null; error?: string }> {
  const log = openSync(logFile, 'w');
  const args = [
    PLAYWRIGHT_CLI, 'test',
    // dot: progress in the log even when a run is cut short; the matrix reporter gives the verdicts.
    `--reporter=dot,${MATRIX_REPORTER}`,
    `--output=${path.join(settings.scratchDir, 'test-results')}`,
    '--workers=1',
    ...(settings.playwrightArgs ?? []),
  ];
  return new Promise((resolve) => {
    // Its own process group, so a run that hangs is stopped with its Playwright workers.
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', log, log], detached: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, settings.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      closeSync(log);
      resolve({ exitCode: null, error: `the suite could not be started: ${error.message}` });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      closeSync(log);
      resolve(timedOut ? { exitCode: null, error: `the suite did not finish within ${settings.timeoutMs / 1000} s` } : { exitCode: code });
    });
  });
}

/** Starts the mock with the variant's quirks in this process, runs the real suite against it once, and reads the matrix. */
export async function runVariant(variant: Variant, settings: RunSettings): Promise<RunResult> {
  const started = performance.now();
  rmSync(settings.reportDir, { recursive: true, force: true });
  mkdirSync(settings.reportDir, { recursive: true });
  mkdirSync(settings.scratchDir, { recursive: true });
  const logFile = path.join(settings.reportDir, LOG_FILE);
  let mock;
  try {
    mock = await startMockServer({ quirks: variant.quirks, port: 0, host: '127.0.0.1' });
  } catch (error) {
    return { exitCode: null, matrix: undefined, durationMs: 0, error: `the mock did not start: ${(error as Error).message}` };
  }
  try {
    const env = suiteEnvironment(process.env, mock.url, settings.reportDir, settings.scratchDir);
    const { exitCode, error } = await runSuite(env, settings, logFile);
    const matrix = readMatrix(path.join(settings.reportDir, MATRIX_FILE));
    return {
      exitCode,
      matrix,
      durationMs: Math.round(performance.now() - started),
      logFile: path.relative(process.cwd(), logFile),
      ...(error === undefined ? {} : { error }),
    };
  } finally {
    await mock.close();
    rmSync(settings.scratchDir, { recursive: true, force: true });
  }
}
