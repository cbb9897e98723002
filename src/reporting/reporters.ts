import { join } from 'node:path';
import type { ReporterDescription } from '@playwright/test';
import type { SuiteConfig } from '../config';
import { codeFile } from '../package-root';
import { ALLURE_RESULTS_DIR, JUNIT_XML } from './constants';
import type { MatrixReporterOptions } from './matrix-reporter';

/** Our allure-playwright, which adds the environment widget (see allure-reporter.ts). */
export const ALLURE_REPORTER = codeFile('src/reporting/allure-reporter.ts');

/**
 * The conformance run's reporters, for playwright.config.ts: a console a person reads, JUnit XML, Allure results
 * and the conformance matrix. The matrix reporter comes last so its run status (MUST failures only) is the one that counts.
 */
export function reporters(config: SuiteConfig): ReporterDescription[] {
  const dir = config.reports.dir;
  const matrixOptions: MatrixReporterOptions = { outputDir: dir };
  return [
    [codeFile('src/reporting/console-reporter.ts')],
    ['junit', { outputFile: join(dir, JUNIT_XML) }],
    [ALLURE_REPORTER, { resultsDir: join(dir, ALLURE_RESULTS_DIR), suiteTitle: true }],
    [codeFile('src/reporting/matrix-reporter.ts'), matrixOptions],
  ];
}
