/**
 * The staging guarantees, end to end: the real conformance suite runs in a child process against loopback
 * servers that record every request they receive (a recording proxy in front of an in-process bundled mock,
 * a fake managed-identity endpoint for DefaultAzureCredential).
 */
import { expect, test } from '@playwright/test';
import { startMockServer, type RunningMock } from '../../../../mock/server';
import { filesContaining, runNpmConformance, runWithNodeOnly } from './conformance-run';
import { fakeJwt, sendJson, startFakeImds, startRecordingProxy, startServer, type LoopbackServer } from './loopback';

const MOCK_TOKEN = 'staging-self-test-mock-token';
/**
 * Fast, and a URL target: only the settings the child needs, pacing off (the suite's default is 1 request/s). One
 * worker, the URL-target default: a second worker process costs CPU that a loopback run never waits for.
 */
const FAST = { ADT_MAX_RPS: '0' };

interface Target {
  mock: RunningMock;
  proxy: LoopbackServer;
}

async function mockBehindProxy(scenario: string, token = MOCK_TOKEN, fault?: string): Promise<Target> {
  const mock = await startMockServer({ scenario, token, ...(fault === undefined ? {} : { fault }) });
  return { mock, proxy: await startRecordingProxy(mock.url) };
}

async function stop(target: Target): Promise<void> {
  await target.proxy.close();
  await target.mock.close();
}

function methodsOf(server: LoopbackServer): string[] {
  return [...new Set(server.requests.map((request) => request.method))];
}

test.describe.configure({ timeout: 240_000 });

// That a whole suite run sends nothing but GET to a URL target is asserted on reference-target.spec.ts's full run,
// which records every request line its server receives: a second full run here would prove the same thing again.
test.describe('safety: against a URL target the suite sends only GET', () => {
  test('a target with no job and no opt-in gets no POST: the job checks are not applicable instead', async () => {
    const target = await mockBehindProxy('empty');
    try {
      const run = await runWithNodeOnly(
        { ...FAST, AZURE_DIGITALTWINS_URL: target.proxy.url, ADT_AUTH: 'token', ADT_ACCESS_TOKEN: MOCK_TOKEN },
        ['--grep', '@DJ-200-01'],
      );
      expect(run.output).toMatch(/1 skipped/);
      expect(methodsOf(target.proxy), 'methods the target received').toEqual(['GET']);
    } finally {
      await stop(target);
    }
  });

  test('with ADT_ALLOW_CREATE_DELETE_JOB=1 and ADT_CONFIRM_TARGET_HOST naming the host, exactly one POST creates a job to check', async () => {
    const target = await mockBehindProxy('empty');
    try {
      const run = await runWithNodeOnly(
        {
          ...FAST,
          AZURE_DIGITALTWINS_URL: target.proxy.url,
          ADT_AUTH: 'token',
          ADT_ACCESS_TOKEN: MOCK_TOKEN,
          ADT_ALLOW_CREATE_DELETE_JOB: '1',
          ADT_CONFIRM_TARGET_HOST: '127.0.0.1',
        },
        ['--grep', '@DJ-200-01'],
      );
      const posts = target.proxy.requests.filter((request) => request.method !== 'GET');
      expect(posts.map((request) => `${request.method} ${request.url.split('?')[0] ?? ''}`)).toEqual([
        'POST /jobs/deletions',
      ]);
      expect(run.output, 'the created job was then checked').toMatch(/1 passed/);
    } finally {
      await stop(target);
    }
  });

  test('an opt-in whose confirmation names another host stops the run before any request', async () => {
    const target = await mockBehindProxy('empty');
    try {
      const run = await runWithNodeOnly({
        ...FAST,
        AZURE_DIGITALTWINS_URL: target.proxy.url,
        ADT_AUTH: 'token',
        ADT_ACCESS_TOKEN: MOCK_TOKEN,
        ADT_ALLOW_CREATE_DELETE_JOB: '1',
        ADT_CONFIRM_TARGET_HOST: 'prod-twins.api.weu.digitaltwins.azure.net',
      });
      expect(run.code, 'configuration errors exit with 2').toBe(2);
      expect(run.output).toContain('does not name the target host 127.0.0.1');
      expect(target.proxy.requests).toHaveLength(0);
    } finally {
      await stop(target);
    }
  });
});

