/**
 * `npm run conformance [-- <playwright options>]`: runs the conformance suite, then builds the Allure HTML report and
 * prints the conformance matrix last. Exits with the run's verdict: 0 PASSED, 1 FAILED (or the target unusable),
 * 2 configuration error, 3 INCOMPLETE (0 with ADT_ACCEPT_INCOMPLETE=1).
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ConfigError, CONFIG_ERROR_EXIT, loadConfig, replaySelectionArgs, VARIABLES, type SuiteConfig } from '../config';
import { spawnSuite } from './spawn-suite';
import { generateAllureReport, HTML_REPORT_SKIPPED, reportArtifactLines } from '../reporting/allure-generate';
import { ALLURE_REPORT_DIR, ALLURE_RESULTS_DIR, ALLURE_SINGLE_FILE, JUNIT_XML } from '../reporting/constants';
import { knownDeviationsIn } from '../reporting/known-deviations';
import { MATRIX_JSON, matrixSummary, readMatrixIn } from '../reporting/matrix-output';
import { recordingLine } from '../reporting/matrix-reporter';
import { parityText, replayDefects } from '../reporting/replay-parity';
import { clearStaleResults } from '../reporting/stale-results';
import { exitCodeOf } from '../reporting/verdicts';


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
  const recording = config.reports.recording.file;
  clearStaleResults(dir, recording);
  const exitCode = await runPlaywright(args);

  const matrix = readMatrixIn(dir);
  // No matrix: configuration error, --help, --list... Playwright already said everything there is to say.
  if (!matrix || args.includes('--list')) return exitCode;

  const report = config.reports.htmlReport
    ? generateAllureReport({
        resultsDirs: [join(dir, ALLURE_RESULTS_DIR)],
        outputDir: join(dir, ALLURE_REPORT_DIR),
        singleFile: join(dir, ALLURE_SINGLE_FILE),
        matrixFile: join(dir, MATRIX_JSON),
        recordingFile: recording,
        environment: matrix.environment,
      }, process.env)
    : undefined;
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
