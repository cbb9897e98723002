import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VARIABLES } from '../config';
import {
  ALLURE_FOLDER_PLUGIN,
  ALLURE_REPORT_DIR,
  ALLURE_SINGLE_FILE,
  ALLURE_SINGLE_PLUGIN,
  KNOWN_DEVIATION_LABEL,
} from './constants';

import { historyBuild } from './allure-history';
import { historyKey } from './environment';
import { CODE_ROOT, COMPILED, PACKAGE_ROOT } from '../package-root';
import { commandLine } from '../../mock/contract';

const REPORT_MATRIX_ENV = VARIABLES.reportMatrix.name;
const REPORT_HISTORY_FILE_ENV = VARIABLES.reportHistoryFile.name;
const REPORT_RECORDING_ENV = VARIABLES.reportRecording.name;

// Where npm put allure (beside this package when installed, not inside it): its CLI sits beside its dist/.
const ALLURE_CLI = join(dirname(require.resolve('allure')), '..', 'cli.js');
// The installed package's is compiled to CommonJS (.cjs: Allure imports a .js config as ESM).
const ALLURE_CONFIG = COMPILED ? join(CODE_ROOT, 'allurerc.cjs') : join(CODE_ROOT, 'allurerc.ts');

interface AllureResult {
  status?: string;
  labels?: { name: string; value: string }[];
  statusDetails?: { known?: boolean };
}

/**
 * Sets Allure's own "known" flag on failed results of requirements listed as known deviations, so the report shows
 * them as accepted (Resolution filter) besides the "Known deviations" category. The status stays failed: nothing
 * is turned green. Idempotent, so merged shard folders can be processed again.
 */
export function markKnownDeviations(resultsDir: string): number {
  let marked = 0;
  for (const name of readdirSync(resultsDir)) {
    if (!name.endsWith('-result.json')) continue;
    const file = join(resultsDir, name);
    const result = JSON.parse(readFileSync(file, 'utf8')) as AllureResult;
    const failed = result.status === 'failed' || result.status === 'broken';
    const listed = result.labels?.some((l) => l.name === KNOWN_DEVIATION_LABEL) ?? false;
    if (!failed || !listed || result.statusDetails?.known === true) continue;
    result.statusDetails = { ...result.statusDetails, known: true };
    writeFileSync(file, JSON.stringify(result));
    marked += 1;
  }
  return marked;
}

/**
 * Allure 3.18's Awesome report loads Google Analytics (googletagmanager.com) when opened: its template enables it
 * unconditionally (only the allure2 plugin reads ALLURE_NO_ANALYTICS). A report downloaded from CI must make no
 * request outside itself, so the tag and its inline config are removed from the built HTML.
 */
const ANALYTICS_TAG =
  /\s*<script async src="https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=[^"]*"><\/script>\s*<script>\s*window\.dataLayer[\s\S]*?<\/script>/;

