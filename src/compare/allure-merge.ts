/**
 * One Allure report for the whole comparison: every run's results in one folder. Each result carries the
 * parameter `target` (set by the fixtures from ADT_COMPARE_TARGET), which is part of Allure's history id, so the
 * same check on several targets shows as one test with one row per target instead of as retries.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { generateAllureReport, type GenerateResult } from '../reporting/allure-generate';
import { ALLURE_REPORT_DIR, ALLURE_RESULTS_DIR, ALLURE_SINGLE_FILE } from '../reporting/constants';

/** Per-run, not per-test: each run's would claim the whole report was about its target. */
const PER_RUN_FILES = new Set(['environment.properties', 'executor.json']);

export function mergeAllureResults(runReportsDirs: readonly string[], outDir: string): string {
  const merged = path.join(outDir, ALLURE_RESULTS_DIR);
  rmSync(merged, { recursive: true, force: true });
  mkdirSync(merged, { recursive: true });
  for (const dir of runReportsDirs) {
    const results = path.join(dir, ALLURE_RESULTS_DIR);
    if (!existsSync(results)) continue;
    for (const name of readdirSync(results)) {
      if (!PER_RUN_FILES.has(name)) copyFileSync(path.join(results, name), path.join(merged, name));
    }
  }
  return merged;
}

export function compareAllureReport(runReportsDirs: readonly string[], outDir: string, environment: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv): GenerateResult {
  const results = mergeAllureResults(runReportsDirs, outDir);
  return generateAllureReport(
    { resultsDirs: [results], outputDir: path.join(outDir, ALLURE_REPORT_DIR), singleFile: path.join(outDir, ALLURE_SINGLE_FILE), matrixFile: undefined, environment },
    env,
  );
}
