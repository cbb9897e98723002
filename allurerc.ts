import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defineConfig } from 'allure';
import { configuredReportsDir, handOver } from './src/config';
import { KNOWN_DEVIATION_LABEL, LEVEL_LABEL } from './src/reporting/constants';
import { MATRIX_MD, reportVariables } from './src/reporting/matrix-output';
import type { Matrix } from './src/reporting/verdicts';

/**
 * Allure 3 configuration, read by `npx allure generate` and by src/cli/conformance.ts and src/cli/report.ts.
 * Everything lives under ADT_REPORTS_DIR (default reports/); keep reports/history/ between CI runs for trends.
 */
const reportsDir = configuredReportsDir();
const REPORT_NAME = 'Azure Digital Twins Delete Jobs conformance';

// The run's own matrix (set by generateAllureReport): its verdicts go on the landing page, the table beside them.
const build = handOver.reportBuild();
const matrixFile = build.matrixFile;
const matrix = matrixFile !== undefined && existsSync(matrixFile) ? (JSON.parse(readFileSync(matrixFile, 'utf8')) as Matrix) : undefined;
const singleFile = build.singleFile;
// The verdict is in the title: the success-rate ring counts tests, not requirements, and cannot say FAILED.
const reportName = matrix ? `${REPORT_NAME}: ${matrix.status.toUpperCase()}` : REPORT_NAME;

const CONNECTIVITY_OR_CONFIG =
  /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|getaddrinfo|socket hang up|fetch failed|certificate|self[- ]signed|TLS|timeout|[Cc]onfiguration|preflight|ADT_[A-Z_]+|AZURE_[A-Z_]+/;

export default defineConfig({
  name: reportName,
  output: join(reportsDir, 'allure-report'),
  resultsDir: join(reportsDir, 'allure-results'),
  // One history per target and api-version (see historyKey); the single file reads it without adding the run twice.
  historyPath: build.historyFile ?? join(reportsDir, 'history', 'allure-history.jsonl'),
  appendHistory: !singleFile,
  historyLimit: 50,
  ...(matrix && matrixFile !== undefined
    ? {
        variables: reportVariables(matrix),
        globalAttachments: [join(dirname(matrixFile), MATRIX_MD), ...(build.recordingFile !== undefined && existsSync(build.recordingFile) ? [build.recordingFile] : [])],
      }
    : {}),
  plugins: {
    awesome: {
      options: {
        reportName,
        singleFile,
        groupBy: ['epic', 'feature', 'story'],
      },
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
        matchers: [
          { statuses: ['broken'] },
          { statuses: ['failed'], message: CONNECTIVITY_OR_CONFIG },
        ],
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
