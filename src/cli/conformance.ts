/**
 * `npm run conformance [-- <playwright options>]`: runs the conformance suite, then builds the Allure HTML report and
 * prints the conformance matrix last. Exits with the run's verdict: 0 PASSED, 1 FAILED (or the target unusable),
 * 2 configuration error, 3 INCOMPLETE (0 with ADT_ACCEPT_INCOMPLETE=1).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ALLURE_REPORT_DIR, ALLURE_RESULTS_DIR, JUNIT_XML } from '../reporting/constants';
import { generateAllureReport } from '../reporting/allure-generate';
import { loadDotenv } from '../reporting/dotenv';
import { KnownDeviationsError, knownDeviationsFromEnv } from '../reporting/known-deviations';
import { MATRIX_JSON, MATRIX_MD, matrixSummary } from '../reporting/matrix-output';
import { MATRIX_SUMMARY_ENV } from '../reporting/matrix-reporter';
import { reportsDir } from '../reporting/reporters';
import { RUN_PARTS_DIR } from '../reporting/run-record';
import { AcceptIncompleteError, acceptIncompleteFrom, exitCodeOf, type Matrix } from '../reporting/verdicts';

const CONFIG_ERROR_EXIT = 2;
const PLAYWRIGHT_CLI = require.resolve('@playwright/test/cli');

/** Results of an earlier run would mix into this run's report; the trend history is kept on purpose. */
function clearStaleResults(dir: string): void {
  for (const entry of [ALLURE_RESULTS_DIR, ALLURE_REPORT_DIR, RUN_PARTS_DIR, MATRIX_JSON, MATRIX_MD, JUNIT_XML]) {
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

async function main(): Promise<number> {
  loadDotenv();
  try {
    knownDeviationsFromEnv();
    acceptIncompleteFrom();
  } catch (error) {
    if (!(error instanceof KnownDeviationsError) && !(error instanceof AcceptIncompleteError)) throw error;
    process.stderr.write(`${error.message}\n`);
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

  const report = generateAllureReport([join(dir, ALLURE_RESULTS_DIR)], join(dir, ALLURE_REPORT_DIR));
  const artifacts = report.ok
    ? [`Allure report: ${join(shown, ALLURE_REPORT_DIR, 'index.html')} (npm run report serves it)`]
    : [`ERROR: the Allure HTML report could not be generated: ${report.output}`];
  process.stdout.write(matrixSummary(matrix, shown, [...artifacts, `JUnit XML: ${join(shown, JUNIT_XML)}`]));
  if (!report.ok && exitCode === 0) return 1;
  // Playwright can only say 0 or 1; the matrix tells a failed run from an incomplete one (exit 3).
  return exitCode === 1 ? exitCodeOf(matrix) || exitCode : exitCode;
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