/** The page without Allure's analytics, or undefined when a tag is still there (a new Allure template: fail loudly). */
export function withoutAnalytics(html: string): string | undefined {
  const stripped = html.replace(ANALYTICS_TAG, '');
  return /googletagmanager|gtag\(/.test(stripped) ? undefined : stripped;
}

/**
 * Allure 3.18's single file puts its app script BEFORE the inline data it reads. The app then sometimes starts
 * first, finds no data, fetches widgets/*.json from disk and shows a blank page under file:// (seen about one load
 * in three in Chromium). Deferring the app until the document, data included, is parsed makes every load render.
 */
export function deferAppScript(html: string): string {
  return html.replace(
    /<script\s+src="data:text\/javascript;base64,/,
    '<script defer src="data:text/javascript;base64,',
  );
}

export interface GenerateResult {
  ok: boolean;
  output: string;
}

export interface ReportRequest {
  resultsDirs: string[];
  /** The multi-file report folder (index.html plus data; needs an http server). */
  outputDir: string;
  /** The single-file report, which also works from file://. */
  singleFile: string;
  /** The run's conformance-matrix.json, or a comparison's compare-matrix.json: the report shows its verdicts, and the tables beside it as global attachments. */
  matrixFile: string | undefined;
  /** The run's recording (HAR), a global attachment when it exists. */
  recordingFile?: string | undefined;
  /** The run's environment (Target, api-version): picks the target's own history. */
  environment: Readonly<Record<string, string>>;
}

function runAllure(resultsDirs: string[], outputDir: string, env: NodeJS.ProcessEnv): GenerateResult {
  const run = spawnSync(
    process.execPath,
    [ALLURE_CLI, 'generate', '--config', ALLURE_CONFIG, '--output', outputDir, ...resultsDirs],
    {
      cwd: PACKAGE_ROOT,
      env,
      encoding: 'utf8',
    },
  );
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}

/**
 * Builds the Allure 3 HTML reports (no Java) from one or more allure-results folders, with allurerc.ts: the folder
 * report and the single file in one `allure generate`, which reads the results and the target's history once. The
 * history gets one entry per run: a rebuild of the same results leaves it as it is (see allure-history.ts).
 */
export function generateAllureReport(request: ReportRequest, env: NodeJS.ProcessEnv): GenerateResult {
  const existing = request.resultsDirs.filter((dir) => existsSync(dir));
  if (existing.length === 0)
    return { ok: false, output: `no Allure results found in ${request.resultsDirs.join(', ')}` };
  for (const dir of existing) markKnownDeviations(dir);
  const build = `${request.outputDir}.build`;
  rmSync(build, { recursive: true, force: true });
  const history = historyBuild(
    join(dirname(request.outputDir), 'history', historyKey(request.environment), 'allure-history.jsonl'),
    existing,
    join(build, 'history'),
  );
  const reportEnv: NodeJS.ProcessEnv = {
    ...env,
    [REPORT_HISTORY_FILE_ENV]: history.file,
    ...(request.matrixFile === undefined ? {} : { [REPORT_MATRIX_ENV]: request.matrixFile }),
    ...(request.recordingFile === undefined ? {} : { [REPORT_RECORDING_ENV]: request.recordingFile }),
  };
  try {
    const result = runAllure(existing, build, reportEnv);
    if (!result.ok) return result;
    const [folderPage, singlePage] = [ALLURE_FOLDER_PLUGIN, ALLURE_SINGLE_PLUGIN].map((plugin) =>
      withoutAnalytics(readFileSync(join(build, plugin, 'index.html'), 'utf8')),
    );
    if (folderPage === undefined || singlePage === undefined) {
      return {
        ok: false,
        output:
          'the built report still loads Google Analytics (a new Allure template?): see withoutAnalytics in src/reporting/allure-generate.ts',
      };
    }
    history.commit();
    writeFileSync(join(build, ALLURE_FOLDER_PLUGIN, 'index.html'), folderPage);
    // Allure keeps files an earlier build left in the folder (a global attachment of the same name, for one).
    rmSync(request.outputDir, { recursive: true, force: true });
    renameSync(join(build, ALLURE_FOLDER_PLUGIN), request.outputDir);
    writeFileSync(request.singleFile, deferAppScript(singlePage));
    return result;
  } finally {
    rmSync(build, { recursive: true, force: true });
  }
}

/** What the console says instead of the report's paths when ADT_HTML_REPORT=off skipped it. */
export const HTML_REPORT_SKIPPED = `Allure HTML report: not built (${VARIABLES.htmlReport.name}=off)`;

/** What the console says about the reports, with paths as the user typed them (relative to the working folder). */
export function reportArtifactLines(shownReportsDir: string): string[] {
  return [
    `Allure report: ${join(shownReportsDir, ALLURE_REPORT_DIR, 'index.html')} (${commandLine('report')} serves it)`,
    `Allure report, single file: ${join(shownReportsDir, ALLURE_SINGLE_FILE)} (opens from disk, e.g. downloaded from CI)`,
  ];
}
