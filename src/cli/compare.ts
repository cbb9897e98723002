/**
 * `npm run compare -- <target> <target> [...]`: the suite once per target, then one answer: a requirement matrix
 * (requirement × target), an exchange diff and one Allure report, under <reports>/compare/. Exit 0 when every target
 * got the same verdict for every requirement, 1 when they differ (or a run broke), 2 for configuration.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, CONFIG_ERROR_EXIT, configuredReportsDir, loadDotenv } from '../config';
import { acquireRunLock, exitWhenBusy, otherFolder } from './run-lock';
import { interruptRunsOnSignal } from './spawn-suite';
import { compareAllureReport } from '../compare/allure-merge';
import { HTML_REPORT_SKIPPED } from '../reporting/allure-generate';
import { targetRun, type TargetRun } from '../compare/environment';
import { diffExchanges, exchangeDiffMarkdown } from '../compare/exchange-diff';
import {
  COMPARE_MATRIX,
  compareExitCode,
  compareMarkdown,
  compareMatrices,
  compareSummary,
  EXCHANGE_DIFF,
} from '../compare/matrix-compare';
import { checkReachable } from '../compare/reachable';
import { runTargets, type FinishedRun } from '../compare/run-targets';
import { COMPARE_USAGE, parseCompareArgs, type TargetSpec } from '../compare/targets';
import { ALLURE_REPORT_DIR, ALLURE_SINGLE_FILE } from '../reporting/constants';
import { knownDeviationsIn } from '../reporting/known-deviations';
import { INTERRUPTED_EXIT } from '../reporting/verdicts';
import { commandLine } from '../../mock/contract';

function describe(target: TargetSpec): string {
  switch (target.kind) {
    case 'mock':
      return target.quirks.length === 0 ? 'bundled mock' : `bundled mock with quirk(s) ${target.quirks.join(', ')}`;
    case 'url':
      return target.baseUrl;
    case 'har':
      return `replay of ${target.file}`;
  }
}

async function prepare(
  argv: readonly string[],
): Promise<{ runs: TargetRun[]; outDir: string; playwrightArgs: readonly string[] } | 'help'> {
  loadDotenv();
  const request = parseCompareArgs(argv, process.cwd());
  if (request.help) return 'help';
  const outDir = request.outDir ?? path.join(configuredReportsDir(), 'compare');
  const runs = request.targets.map((target) =>
    targetRun(target, process.env, request.overrides.get(target.label) ?? {}, outDir),
  );
  // As npm run conformance does before it starts anything: an invalid known-deviations file is a configuration error.
  for (const run of runs) knownDeviationsIn(run.config.reports.knownDeviationsFile);
  await checkReachable(request.targets);
  return { runs, outDir, playwrightArgs: request.playwrightArgs };
}

function verdictLine(finished: FinishedRun): string {
  const verdict = finished.matrix?.status.toUpperCase() ?? 'BROKEN';
  const seconds = (finished.wallMs / 1000).toFixed(1);
  return `  ${finished.run.target.label}: ${verdict} (${seconds} s)${finished.problem === undefined ? '' : ` — ${finished.problem}`}\n`;
}

function writeBoth(outDir: string, name: string, json: unknown, markdown: string): void {
  writeFileSync(path.join(outDir, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(path.join(outDir, `${name}.md`), markdown);
}

async function main(): Promise<number> {
  let prepared: Awaited<ReturnType<typeof prepare>>;
  try {
    prepared = await prepare(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`\nConfiguration error: ${error.message}\n\n`);
    return CONFIG_ERROR_EXIT;
  }
  if (prepared === 'help') {
    process.stdout.write(`${COMPARE_USAGE}\n`);
    return 0;
  }
  const { runs, outDir, playwrightArgs } = prepared;
  exitWhenBusy(() =>
    acquireRunLock(outDir, commandLine('compare'), {
      elsewhere: commandLine('compare', `--out ${otherFolder(outDir).other} <the same targets>`),
    }),
  );
  // Ctrl-C or SIGTERM: ONE SIGINT to every run (each stops its workers and mock), then no comparison is written.
  const stoppedBy = interruptRunsOnSignal();
  process.stdout.write(
    `Comparing ${runs.length} targets (${runs.map((run) => `${run.target.label}: ${describe(run.target)}`).join('; ')})\n`,
  );
  const finished = await runTargets(runs, playwrightArgs, (done) => process.stdout.write(verdictLine(done)));
  const interrupted = stoppedBy();
  if (interrupted !== undefined) {
    process.stdout.write(`\nCompare verdict: INTERRUPTED (stopped by ${interrupted}; no comparison was written)\n`);
    return INTERRUPTED_EXIT;
  }

  const matrix = compareMatrices(
    finished.map((done) => ({
      label: done.run.target.label,
      description: describe(done.run.target),
      matrix: done.matrix,
      ...(done.problem === undefined ? {} : { problem: done.problem }),
    })),
  );
  writeBoth(outDir, COMPARE_MATRIX, matrix, compareMarkdown(matrix));
  const diff = diffExchanges(new Map(finished.map((done) => [done.run.target.label, done.recording])));
  writeBoth(outDir, EXCHANGE_DIFF, diff, exchangeDiffMarkdown(diff));
  const compared = finished.map((done) => ({
    label: done.run.target.label,
    description: describe(done.run.target),
    reportsDir: done.run.reportsDir,
  }));
  // ADT_HTML_REPORT=off skips the HTML here as in npm run conformance; each run's Allure results stay for later.
  const htmlReport = runs.every((run) => run.config.reports.htmlReport);
  const report = htmlReport
    ? compareAllureReport(
        compared,
        outDir,
        path.join(outDir, `${COMPARE_MATRIX}.json`),
        runs[0]?.config.apiVersion ?? '',
        process.env,
      )
    : undefined;

  const shown = path.relative(process.cwd(), outDir) || '.';
  const lines = [
    '',
    'Comparison (target, run verdict):',
    ...compareSummary(matrix),
    '',
    `  Requirement matrix: ${path.join(shown, `${COMPARE_MATRIX}.md`)} (and .json)`,
    `  Exchange diff: ${path.join(shown, `${EXCHANGE_DIFF}.md`)} (and .json), ${diff.differences.length} of ${diff.comparedRequests} logical request(s) differ${
      Object.keys(diff.missing).length > 0
        ? `; not compared: ${Object.entries(diff.missing)
            .map(([label, why]) => `${label} (${why})`)
            .join(', ')}`
        : ''
    }`,
    report === undefined
      ? `  ${HTML_REPORT_SKIPPED}`
      : report.ok
        ? `  Allure report (one test per target): ${path.join(shown, ALLURE_REPORT_DIR, 'index.html')}, single file ${path.join(shown, ALLURE_SINGLE_FILE)}`
        : `  ERROR: the Allure HTML report could not be generated: ${report.output}`,
    `  Each target's own reports: ${path.join(shown, '<label>')}/`,
    '',
    compareExitCode(matrix) === 0
      ? 'Compare verdict: SAME (every target got the same verdict for every requirement)'
      : `Compare verdict: DIFFERENT (${matrix.differing.length} requirement(s) differ${matrix.targets.some((target) => target.status === 'broken') ? '; a run broke' : ''})`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  return compareExitCode(matrix);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`compare: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
