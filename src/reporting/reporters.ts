import { join } from 'node:path';
import type { ReporterDescription } from '@playwright/test';
import type { SuiteConfig } from '../config';
import { ALLURE_RESULTS_DIR, JUNIT_XML } from './constants';
import { environmentInfo } from './environment';
import type { MatrixReporterOptions } from './matrix-reporter';

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
    ['allure-playwright', { resultsDir: join(dir, ALLURE_RESULTS_DIR), environmentInfo: environmentInfo(config), suiteTitle: true }],
    [join(__dirname, 'matrix-reporter.ts'), matrixOptions],
  ];
}
