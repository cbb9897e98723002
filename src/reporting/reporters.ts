import { join } from 'node:path';
import type { ReporterDescription } from '@playwright/test';
import type { SuiteConfig } from '../config';
import { ALLURE_RESULTS_DIR, JUNIT_XML } from './constants';
import type { MatrixReporterOptions } from './matrix-reporter';

/** Our allure-playwright, which adds the environment widget (see allure-reporter.ts). */
export const ALLURE_REPORTER = join(__dirname, 'allure-reporter.ts');

/**
 * The conformance run's reporters, for playwright.config.ts: a console a person reads, JUnit XML, Allure results
 * and the conformance matrix. The matrix reporter comes last so its run status (MUST failures only) is the one that counts.
 */
export function reporters(config: SuiteConfig): ReporterDescription[] {
  const dir = config.reports.dir;
  const matrixOptions: MatrixReporterOptions = { outputDir: dir };
  return [
    [join(__dirname, 'console-reporter.ts')],
    ['junit', { outputFile: join(dir, JUNIT_XML) }],
    [ALLURE_REPORTER, { resultsDir: join(dir, ALLURE_RESULTS_DIR), suiteTitle: true }],
    [join(__dirname, 'matrix-reporter.ts'), matrixOptions],
  ];
}
