/**
 * A target that accepts the connection for one job's GetById and never answers: `npm run conformance` ends with
 * FAILED naming the deadline (ADT_REQUEST_TIMEOUT_SECONDS), and the job's later requests fail at once, saying why.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startMockServer } from '../../../../mock/server';
import { isolatedEnvironment, spawnSuite } from '../../../../src/cli/spawn-suite';
import type { Matrix } from '../../../../src/reporting/verdicts';
import { startRecordingProxy } from './loopback';

const TOKEN = 'request-deadline-self-test-token';
const HANGING_JOB = /^\/jobs\/deletions\/deletejob1(\?|$)/;
// The hang is what is tested: the run must end by itself well inside this.
const RUN_LIMIT_MS = 120_000;

test.describe.configure({ timeout: RUN_LIMIT_MS + 30_000 });

test('a job whose GetById never answers fails its tests with the deadline, later ones at once, and the run ends FAILED', async () => {
  const mock = await startMockServer({ scenario: 'default', token: TOKEN });
  const proxy = await startRecordingProxy(mock.url, (url) => HANGING_JOB.test(url));
  const dir = mkdtempSync(path.join(tmpdir(), 'adt-deadline-'));
  try {
    const run = await spawnSuite({
      entry: { command: 'npm' },
      args: [
        'run',
        '--silent',
        'conformance',
        '--',
        '--output',
        path.join(dir, 'test-results'),
        '--grep',
        String.raw`DJ-200-0[1-3] .*\[deletejob1 `,
      ],
      environment: isolatedEnvironment({
        AZURE_DIGITALTWINS_URL: proxy.url,
        ADT_AUTH: 'token',
        ADT_ACCESS_TOKEN: TOKEN,
        ADT_MAX_RPS: '0',
        ADT_REQUEST_TIMEOUT_SECONDS: '2',
        ADT_REPORTS_DIR: path.join(dir, 'reports'),
        ADT_HTML_REPORT: 'off',
      }),
      timeoutMs: RUN_LIMIT_MS,
    });
    expect(run.timedOut, `the run ended by itself within ${RUN_LIMIT_MS / 1000} s\n${run.console}`).toBe(false);
    expect(run.exitCode, run.console).toBe(1);
    expect(run.stdout).toContain('Run verdict: FAILED');

    const matrix = JSON.parse(readFileSync(path.join(dir, 'reports', 'conformance-matrix.json'), 'utf8')) as Matrix;
    const reason = (id: string): string => matrix.requirements.find((row) => row.id === id)?.reason ?? '';
    expect(reason('DJ-200-01'), 'the first request waits the deadline, and the matrix names it').toContain(
      'failed: no response within 2 s (ADT_REQUEST_TIMEOUT_SECONDS)',
    );
    for (const id of ['DJ-200-02', 'DJ-200-03']) {
      expect(reason(id), `${id}: the later requests for the job are not sent, and say why`).toContain(
        'failed: not sent: an earlier request for job "deletejob1" got no response within 2 s (ADT_REQUEST_TIMEOUT_SECONDS)',
      );
    }
    const getByIds = proxy.requests.filter((request) => HANGING_JOB.test(request.url));
    expect(getByIds, 'one GetById of the job reached the target').toHaveLength(1);

    const junit = readFileSync(path.join(dir, 'reports', 'junit.xml'), 'utf8');
    expect(junit, 'the failure carries the curl of the request').toMatch(
      /Reproduce: curl -sS -i --path-as-is -g \S+\/jobs\/deletions\/deletejob1\?api-version=2023-10-31/,
    );
    expect(junit.includes(TOKEN) || run.console.includes(TOKEN), 'the token appears nowhere').toBe(false);
  } finally {
    await proxy.close();
    await mock.close();
  }
});
