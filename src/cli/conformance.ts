/**
 * `npm run conformance [-- <playwright options>]`: runs the conformance suite, then builds the Allure HTML report and
 * prints the conformance matrix last. Exits with the run's verdict: 0 PASSED, 1 FAILED (or the target unusable),
 * 2 configuration error or the reports folder in use by another run, 3 INCOMPLETE (0 with ADT_ACCEPT_INCOMPLETE=1),
 * 130 INTERRUPTED (Ctrl-C or SIGTERM: the last complete report is left as it was).
 */
import { existsSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ConfigError, CONFIG_ERROR_EXIT, EXCHANGES_HAR, loadConfig, replaySelectionArgs, VARIABLES, type SuiteConfig } from '../config';
import { acquireRunLock, exitWhenBusy, playwrightRunWrites } from './run-lock';
import { interruptRunsOnSignal, spawnSuite } from './spawn-suite';
import { generateAllureReport, HTML_REPORT_SKIPPED, reportArtifactLines } from '../reporting/allure-generate';
import { ALLURE_REPORT_DIR, ALLURE_RESULTS_DIR, ALLURE_SINGLE_FILE, JUNIT_XML } from '../reporting/constants';
import { knownDeviationsIn } from '../reporting/known-deviations';
import { MATRIX_JSON, matrixSummary, readMatrixIn } from '../reporting/matrix-output';
import { recordingLine } from '../reporting/matrix-reporter';
import { parityText, replayDefects } from '../reporting/replay-parity';
import { commitStaging, startStaging } from '../reporting/stale-results';
import { exitCodeOf, INTERRUPTED_EXIT } from '../reporting/verdicts';


/**
 * Playwright in a process group of its own: Ctrl-C (or `kill` of the npm process) reaches this process alone, which
 * sends ONE SIGINT to the group (interruptRunsOnSignal), as a terminal would; Playwright stops its workers and its
 * webServer mock.
 */
async function runPlaywright(args: string[], environment: NodeJS.ProcessEnv): Promise<number> {
  const run = await spawnSuite({ args, environment, output: 'inherit', group: true });
  return run.exitCode ?? (run.signal ? INTERRUPTED_EXIT : 1);
}

const REPLAY_FLAG = '--replay';

/** `--replay FILE` is ours (it becomes ADT_REPLAY_FILE); every other argument goes to Playwright. */
function splitReplayFlag(argv: readonly string[]): { replay: string | undefined; args: string[] } {
  const args: string[] = [];
  let replay: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === REPLAY_FLAG || arg.startsWith(`${REPLAY_FLAG}=`)) {
      replay = arg === REPLAY_FLAG ? argv[(index += 1)] : arg.slice(REPLAY_FLAG.length + 1);
      if (replay === undefined || replay === '') throw new ConfigError(REPLAY_FLAG, 'needs a file: the recording to replay.', 'run npm run conformance -- --replay reports/exchanges.har (a recording of an earlier run).');
    } else {
      args.push(arg);
    }
  }
  return { replay, args };
}

async function main(): Promise<number> {
  let dir: string;
  let config: SuiteConfig;
  let args: string[];
  try {
    const wrapper = splitReplayFlag(process.argv.slice(2));
    if (wrapper.replay !== undefined) process.env[VARIABLES.replayFile.name] = resolve(wrapper.replay);
    // All of the configuration, the known-deviations file included, before anything is started or cleared.
    config = loadConfig();
    knownDeviationsIn(config.reports.knownDeviationsFile);
    dir = config.reports.dir;
    args = replaySelectionArgs(config, wrapper.args);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`\nConfiguration error: ${error.message}\n\n`);
    return CONFIG_ERROR_EXIT;
  }
  const shown = relative(process.cwd(), dir) || '.';
  // Listing writes nothing (playwright.config.ts lists with Playwright's list reporter): no lock, nothing cleared.
  const stoppedBy = interruptRunsOnSignal();
  if (playwrightRunWrites(args).listing) return runPlaywright(args, process.env);
  exitWhenBusy(() => acquireRunLock(dir, 'npm run conformance'));
  // The run builds everything in a private folder; only a complete run replaces the previous reports.
  const staging = startStaging(dir);
  const recording = config.reports.recording.file;
  const exitCode = await runPlaywright(args, { ...process.env, [VARIABLES.matrixSummary.name]: 'off', [VARIABLES.reportsDir.name]: staging });
  const stopped = (): number => {
    rmSync(staging, { recursive: true, force: true });
    process.stdout.write(`\n  Run verdict: INTERRUPTED (stopped by ${stoppedBy() ?? 'a signal'}; the last complete report in ${shown}/ is unchanged)\n`);
    return INTERRUPTED_EXIT;
  };
  if (stoppedBy() !== undefined) return stopped();

  const matrix = readMatrixIn(staging);
  // No matrix: configuration error, --help... Playwright already said everything there is to say.
  if (!matrix) {
    rmSync(staging, { recursive: true, force: true });
    return exitCode;
  }

  // The default recording is built in the private folder too; one set by ADT_EXCHANGES_HAR is written where it says.
  const recordingInDir = recording === join(dir, EXCHANGES_HAR) && existsSync(join(staging, EXCHANGES_HAR));
  const stagedRecording = recordingInDir ? join(staging, EXCHANGES_HAR) : recording;
  const report = config.reports.htmlReport
    ? generateAllureReport({
        resultsDirs: [join(staging, ALLURE_RESULTS_DIR)],
        outputDir: join(staging, ALLURE_REPORT_DIR),
        singleFile: join(staging, ALLURE_SINGLE_FILE),
        matrixFile: join(staging, MATRIX_JSON),
        recordingFile: stagedRecording,
        environment: matrix.environment,
      }, process.env)
    : undefined;
  if (stoppedBy() !== undefined) return stopped();
  commitStaging(dir, staging, recordingInDir ? [EXCHANGES_HAR] : []);
  const artifacts = report === undefined
    ? [`${HTML_REPORT_SKIPPED}; \`npm run report\` builds it from ${join(shown, ALLURE_RESULTS_DIR)}`]
    : report.ok
      ? reportArtifactLines(shown)
      : [`ERROR: the Allure HTML report could not be generated: ${report.output}`];
  const recorded = recording !== undefined && existsSync(recording) ? [recordingLine(recording)] : [];
  process.stdout.write(matrixSummary(matrix, shown, [...artifacts, `JUnit XML: ${join(shown, JUNIT_XML)}`, ...recorded]));
  if (config.replay?.verdicts) {
    // A replay exits as a run with the replayed verdict would, and a verdict that differs from the recorded one fails it too.
    const defects = replayDefects(config.replay.verdicts, matrix);
    const code = defects.length > 0 || report?.ok === false ? 1 : exitCodeOf(matrix);
    process.stdout.write(parityText(defects, relative(process.cwd(), config.replay.file), code));
    return code;
  }
  if (report?.ok === false && exitCode === 0) return 1;
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
