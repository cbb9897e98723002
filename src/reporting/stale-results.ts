import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ALLURE_REPORT_DIR, ALLURE_RESULTS_DIR, ALLURE_SINGLE_FILE, JUNIT_XML } from './constants';
import { MATRIX_JSON, MATRIX_MD } from './matrix-output';
import { RUN_PARTS_DIR } from './run-record';

/** Results of an earlier run would mix into this run's report; the trend history is kept on purpose. */
export function clearStaleResults(dir: string, recording: string | undefined): void {
  for (const entry of [ALLURE_RESULTS_DIR, ALLURE_REPORT_DIR, ALLURE_SINGLE_FILE, RUN_PARTS_DIR, MATRIX_JSON, MATRIX_MD, JUNIT_XML]) {
    rmSync(join(dir, entry), { recursive: true, force: true });
  }
  if (recording !== undefined) rmSync(recording, { force: true });
}
