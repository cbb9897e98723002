/**
 * `npm run conformance [-- <playwright options>]`: runs the conformance suite, then builds the Allure HTML report and
 * prints the conformance matrix last. Exits with the run's verdict: 0 PASSED, 1 FAILED (or the target unusable),
 * 2 configuration error or the reports folder in use by another run, 3 INCOMPLETE (0 with ADT_ACCEPT_INCOMPLETE=1),
 * 130 INTERRUPTED (Ctrl-C or SIGTERM: the last complete report is left as it was).
 * `npm run judge -- FILE.har` is the same run over a recording instead of a target.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import {
  ConfigError,
  CONFIG_ERROR_EXIT,
  EXCHANGES_HAR,
  loadConfig,
  replaySelectionArgs,
  VARIABLES,
  type SuiteConfig,
} from '../config';
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
import { judgedRecording, JudgeInputError } from '../judge/recording';
import { commandLine } from '../../mock/contract';

/**
 * Playwright in a process group of its own: Ctrl-C (or `kill` of the npm process) reaches this process alone, which
 * sends ONE SIGINT to the group (interruptRunsOnSignal), as a terminal would; Playwright stops its workers and its
 * webServer mock.
 */
async function runPlaywright(args: string[], environment: NodeJS.ProcessEnv): Promise<number> {
  const run = await spawnSuite({ args, environment, output: 'inherit', group: true });
  return run.exitCode ?? (run.signal ? INTERRUPTED_EXIT : 1);
}

const WRAPPER_FLAGS = {
  '--replay': `run ${commandLine('conformance', '--replay reports/exchanges.har')} (a recording of an earlier run).`,
  '--judge': `run ${commandLine('judge', 'FILE.har')} (a HAR 1.2 file of Delete Jobs traffic).`,
} as const;
type WrapperFlag = keyof typeof WRAPPER_FLAGS;

/** `--replay FILE` and `--judge FILE` (`npm run judge`) are ours; every other argument goes to Playwright. */
function splitWrapperFlags(argv: readonly string[]): { files: Partial<Record<WrapperFlag, string>>; args: string[] } {
  const args: string[] = [];
  const files: Partial<Record<WrapperFlag, string>> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const flag = (Object.keys(WRAPPER_FLAGS) as WrapperFlag[]).find(
      (name) => arg === name || arg.startsWith(`${name}=`),
    );
    if (flag === undefined) {
      args.push(arg);
      continue;
    }
    const file = arg === flag ? argv[(index += 1)] : arg.slice(flag.length + 1);
    if (file === undefined || file === '' || file.startsWith('-'))
      throw new ConfigError(flag, 'needs a file.', WRAPPER_FLAGS[flag]);
    files[flag] = file;
  }
  if (files['--replay'] !== undefined && files['--judge'] !== undefined)
    throw new ConfigError('--judge', 'and --replay name two recordings.', 'judge one recording, or replay one.');
  return { files, args };
}

/**
 * `npm run judge -- FILE.har`: the HAR becomes a recording the replay serves (src/judge/recording.ts), written to a
 * private temporary folder the run removes; a file that is not HAR of Delete Jobs traffic is one line and exit 2.
 */
function prepareJudgedRecording(raw: string): { file: string; remove: () => void } {
  let text: string;
  try {
    text = readFileSync(raw, 'utf8');
  } catch {
    throw new JudgeInputError(`${raw} cannot be read (no such file, or not readable).`);
  }
  const recording = judgedRecording(text, raw);
  const folder = mkdtempSync(join(tmpdir(), 'adt-judge-'));
  const file = join(folder, 'judged.har');
  writeFileSync(file, JSON.stringify(recording));
  return {
    file,
    remove: () => {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<number> {
  let judged: { file: string; remove: () => void } | undefined;
  try {
    return await run((prepared) => (judged = prepared));
  } catch (error) {
    if (!(error instanceof JudgeInputError)) throw error;
    process.stderr.write(`judge: ${error.message}\n`);
    return CONFIG_ERROR_EXIT;
  } finally {
    judged?.remove();
  }
}

async function run(onJudged: (prepared: { file: string; remove: () => void }) => void): Promise<number> {
  let dir: string;
  let config: SuiteConfig;
  let args: string[];
  try {
    const wrapper = splitWrapperFlags(process.argv.slice(2));
    const judge = wrapper.files['--judge'];
    if (judge !== undefined) {
      const prepared = prepareJudgedRecording(judge);
      onJudged(prepared);
      process.env[VARIABLES.replayFile.name] = prepared.file;
    }
    const replay = wrapper.files['--replay'];
    if (replay !== undefined) process.env[VARIABLES.replayFile.name] = resolve(replay);
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
  exitWhenBusy(() => acquireRunLock(dir, commandLine('conformance')));
  // The run builds everything in a private folder; only a complete run replaces the previous reports.
  const staging = startStaging(dir);
  const recording = config.reports.recording.file;
  const exitCode = await runPlaywright(args, {
    ...process.env,
    [VARIABLES.matrixSummary.name]: 'off',
    [VARIABLES.reportsDir.name]: staging,
  });
  const stopped = (): number => {
    rmSync(staging, { recursive: true, force: true });
    process.stdout.write(
      `\n  Run verdict: INTERRUPTED (stopped by ${stoppedBy() ?? 'a signal'}; the last complete report in ${shown}/ is unchanged)\n`,
    );
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
    ? generateAllureReport(
        {
          resultsDirs: [join(staging, ALLURE_RESULTS_DIR)],
          outputDir: join(staging, ALLURE_REPORT_DIR),
          singleFile: join(staging, ALLURE_SINGLE_FILE),
          matrixFile: join(staging, MATRIX_JSON),
          recordingFile: stagedRecording,
          environment: matrix.environment,
        },
        process.env,
      )
    : undefined;
  if (stoppedBy() !== undefined) return stopped();
  commitStaging(dir, staging, recordingInDir ? [EXCHANGES_HAR] : []);
  const artifacts =
    report === undefined
      ? [`${HTML_REPORT_SKIPPED}; \`${commandLine('report')}\` builds it from ${join(shown, ALLURE_RESULTS_DIR)}`]
      : report.ok
        ? reportArtifactLines(shown)
        : [`ERROR: the Allure HTML report could not be generated: ${report.output}`];
  const recorded = recording !== undefined && existsSync(recording) ? [recordingLine(recording)] : [];
  process.stdout.write(
    matrixSummary(matrix, shown, [...artifacts, `JUnit XML: ${join(shown, JUNIT_XML)}`, ...recorded]),
  );
  if (config.replay?.verdicts) {
    // A replay exits as a run with the replayed verdict would, and a verdict that differs from the recorded one fails it too.
    const defects = replayDefects(config.replay.verdicts, matrix);
    const code = defects.length > 0 || report?.ok === false ? 1 : exitCodeOf(matrix);
    process.stdout.write(
      parityText(defects, config.replay.judged ?? relative(process.cwd(), config.replay.file), code),
    );
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
