import { join, resolve } from 'node:path';
import type { ReporterDescription } from '@playwright/test';
import { ALLURE_RESULTS_DIR, DEFAULT_REPORTS_DIR, JUNIT_XML, REPORTS_DIR_ENV } from './constants';
import { environmentInfo } from './environment';
import type { MatrixReporterOptions } from './matrix-reporter';

/** The folder every report goes to; separate folders let several runs (mutation testing, shards) work side by side. */
export function reportsDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env[REPORTS_DIR_ENV]?.trim() || DEFAULT_REPORTS_DIR);
}

/**
 * The conformance run's reporters, for playwright.config.ts: a console a person reads, JUnit XML, Allure results
 * and the conformance matrix. The matrix reporter comes last so its run status (MUST failures only) is the one that counts.
 */
export function reporters(env: NodeJS.ProcessEnv = process.env): ReporterDescription[] {
  const dir = reportsDir(env);
  const matrixOptions: MatrixReporterOptions = { outputDir: dir };
  return [
    [join(__dirname, 'console-reporter.ts')],
    ['junit', { outputFile: join(dir, JUNIT_XML) }],
    ['allure-playwright', { resultsDir: join(dir, ALLURE_RESULTS_DIR), environmentInfo: environmentInfo(env), suiteTitle: true }],
    [join(__dirname, 'matrix-reporter.ts'), matrixOptions],
  ];
}