test.describe('auth: ADT_ACCESS_TOKEN without ADT_AUTH', () => {
  test('against a URL the token is used, and the run says why in one line', async () => {
    const target = await mockBehindProxy('default');
    try {
      const run = await runNpmConformance(
        { ...FAST, AZURE_DIGITALTWINS_URL: target.proxy.url, ADT_ACCESS_TOKEN: MOCK_TOKEN },
        ['--grep', '@DJ-200-01'],
      );
      const line =
        'Auth: the token in ADT_ACCESS_TOKEN, because ADT_AUTH is unset (set ADT_AUTH=azure to use your Azure sign-in instead).';
      expect(
        run.output.split('\n').filter((text) => text === line),
        `said once\n${run.output}`,
      ).toHaveLength(1);
      expect(run.output, 'no Azure credential was tried').not.toContain('DefaultAzureCredential');
      expect(run.code, run.output).toBe(0);
      const withToken = target.proxy.requests.filter(
        (request) => request.headers.authorization === `Bearer ${MOCK_TOKEN}`,
      );
      expect(withToken.length, 'the requests carried the token').toBeGreaterThan(1);
      expect(run.output.includes(MOCK_TOKEN), 'the token never appears in the output').toBe(false);
      expect(run.output, 'an unpaced run (ADT_MAX_RPS=0) has no pacing line').not.toContain('Paced at');
    } finally {
      await stop(target);
    }
  });
});

test.describe('pacing', () => {
  test('a paced URL target says once, at the start, the pace, the requests planned, the time and the variable', async () => {
    const target = await mockBehindProxy('default');
    try {
      // Paced, but fast: the line is what is tested, not the wait.
      const run = await runNpmConformance(
        { ADT_MAX_RPS: '50', AZURE_DIGITALTWINS_URL: target.proxy.url, ADT_ACCESS_TOKEN: MOCK_TOKEN },
        ['--grep', '@DJ-200-01|@DJ-PERF-01'],
      );
      const lines = run.output.split('\n').filter((line) => line.startsWith('Paced at'));
      expect(lines, `one pacing line\n${run.output}`).toEqual([
        'Paced at 50 requests/s for the whole run (ADT_MAX_RPS): about 27 requests planned (one per test, 20 for DJ-PERF-01; ' +
          'identical GETs go out once per worker, so often fewer), so up to about 1 s. Set ADT_MAX_RPS to change the pace (0 = unpaced), if the target allows it.',
      ]);
      expect(run.output.indexOf(lines[0] ?? ''), 'before the first test').toBeLessThan(run.output.indexOf(' 1 DJ-'));
    } finally {
      await stop(target);
    }
  });
});

