import { expect, test } from '@playwright/test';
import { MOCK_ENV } from '../../../mock/contract';
import { NO_JOBS_REASON } from '../../../src/engine/context';
import { requirementIdsOf, runConformance } from './support/run-suite';

test.setTimeout(180_000);

test('a target without delete jobs gives per-job requirements a skipped test with the reason, never a pass', async () => {
  const run = await runConformance({ [MOCK_ENV.scenario]: 'empty' }, [
    '--grep',
    '@DJ-200-01|@DJ-CASE-02|@DJ-TIME-03|@DJ-404-03',
  ]);
  expect(run.exitCode, run.stdout.slice(-2000)).toBe(0);
  const perJob = run.results.filter((result) => !requirementIdsOf(result).includes('DJ-404-03'));
  expect(perJob.flatMap(requirementIdsOf).sort()).toEqual(['DJ-200-01', 'DJ-CASE-02', 'DJ-TIME-03']);
  for (const result of perJob) {
    expect(result.status, result.title).toBe('skipped');
    expect(result.annotations, result.title).toContainEqual(
      expect.objectContaining({ type: 'skip', description: `Not applicable: ${NO_JOBS_REASON}` }),
    );
  }
  expect(
    run.results.find((result) => requirementIdsOf(result).includes('DJ-404-03'))?.status,
    'checks that need no job still run',
  ).toBe('passed');
});
