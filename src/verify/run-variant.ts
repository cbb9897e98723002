import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { MOCK_DEFAULT_TOKEN } from '../../mock/contract';
import { startMockServer, type RunningMock } from '../../mock/server';
import { isolatedEnvironment, spawnSuite } from '../cli/spawn-suite';
import { EXCHANGES_HAR, VARIABLES } from '../config';
import { codeFile } from '../package-root';
import { readMatrixIn } from '../reporting/matrix-output';
import { replayDefects } from '../reporting/replay-parity';
import type { HarFile } from '../../mock/replay/har-format';
import type { RunResult } from './verdict';
import type { Variant } from './variants';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const MATRIX_REPORTER = codeFile('src/reporting/matrix-reporter.ts');
export const LOG_FILE = 'playwright.log';

export interface RunSettings {
  /** Kept after the run: the variant's conformance matrix and the suite's output. */
  reportDir: string;
  /** Removed after the run: Playwright's test-results (attachments, discovery file). */
  scratchDir: string;
  timeoutMs: number;
  /** Extra Playwright arguments, e.g. a --grep while debugging. */
  playwrightArgs?: readonly string[];
  /** Also replay the run's recording with the same arguments and compare the verdicts (verdict parity). */
  replay?: boolean;
}

/** The replay of a variant's recording: where it disagreed with the recorded run, or why it could not run. */
export interface ReplayResult {
  defects: { id: string; recorded: string; replayed: string }[];
  error?: string;
  durationMs: number;
}

/** The suite against the variant's mock: nothing of the user's target, auth, reports or .env settings reaches it. */
export function suiteEnvironment(
  base: NodeJS.ProcessEnv,
  mockUrl: string,
  reportDir: string,
  token = MOCK_DEFAULT_TOKEN,
): NodeJS.ProcessEnv {
  return isolatedEnvironment(
    {
      AZURE_DIGITALTWINS_URL: mockUrl,
      ADT_AUTH: 'token',
      ADT_ACCESS_TOKEN: token,
      ADT_REPORTS_DIR: reportDir,
      // A loopback mock needs no pacing; the 1 request/s default for URL targets would make every run crawl.
      ADT_MAX_RPS: '0',
      FORCE_COLOR: '0',
    },
    base,
  );
}

async function runSuite(
  env: NodeJS.ProcessEnv,
  settings: RunSettings,
  logFile: string,
  outputDir = path.join(settings.scratchDir, 'test-results'),
): Promise<{ exitCode: number | null; error?: string }> {
  const run = await spawnSuite({
    args: [
      // dot: progress in the log even when a run is cut short; the matrix reporter gives the verdicts.
      `--reporter=dot,${MATRIX_REPORTER}`,
      `--output=${outputDir}`,
      '--workers=1',
      ...(settings.playwrightArgs ?? []),
    ],
    environment: env,
    output: { file: logFile },
    timeoutMs: settings.timeoutMs,
  });
  if (run.startError !== undefined) return { exitCode: null, error: run.startError };
  return run.timedOut
    ? { exitCode: null, error: `the suite did not finish within ${settings.timeoutMs / 1000} s` }
    : { exitCode: run.exitCode };
}

export const REPLAY_DIR = 'replay';

/**
 * The suite against the mock serving the run's own recording, with the same Playwright arguments: every
 * requirement must get the verdict it got in the recorded run, or the recording (or the replay) lost something.
 */
async function replayRecording(settings: RunSettings): Promise<ReplayResult> {
  const started = performance.now();
  const recordingFile = path.join(settings.reportDir, EXCHANGES_HAR);
  const elapsed = (): number => Math.round(performance.now() - started);
  if (!existsSync(recordingFile))
    return { defects: [], error: `the run wrote no recording (${recordingFile})`, durationMs: elapsed() };
  const recorded = (JSON.parse(readFileSync(recordingFile, 'utf8')) as HarFile).log._adt.verdicts ?? [];
  const reportDir = path.join(settings.reportDir, REPLAY_DIR);
  mkdirSync(reportDir, { recursive: true });
  const env = isolatedEnvironment(
    { [VARIABLES.replayFile.name]: recordingFile, [VARIABLES.reportsDir.name]: reportDir, FORCE_COLOR: '0' },
    process.env,
  );
  const { error } = await runSuite(
    env,
    settings,
    path.join(reportDir, LOG_FILE),
    path.join(settings.scratchDir, 'replay-results'),
  );
  const matrix = readMatrixIn(reportDir);
  if (!matrix) return { defects: [], error: error ?? 'the replay wrote no conformance matrix', durationMs: elapsed() };
  return { defects: replayDefects(recorded, matrix), ...(error === undefined ? {} : { error }), durationMs: elapsed() };
}

/** The variant's mock (its quirks, its token) in this process on an ephemeral loopback port, or why it did not start. */
export async function startVariantMock(variant: Variant): Promise<RunningMock | { error: string }> {
  try {
    return await startMockServer({
      quirks: variant.quirks,
      port: 0,
      host: '127.0.0.1',
      ...(variant.token === undefined ? {} : { token: variant.token }),
    });
  } catch (error) {
    return { error: `the mock did not start: ${(error as Error).message}` };
  }
}

/** Starts the mock with the variant's quirks in this process, runs the real suite against it once, and reads the matrix. */
export async function runVariant(variant: Variant, settings: RunSettings): Promise<RunResult> {
  const started = performance.now();
  rmSync(settings.reportDir, { recursive: true, force: true });
  mkdirSync(settings.reportDir, { recursive: true });
  mkdirSync(settings.scratchDir, { recursive: true });
  const logFile = path.join(settings.reportDir, LOG_FILE);
  const mock = await startVariantMock(variant);
  if ('error' in mock) return { exitCode: null, matrix: undefined, durationMs: 0, error: mock.error };
  try {
    const env = suiteEnvironment(process.env, mock.url, settings.reportDir, variant.token);
    const { exitCode, error } = await runSuite(env, settings, logFile);
    const matrix = readMatrixIn(settings.reportDir);
    const replay = settings.replay === true && error === undefined ? await replayRecording(settings) : undefined;
    return {
      exitCode,
      matrix,
      ...(replay === undefined ? {} : { replay }),
      durationMs: Math.round(performance.now() - started),
      logFile: path.relative(process.cwd(), logFile),
      ...(error === undefined ? {} : { error }),
    };
  } finally {
    await mock.close();
    rmSync(settings.scratchDir, { recursive: true, force: true });
  }
}
