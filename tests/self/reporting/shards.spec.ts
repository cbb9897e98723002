import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MOCK_DEFAULT_TOKEN } from '../../../mock/contract';
import type { RunRecord } from '../../../src/reporting/run-record';
import { REQUIREMENTS } from '../../../src/requirements';
import { expect, isolatedEnv, readMatrix, row, runTs, startMock, SUITE_CONFIG, test } from './harness';

/** Two `--shard` runs on "different machines" (separate folders), merged into one matrix and one Allure report. */

const SUBSET = '@DJ-(404|APIV)-';

test('results of two shards merge into one matrix and one Allure report with every test counted once', async ({
  workDir,
}) => {
  test.setTimeout(280_000);
  const mock = await startMock({});
  try {
    const machines = ['machine-1', 'machine-2'];
    const runs = await Promise.all(
      machines.map((machine, index) =>
        runTs(
          'src/cli/conformance.ts',
          [
            '-c',
            SUITE_CONFIG,
            '--output',
            join(workDir, machine, 'test-results'),
            '--shard',
            `${index + 1}/2`,
            '--grep',
            SUBSET,
          ],
          isolatedEnv({
            ADT_REPORTS_DIR: join(workDir, machine, 'reports'),
            AZURE_DIGITALTWINS_URL: mock.url,
            ADT_AUTH: 'token',
            ADT_ACCESS_TOKEN: MOCK_DEFAULT_TOKEN,
            // The merge builds the one HTML report this test checks; each shard's own would be thrown away.
            ADT_HTML_REPORT: 'off',
          }),
        ),
      ),
    );
    const records = machines.map(
      (machine, index) =>
        JSON.parse(
          readFileSync(join(workDir, machine, 'reports', 'matrix-parts', `run-shard-${index + 1}-of-2.json`), 'utf8'),
        ) as RunRecord,
    );
    for (const [index, run] of runs.entries()) {
      expect(run.code, `exit code of shard ${index + 1}\n${run.console}`).toBe(0);
      expect(records[index]?.tests.length, `tests run by shard ${index + 1}`).toBeGreaterThan(0);
    }
    const shardTests = records.flatMap((r) => r.tests.map((t) => t.id));
    expect(new Set(shardTests).size, 'the shards ran disjoint tests').toBe(shardTests.length);

    const merged = join(workDir, 'merged');
    const merge = await runTs(
      'src/cli/report.ts',
      ['--merge', join(workDir, 'machine-1'), join(workDir, 'machine-2'), '--no-serve'],
      isolatedEnv({ ADT_REPORTS_DIR: merged }),
    );
    expect(merge.code, `exit code of the merge\n${merge.console}`).toBe(0);

    const matrix = readMatrix(merged);
    expect(
      matrix.runs.map((r) => r.shard),
      'the merged matrix names both shards',
    ).toEqual([
      { current: 1, total: 2 },
      { current: 2, total: 2 },
    ]);
    const mergedTests = new Set(matrix.requirements.flatMap((r) => r.tests.map((t) => `${t.location} ${t.title}`)));
    expect(mergedTests.size, 'tests in the merged matrix').toBe(shardTests.length);
    for (const id of ['DJ-404-01', 'DJ-404-02', 'DJ-APIV-01', 'DJ-APIV-02']) {
      expect(row(matrix, id).verdict, `${id} in the merged matrix`).toBe('passed');
    }
    expect(row(matrix, 'DJ-200-01').verdict, 'a requirement outside the selected subset').toBe('not run');

    const summary = JSON.parse(readFileSync(join(merged, 'allure-report', 'summary.json'), 'utf8')) as {
      stats: { total: number };
    };
    expect(summary.stats.total, 'tests in the merged Allure report').toBe(shardTests.length);
    expect(merge.stdout, "the merge of a --grep's shards is still a selected run").toContain(
      `Run verdict: PASSED (selected tests only: ${REQUIREMENTS.filter((r) => /^DJ-(404|APIV)-/.test(r.id)).length} of `,
    );
  } finally {
    await mock.close();
  }
});

test('merging without one of the shards is reported and fails', async ({ workDir }) => {
  const record: RunRecord = {
    kind: 'adt-conformance-run',
    version: 1,
    shard: { current: 1, total: 2 },
    startedAt: new Date().toISOString(),
    playwrightStatus: 'passed',
    runErrors: [],
    deviationsFile: null,
    deviations: [],
    environment: {},
    tests: [
      {
        id: 't1',
        title: 'DJ-200-01 x',
        location: 'a.spec.ts:1',
        tags: ['@DJ-200-01'],
        outcome: 'passed',
        failedAttempt: false,
        skipReasons: [],
      },
    ],
  };
  mkdirSync(join(workDir, 'machine-1', 'matrix-parts'), { recursive: true });
  writeFileSync(join(workDir, 'machine-1', 'matrix-parts', 'run-shard-1-of-2.json'), JSON.stringify(record));
  const merge = await runTs(
    'src/cli/report.ts',
    ['--merge', workDir, '--no-serve'],
    isolatedEnv({ ADT_REPORTS_DIR: join(workDir, 'merged') }),
  );

  expect(merge.code, `exit code of an incomplete merge\n${merge.console}`).not.toBe(0);
  expect(merge.console, 'the missing shard is named').toContain('results of shard(s) 2 of 2 are missing');
});
