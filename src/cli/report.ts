/**
 * `npm run report [-- options]`: rebuilds the Allure HTML report and the conformance matrix from the LAST run's own
 * results (ADT_REPORTS_DIR's allure-results and matrix-parts, nothing in sub-folders such as verify-suite/ or
 * bench runs); when run interactively it serves the report on loopback instead, as it is (built first only if
 * there is none or it predates the last run's results).
 *   --merge DIR...  combine the results of several runs (e.g. `--shard i/n` on different machines) found under
 *                   the given folders into ONE report and ONE matrix in ADT_REPORTS_DIR; exits 1 when a MUST fails, 3 when INCOMPLETE.
 *   --serve         serve even when not interactive;   --no-serve   never serve, rebuild (CI=true implies it)
 *   --no-open       serve without opening a browser;   --port N     port to serve on (default: any free port)
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ciValue, exitOnConfigError, loadConfig } from '../config';
import { generateAllureReport, reportArtifactLines } from '../reporting/allure-generate';
import { reportShowsResults } from '../reporting/allure-history';
import { findAllureResults, findRunRecords, lastRunRecords } from '../reporting/collect';
import { ALLURE_REPORT_DIR, ALLURE_RESULTS_DIR, ALLURE_SINGLE_FILE, JUNIT_XML } from '../reporting/constants';
import { environmentInfo } from '../reporting/environment';
import { addMatrixToJunit } from '../reporting/junit-matrix';
import { appendUncheckedToJunit } from '../reporting/junit-unchecked';
import { MATRIX_JSON, matrixSummary, writeMatrix } from '../reporting/matrix-output';
import { recordingLine } from '../reporting/matrix-reporter';
import { serveDirectory } from '../reporting/static-server';
import { computeMatrix, exitCodeOf, INTERRUPTED_EXIT } from '../reporting/verdicts';
import { acquireRunLock, exitWhenBusy } from './run-lock';
import { parseCommandLine, UsageError, usageFailure } from './usage';
import { commandLine } from '../../mock/contract';

const USAGE = `Usage: ${commandLine('report', '[--merge DIR...] [--serve|--no-serve] [--no-open] [--port N]')}`;

function options(argv: string[]): { merge: string[]; serve: boolean; open: boolean; port: number } {
  const { values, positionals } = parseCommandLine({
    args: argv,
    allowPositionals: true,
    options: {
      merge: { type: 'boolean', default: false },
      serve: { type: 'boolean' },
      'no-serve': { type: 'boolean', default: false },
      'no-open': { type: 'boolean', default: false },
      port: { type: 'string', default: '0' },
    },
  });
  if (positionals.length > 0 && !values.merge)
    throw new UsageError(`unexpected ${positionals.join(' ')}; folders go after --merge`);
  if (values.merge && positionals.length === 0)
    throw new UsageError('--merge needs the folders holding the collected runs, e.g. --merge shards/');
  if (!/^\d+$/.test(values.port)) throw new UsageError(`--port must be a number, got "${values.port}"`);
  const interactive = process.stdout.isTTY && ciValue('CI') === undefined;
  return {
    merge: positionals,
    serve: !values['no-serve'] && (values.serve ?? interactive),
    open: !values['no-open'],
    port: Number(values.port),
  };
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  spawn(command, args, { stdio: 'ignore', detached: true })
    .on('error', () => undefined)
    .unref();
}

/** Serves the report folder on loopback until Ctrl+C (SIGINT) or SIGTERM. */
async function serveUntilStopped(reportDir: string, opts: { port: number; open: boolean }): Promise<number> {
  const server = await serveDirectory(reportDir, opts.port);
  process.stdout.write(`Serving the report at ${server.url} (Ctrl+C to stop)\n`);
  if (opts.open) openInBrowser(server.url);
  await new Promise<void>((stop) => process.once('SIGINT', stop).once('SIGTERM', stop));
  await server.close();
  return 0;
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  const config = exitOnConfigError(loadConfig);
  const { dir, acceptIncomplete } = config.reports;
  // Building writes the reports folder: one run at a time there. Serving only reads it, so it lets go first.
  const release = exitWhenBusy(() => acquireRunLock(dir, commandLine('report')));
  let interrupted: NodeJS.Signals | undefined;
  const stop = (signal: NodeJS.Signals): void => {
    interrupted ??= signal;
  };
  process.on('SIGINT', stop).on('SIGTERM', stop);
  const shown = relative(process.cwd(), dir) || '.';
  const merging = opts.merge.length > 0;
  const sources = merging ? opts.merge : [dir];
  const reportDir = join(dir, ALLURE_REPORT_DIR);

  // Viewing shows the report as it is: a rebuild would change what is viewed (and cost a build). It is built first
  // only when missing or older than the last run's results (plain `npx playwright test` leaves the old one).
  if (opts.serve && !merging && reportShowsResults(reportDir, [join(dir, ALLURE_RESULTS_DIR)])) {
    process.stdout.write(
      `${[...reportArtifactLines(shown), `Serving it as it is (\`${commandLine('report', '--no-serve')}\` rebuilds it).`].join('\n')}\n`,
    );
    return serveUntilStopped(reportDir, opts);
  }

  // Without --merge only the last run's own files count: the same verdicts as that run printed.
  const records = merging ? findRunRecords(sources) : lastRunRecords(dir);
  const resultsDirs = merging
    ? findAllureResults(sources)
    : [join(dir, ALLURE_RESULTS_DIR)].filter((d) => existsSync(d));
  if (records.length === 0 && resultsDirs.length === 0) {
    process.stderr.write(
      `No results under ${sources.join(', ')}. Run \`${commandLine('conformance')}\` first (or pass the collected shard folders to --merge).\n`,
    );
    return 1;
  }
  const matrix =
    records.length > 0
      ? computeMatrix(
          records.map((r) => r.record),
          { requireAllShards: merging, acceptIncomplete },
        )
      : undefined;
  if (matrix) {
    writeMatrix(dir, matrix);
    appendUncheckedToJunit(join(dir, JUNIT_XML), matrix);
    addMatrixToJunit(join(dir, JUNIT_XML), matrix);
  }

  const report = generateAllureReport(
    {
      resultsDirs,
      outputDir: reportDir,
      singleFile: join(dir, ALLURE_SINGLE_FILE),
      matrixFile: matrix ? join(dir, MATRIX_JSON) : undefined,
      // A merge has one recording per shard (each covers its own tests); only a single run's is attached.
      recordingFile: merging ? undefined : config.reports.recording.file,
      environment: matrix?.environment ?? environmentInfo(config),
    },
    process.env,
  );
  const recording = merging ? undefined : config.reports.recording.file;
  const reportLines = [
    ...(report.ok
      ? [...reportArtifactLines(shown), `(built from ${resultsDirs.length} results folder(s))`]
      : [`ERROR: the Allure HTML report could not be generated: ${report.output}`]),
    ...(recording !== undefined && existsSync(recording) ? [recordingLine(recording)] : []),
  ];
  // Allure's build runs synchronously: a signal is seen when it is done (the folder report is swapped in whole).
  if (interrupted !== undefined) {
    process.stdout.write(`\nReport: INTERRUPTED (stopped by ${interrupted})\n`);
    return INTERRUPTED_EXIT;
  }
  process.stdout.write(matrix ? matrixSummary(matrix, shown, reportLines) : `${reportLines.join('\n')}\n`);
  if (!report.ok) return 1;
  release();
  process.removeListener('SIGINT', stop).removeListener('SIGTERM', stop);

  if (opts.serve) return serveUntilStopped(reportDir, opts);
  // A merge is a verdict of its own: CI can fail the merge job on it (1 FAILED, 3 INCOMPLETE).
  return opts.merge.length > 0 && matrix ? exitCodeOf(matrix) : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.exitCode = usageFailure('report', error, USAGE);
      return;
    }
    process.stderr.write(`report: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