test.describe('auth: ADT_AUTH=azure with the real DefaultAzureCredential', () => {
  test('the token is acquired once per run, used by every worker, and written nowhere', async () => {
    const token = `staging-run-token-${String(Date.now())}`;
    const imds = await startFakeImds({ token });
    const target = await mockBehindProxy('default', token);
    try {
      const run = await runWithNodeOnly(
        {
          ...FAST,
          ADT_WORKERS: '2',
          AZURE_DIGITALTWINS_URL: target.proxy.url,
          ADT_AUTH: 'azure',
          AZURE_POD_IDENTITY_AUTHORITY_HOST: imds.url,
        },
        ['--grep', '@DJ-200-01|@DJ-404-01'],
      );
      expect(run.output, 'two workers ran tests').toContain('using 2 workers');
      expect(run.output).toMatch(/passed/);
      expect(run.output).not.toMatch(/\d+ failed/);
      expect(imds.requests, 'one token request for the whole run, whatever the worker count').toHaveLength(1);
      const withToken = target.proxy.requests.filter((request) => request.headers.authorization === `Bearer ${token}`);
      expect(withToken.length, 'requests carried the shared token').toBeGreaterThan(2);
      expect(run.output.includes(token), 'the token never appears in the output').toBe(false);
      expect(filesContaining(run.outputDir, token), 'files that contain the token').toEqual([]);
    } finally {
      await stop(target);
      await imds.close();
    }
  });

  test('when no credential works the run stops before any test with one message naming what was tried and the fixes', async () => {
    const imds = await startFakeImds({ status: 400 });
    const target = await startServer((_req, res) => {
      sendJson(res, 200, { value: [] });
    });
    try {
      const run = await runWithNodeOnly({
        AZURE_DIGITALTWINS_URL: target.url,
        ADT_AUTH: 'azure',
        AZURE_POD_IDENTITY_AUTHORITY_HOST: imds.url,
      });
      expect(run.code).not.toBe(0);
      const message = run.output;
      for (const expected of [
        'no Azure credential could get a token',
        'EnvironmentCredential',
        'ManagedIdentityCredential',
        'AzureCliCredential',
        'az login',
        'AZURE_CLIENT_SECRET',
        'workload identity',
      ]) {
        expect(message, `the message mentions ${expected}`).toContain(expected);
      }
      expect(message.split('no Azure credential could get a token').length - 1, 'said once').toBe(1);
      expect(message, 'no test ran').not.toMatch(/\d+ (passed|failed)/);
      expect(target.requests, 'nothing was sent to the target').toHaveLength(0);
    } finally {
      await target.close();
      await imds.close();
    }
  });
});

test.describe('preflight stops a run that cannot work', () => {
  test('403 from the target: one message about the data-plane role, one request, no test', async () => {
    const target = await startServer((_req, res) => {
      sendJson(res, 403, { error: { code: 'Forbidden', message: 'no role' } });
    });
    try {
      const token = fakeJwt({
        aud: 'https://digitaltwins.azure.net',
        exp: Math.floor(Date.now() / 1000) + 3600,
        oid: 'oid-of-ci',
      });
      const run = await runWithNodeOnly({
        AZURE_DIGITALTWINS_URL: target.url,
        ADT_AUTH: 'token',
        ADT_ACCESS_TOKEN: token,
      });
      expect(run.code).not.toBe(0);
      expect(run.output).toContain('Azure Digital Twins Data Reader');
      expect(run.output).toContain('object id oid-of-ci');
      expect(run.output, 'no test ran').not.toMatch(/\d+ (passed|failed)/);
      expect(target.requests, 'only the preflight request').toHaveLength(1);
      expect(run.output.includes(token), 'the token never appears in the output').toBe(false);
    } finally {
      await target.close();
    }
  });
});

test.describe('DJ-PERF-01 latency budget', () => {
  // The failing case is deterministic (every reply is delayed 200 ms); the passing one has a wide margin,
  // so neither depends on how busy the machine is.
  const latencyRun = (target: Target, budgetMs: string) =>
    runWithNodeOnly(
      {
        ...FAST,
        AZURE_DIGITALTWINS_URL: target.proxy.url,
        ADT_AUTH: 'token',
        ADT_ACCESS_TOKEN: MOCK_TOKEN,
        ADT_LATENCY_SAMPLES: '5',
        ADT_LATENCY_BUDGET_MS: budgetMs,
      },
      ['--grep', '@DJ-PERF-01'],
    );

  test('fails against a target slower than the budget, naming the measured p95', async () => {
    const target = await mockBehindProxy('default', MOCK_TOKEN, 'latency=200');
    try {
      const run = await latencyRun(target, '150');
      expect(run.output).toMatch(/1 failed/);
      expect(run.output).toMatch(
        /p95 of 5 GetById requests for "[^"]+" must stay under 150 ms \(ADT_LATENCY_BUDGET_MS\); got \d+ ms/,
      );
      const samples = target.proxy.requests.filter((request) => /^\/jobs\/deletions\/[^?]+/.test(request.url));
      expect(samples, 'exactly ADT_LATENCY_SAMPLES GetById requests').toHaveLength(5);
    } finally {
      await stop(target);
    }
  });

  test('passes against a target within the budget', async () => {
    const target = await mockBehindProxy('default');
    try {
      expect((await latencyRun(target, '10000')).output).toMatch(/1 passed/);
    } finally {
      await stop(target);
    }
  });
});
