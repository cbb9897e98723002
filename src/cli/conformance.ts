/**
 * `npm run conformance [-- <playwright options>]`: runs the conformance suite, then builds the Allure HTML report and
 * prints the conformance matrix last. Exits with the run's verdict: 0 PASSED, 1 FAILED (or the target unusable),
 * 2 configuration error, 3 INCOMPLETE (0 with ADT_ACCEPT_INCOMPLETE=1).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigError, CONFIG_ERROR_EXIT, loadConfig, VARIABLES } from '../config';
import { spawnSuite } from './spawn-suite';
import { generateAllureReport, reportArtifactLines } from '../reporting/allure-generate';
import { ALLURE_REPORT_DIR, ALLURE_RESULTS_DIR, ALLURE_SINGLE_FILE, JUNIT_XML } from '../reporting/constants';
import { knownDeviationsIn } from '../reporting/known-deviations';
import { MATRIX_JSON, matrixSummary } from '../reporting/matrix-output';
import { clearStaleResults } from '../reporting/stale-results';
import { exitCodeOf, type Matrix } from '../reporting/verdicts';


async function runPlaywright(args: string[]): Promise<number> {
  const forwarded: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  const run = await spawnSuite({
    args,
    environment: { ...process.env, [VARIABLES.matrixSummary.name]: 'off' },
    output: 'inherit',
    onStart: (pid) => {
      for (const signal of forwarded) process.on(signal, () => process.kill(pid, signal));
    },
  });
  return run.exitCode ?? (run.signal ? 130 : 1);
}

function readMatrix(dir: string): Matrix | undefined {
  const file = join(dir, MATRIX_JSON);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Matrix) : undefined;
}

async function main(): Promise<number> {
  let dir: string;
  try {
    // All of the configuration, the known-deviations file included, before anything is started or cleared.
    const config = loadConfig();
    knownDeviationsIn(config.reports.knownDeviationsFile);
    dir = config.reports.dir;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`\nConfiguration error: ${error.message}\n\n`);
    return CONFIG_ERROR_EXIT;
  }
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
  }, process.env);
  const artifacts = report.ok
    ? reportArtifactLines(shown)
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
