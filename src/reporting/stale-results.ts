import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ALLURE_REPORT_DIR, ALLURE_RESULTS_DIR, ALLURE_SINGLE_FILE, JUNIT_XML } from './constants';
import { MATRIX_JSON, MATRIX_MD } from './matrix-output';
import { RUN_PARTS_DIR } from './run-record';

/** What one run writes in its reports folder, each replaced by the next run's. */
const RUN_OUTPUTS = [
  ALLURE_RESULTS_DIR,
  ALLURE_REPORT_DIR,
  ALLURE_SINGLE_FILE,
  RUN_PARTS_DIR,
  MATRIX_JSON,
  MATRIX_MD,
  JUNIT_XML,
];
/** Kept unless the run brings its own: the trend history grows by one entry per complete run; test-results is Playwright's. */
const KEPT_UNLESS_REPLACED = ['history', 'test-results'];

/** Results of an earlier run would mix into this run's report; the trend history is kept on purpose. */
export function clearStaleResults(dir: string, recording: string | undefined): void {
  for (const entry of RUN_OUTPUTS) {
    rmSync(join(dir, entry), { recursive: true, force: true });
  }
  if (recording !== undefined) rmSync(recording, { force: true });
}

/** The private folder, inside the reports folder (same file system, so the outputs move in by rename). */
export const STAGING_DIR = '.run-in-progress';

/** A fresh private folder for a run's outputs, holding a copy of the history the report extends. */
export function startStaging(dir: string): string {
  const staging = join(dir, STAGING_DIR);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  if (existsSync(join(dir, 'history'))) cpSync(join(dir, 'history'), join(staging, 'history'), { recursive: true });
  return staging;
}

/**
 * A complete run replaces the previous one's outputs with its own (`extra`, e.g. the recording, only when the run
 * built one); an interrupted run never gets here, so the last complete report stays as it was.
 */
export function commitStaging(dir: string, staging: string, extra: readonly string[] = []): void {
  const keptUnlessReplaced = [...KEPT_UNLESS_REPLACED, ...extra];
  for (const entry of [...RUN_OUTPUTS, ...keptUnlessReplaced]) {
    const built = join(staging, entry);
    const kept = keptUnlessReplaced.includes(entry);
    if (kept && !existsSync(built)) continue;
    rmSync(join(dir, entry), { recursive: true, force: true });
    if (existsSync(built)) renameSync(built, join(dir, entry));
  }
  rmSync(staging, { recursive: true, force: true });
}
