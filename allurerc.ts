import { join } from 'node:path';
import { defineConfig } from 'allure';
import { DEFAULT_REPORTS_DIR, KNOWN_DEVIATION_LABEL, LEVEL_LABEL, REPORTS_DIR_ENV } from './src/reporting/constants';

/**
 * Allure 3 configuration, read by `npx allure generate` and by src/cli/conformance.ts and src/cli/report.ts.
 * Everything lives under ADT_REPORTS_DIR (default reports/); keep reports/history/ between CI runs for trends.
 */
const reportsDir = process.env[REPORTS_DIR_ENV]?.trim() || DEFAULT_REPORTS_DIR;

const CONNECTIVITY_OR_CONFIG =
  /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|getaddrinfo|socket hang up|fetch failed|certificate|self[- ]signed|TLS|timeout|[Cc]onfiguration|preflight|ADT_[A-Z_]+|AZURE_[A-Z_]+/;

export default defineConfig({
  name: 'Azure Digital Twins Delete Jobs conformance',
  output: join(reportsDir, 'allure-report'),
  resultsDir: join(reportsDir, 'allure-results'),
  historyPath: join(reportsDir, 'history', 'allure-history.jsonl'),
  historyLimit: 50,
  plugins: {
    awesome: {
      options: {
        reportName: 'Azure Digital Twins Delete Jobs conformance',
        singleFile: false,
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
