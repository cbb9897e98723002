/**
 * One Allure report for the whole comparison: every run's results in one folder. Each result carries the
 * parameter `target` (set by the fixtures from ADT_COMPARE_TARGET), which is part of Allure's history id, so the
 * same check on several targets is one result per target instead of retries; its name ends in `[label]`, so
 * the tree, which shows names only, says which target each is.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateAllureReport, type GenerateResult } from '../reporting/allure-generate';
import { ALLURE_REPORT_DIR, ALLURE_RESULTS_DIR, ALLURE_SINGLE_FILE } from '../reporting/constants';
import { COMPARE_TARGET_PREFIX } from '../reporting/environment';

/** Per-run, not per-test: each run's would claim the whole report was about its target. */
const PER_RUN_FILES = new Set(['environment.properties', 'executor.json']);

export interface ComparedRun {
  readonly label: string;
  readonly description: string;
  readonly reportsDir: string;
}

/** Allure's environment widget: which target each label stands for, and the api-version. */
function environmentProperties(runs: readonly ComparedRun[], apiVersion: string): string {
  const escape = (text: string): string => text.replace(/\\/g, '\\\\').replace(/([=:])/g, '\\$1');
  return [
    ...runs.map((run) => `target.${escape(run.label)}=${escape(run.description)}`),
    `api-version=${apiVersion}`,
    '',
  ].join('\n');
}

/** `DJ-404-02 … [mock]`: the target's label after the test's own title. */
function titleForTarget(name: string, label: string): string {
  return `${name} [${label}]`;
}

function mergeAllureResults(runs: readonly Pick<ComparedRun, 'label' | 'reportsDir'>[], outDir: string): string {
  const merged = path.join(outDir, ALLURE_RESULTS_DIR);
  rmSync(merged, { recursive: true, force: true });
  mkdirSync(merged, { recursive: true });
  for (const run of runs) {
    const results = path.join(run.reportsDir, ALLURE_RESULTS_DIR);
    if (!existsSync(results)) continue;
    for (const name of readdirSync(results)) {
      if (PER_RUN_FILES.has(name)) continue;
      if (!name.endsWith('-result.json')) {
        copyFileSync(path.join(results, name), path.join(merged, name));
        continue;
      }
      const result = JSON.parse(readFileSync(path.join(results, name), 'utf8')) as { name?: string };
      writeFileSync(
        path.join(merged, name),
        JSON.stringify({ ...result, name: titleForTarget(result.name ?? '', run.label) }),
      );
    }
  }
  return merged;
}

/** `compareMatrixFile`: the comparison's compare-matrix.json; its verdict and tables go on the report's landing page. */
export function compareAllureReport(
  runs: readonly ComparedRun[],
  outDir: string,
  compareMatrixFile: string,
  apiVersion: string,
  env: NodeJS.ProcessEnv,
): GenerateResult {
  const results = mergeAllureResults(runs, outDir);
  writeFileSync(path.join(results, 'environment.properties'), environmentProperties(runs, apiVersion));
  const environment = {
    Target: `${COMPARE_TARGET_PREFIX}${runs.map((run) => run.label).join(', ')}`,
    'api-version': apiVersion,
  };
  return generateAllureReport(
    {
      resultsDirs: [results],
      outputDir: path.join(outDir, ALLURE_REPORT_DIR),
      singleFile: path.join(outDir, ALLURE_SINGLE_FILE),
      matrixFile: compareMatrixFile,
      environment,
    },
    env,
  );
}
