// Scenario files with N generated delete jobs, in the mock's scenario format (see fixtures/scenarios/).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PURGE_AFTER_MS } from '../../mock/defaults';
import { DEFAULT_SCENARIO_DIR as FIXTURE_DIR } from '../../mock/scenarios';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Finished jobs are spread over the 29 days before `now`, so none is purged yet. */
const SPREAD_MS = 29 * DAY_MS;
const RUN_MS = 5 * 60 * 1000;
/** Page size of the generated scenarios: 1,000 jobs list in 11 pages, not the 202 of the default scenario's 5. */
export const GENERATED_PAGE_SIZE = 100;

interface ScenarioFile {
  description?: string;
  now: string;
  pageSize?: number;
  jobs: Record<string, unknown>[];
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** N finished jobs (every tenth failed, the rest succeeded) with ids bench-job-00001…, ending before nowMs. */
export function generatedJobs(count: number, nowMs: number): Record<string, unknown>[] {
  const step = SPREAD_MS / Math.max(1, count);
  return Array.from({ length: count }, (_, index) => {
    const created = nowMs - SPREAD_MS + index * step - RUN_MS;
    const finished = created + RUN_MS / 2;
    const failed = index % 10 === 9;
    return {
      id: `bench-job-${String(index + 1).padStart(5, '0')}`,
      createdDateTime: iso(created),
      finishedDateTime: iso(finished),
      purgeDateTime: iso(finished + PURGE_AFTER_MS),
      status: failed ? 'failed' : 'succeeded',
      ...(failed
        ? { error: { code: 'JobTimedOut', message: 'The delete job did not finish within its timeout.' } }
        : {}),
    };
  });
}

/**
 * Writes a scenario folder for the mock (--scenario-dir, served beside the built-in scenarios tests pick by name):
 * bench-N.json = the default scenario's jobs + N generated jobs. Returns the folder and scenario name.
 */
export function writeScaledScenario(count: number, workDir: string): { dir: string; name: string; totalJobs: number } {
  const dir = path.join(workDir, 'scenarios');
  mkdirSync(dir, { recursive: true });
  const base = JSON.parse(readFileSync(path.join(FIXTURE_DIR, 'default.json'), 'utf8')) as ScenarioFile;
  const jobs = [...base.jobs, ...generatedJobs(count, Date.parse(base.now))];
  const name = `bench-${count}`;
  const scenario: ScenarioFile = {
    ...base,
    description: `The default scenario plus ${count} generated finished jobs, for npm run bench (scaling).`,
    pageSize: GENERATED_PAGE_SIZE,
    jobs,
  };
  writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(scenario, null, 1)}\n`);
  return { dir, name, totalJobs: jobs.length };
}
