import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defineConfig } from 'allure';
import { configuredReportsDir, handOver } from './src/config';
import {
  ALLURE_FOLDER_PLUGIN,
  ALLURE_SINGLE_PLUGIN,
  KNOWN_DEVIATION_LABEL,
  LEVEL_LABEL,
} from './src/reporting/constants';
import { MATRIX_MD, reportVariables } from './src/reporting/matrix-output';
import {
  COMPARE_MATRIX,
  compareReportVariables,
  compareVerdictText,
  EXCHANGE_DIFF,
  type CompareMatrix,
} from './src/compare/matrix-compare';
import { verdictHeadline, type Matrix } from './src/reporting/verdicts';

/**
 * Allure 3 configuration, read by `npx allure generate` and by src/cli/conformance.ts and src/cli/report.ts.
 * Everything lives under ADT_REPORTS_DIR (default reports/); keep reports/history/ between CI runs for trends.
 */
const reportsDir = configuredReportsDir();
const REPORT_NAME = 'Azure Digital Twins Delete Jobs conformance';

// The run's own matrix (set by generateAllureReport), or a comparison's: its verdicts go on the landing page, the tables beside them.
const build = handOver.reportBuild();
const matrixFile = build.matrixFile;
const matrixJson =
  matrixFile !== undefined && existsSync(matrixFile)
    ? (JSON.parse(readFileSync(matrixFile, 'utf8')) as Matrix | CompareMatrix)
    : undefined;

interface Landing {
  verdict: string;
  variables: Record<string, string>;
  attachments: string[];
}

function landingOf(json: Matrix | CompareMatrix, dir: string): Landing {
  if (json.kind === 'adt-compare-matrix') {
    return {
      verdict: `comparison ${compareVerdictText(json)}`,
      variables: compareReportVariables(json),
      attachments: [join(dir, `${COMPARE_MATRIX}.md`), join(dir, `${EXCHANGE_DIFF}.md`)],
    };
  }
  const recording = build.recordingFile !== undefined && existsSync(build.recordingFile) ? [build.recordingFile] : [];
  return {
    verdict: verdictHeadline(json),
    variables: reportVariables(json),
    attachments: [join(dir, MATRIX_MD), ...recording],
  };
}

const landing = matrixJson && matrixFile !== undefined ? landingOf(matrixJson, dirname(matrixFile)) : undefined;
// The verdict is in the title: the success-rate ring counts tests, not requirements, and cannot say FAILED.
const reportName = landing ? `${REPORT_NAME}: ${landing.verdict}` : REPORT_NAME;

const CONNECTIVITY_OR_CONFIG =
  /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|getaddrinfo|socket hang up|fetch failed|certificate|self[- ]signed|TLS|timeout|[Cc]onfiguration|preflight|ADT_[A-Z_]+|AZURE_[A-Z_]+/;

export default defineConfig({
  name: reportName,
  output: join(reportsDir, 'allure-report'),
  resultsDir: join(reportsDir, 'allure-results'),
  // One history per target and api-version (see historyKey); one pass builds both reports, so the run is added once.
  historyPath: build.historyFile ?? join(reportsDir, 'history', 'allure-history.jsonl'),
  historyLimit: 50,
  ...(landing
    ? { variables: landing.variables, globalAttachments: landing.attachments.filter((file) => existsSync(file)) }
    : {}),
  // Both reports in one pass: the folder report (served by npm run report) and the single file (opens from disk).
  // generateAllureReport moves each out of its plugin's sub-folder.
  plugins: {
    [ALLURE_FOLDER_PLUGIN]: {
      import: '@allurereport/plugin-awesome',
      options: { reportName, singleFile: false, groupBy: ['epic', 'feature', 'story'] },
    },
    [ALLURE_SINGLE_PLUGIN]: {
      import: '@allurereport/plugin-awesome',
      options: { reportName, singleFile: true, groupBy: ['epic', 'feature', 'story'] },
    },
  },
  categories: {
    rules: [
      {
        id: 'known-deviations',
        name: 'Known deviations (accepted, do not fail the run)',
        matchers: { statuses: ['failed', 'broken'], labels: { [KNOWN_DEVIATION_LABEL]: /.+/ } },
        groupBy: [{ label: KNOWN_DEVIATION_LABEL }],
        groupByMessage: false,
      },
      {
        id: 'configuration-or-connectivity',
        name: 'Configuration or connectivity errors',
        matchers: [{ statuses: ['broken'] }, { statuses: ['failed'], message: CONNECTIVITY_OR_CONFIG }],
      },
      {
        id: 'should-warnings',
        name: 'SHOULD warnings (do not fail the run)',
        matchers: { statuses: ['failed'], labels: { [LEVEL_LABEL]: /^SHOULD$/ } },
        groupBy: [{ label: 'story' }],
      },
      {
        id: 'contract-violations',
        name: 'Contract violations (MUST)',
        matchers: { statuses: ['failed'], labels: { [LEVEL_LABEL]: /^MUST$/ } },
        groupBy: [{ label: 'story' }],
        expand: true,
      },
    ],
  },
});
