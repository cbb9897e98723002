/**
 * `npm run conformance [-- <playwright options>]`: runs the conformance suite, then builds the Allure HTML report and
 * prints the conformance matrix last. Exits with the run's verdict: 0 when no MUST requirement failed.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateAllureReport, reportArtifactLines } from '../reporting/allure-generate';
import { ALLURE_REPORT_DIR, ALLURE_RESULTS_DIR, ALLURE_SINGLE_FILE, JUNIT_XML } from '../reporting/constants';
import { loadDotenv } from '../reporting/dotenv';
import { KnownDeviationsError, knownDeviationsFromEnv } from '../reporting/known-deviations';
import { MATRIX_JSON, MATRIX_MD, matrixSummary } from '../reporting/matrix-output';
import { MATRIX_SUMMARY_ENV } from '../reporting/matrix-reporter';
import { reportsDir } from '../reporting/reporters';
import { RUN_PARTS_DIR } from '../reporting/run-record';
import type { Matrix } from '../reporting/verdicts';
import { configurationMessage, validateRunConfiguration } from '../suite/run-config';

const CONFIG_ERROR_EXIT = 2;
const PLAYWRIGHT_CLI = require.resolve('@playwright/test/cli');

/** Results of an earlier run would mix into this run's report; the trend history is kept on purpose. */
function clearStaleResults(dir: string): void {
  for (const entry of [ALLURE_RESULTS_DIR, ALLURE_REPORT_DIR, ALLURE_SINGLE_FILE, RUN_PARTS_DIR, MATRIX_JSON, MATRIX_MD, JUNIT_XML]) {
    rmSync(join(dir, entry), { recursive: true, force: true });
  }
}

function runPlaywright(args: string[]): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [PLAYWRIGHT_CLI, 'test', ...args], {
      stdio: 'inherit',
      env: { ...process.env, [MATRIX_SUMMARY_ENV]: 'off' },
    });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      done(code ?? (signal ? 130 : 1));
    });
  });
}

function readMatrix(dir: string): Matrix | undefined {
  const file = join(dir, MATRIX_JSON);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Matrix) : undefined;
}

/** Every configuration error is found before the last run's reports are cleared: a typo touches nothing. */
function configurationProblem(): string | undefined {
  try {
    knownDeviationsFromEnv();
    validateRunConfiguration();
    return undefined;
  } catch (error) {
    if (error instanceof KnownDeviationsError) return error.message;
    const message = configurationMessage(error);
    if (message === undefined) throw error;
    return message;
  }
}

async function main(): Promise<number> {
  loadDotenv();
  const problem = configurationProblem();
  if (problem !== undefined) {
    process.stderr.write(`\n${problem}\n\n`);
    return CONFIG_ERROR_EXIT;
  }
  const dir = reportsDir();
  const shown = relative(process.cwd(), dir) || '.';
  clearStaleResults(dir);
  const args = process.argv.slice(2);
  const exitCode = await runPlaywright(args);

  const matrix = readMatrix(dir);
  // No matrix: configuration error, --help, --list... Playwright already said everything there is to say.
  if (!matrix || args.includes('--list')) return exitCode;

  const report = generateAllureReport({
    resultsDirs: [join(dir, ALLURE_RESULTS_DIR)],
    outputDir: join(dir, ALLURE_REPORT_DIR),
    singleFile: join(dir, ALLURE_SINGLE_FILE),
    matrixFile: join(dir, MATRIX_JSON),
    environment: matrix.environment,
  });
  const artifacts = report.ok
    ? reportArtifactLines(shown)
    : [`ERROR: the Allure HTML report could not be generated: ${report.output}`];
  process.stdout.write(matrixSummary(matrix, shown, [...artifacts, `JUnit XML: ${join(shown, JUNIT_XML)}`]));
  return report.ok || exitCode !== 0 ? exitCode : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`conformance: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
