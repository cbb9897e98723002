import { expect, test } from '@playwright/test';
import { MOCK_DEFAULT_TOKEN } from '../../../mock/contract';
import { ConfigError, DEFAULT_API_VERSION, parseConfig } from '../../../src/config';
import { runConformance } from './support/run-suite';

const URL = 'https://myinstance.api.weu.digitaltwins.azure.net';

function problemWith(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

test.describe('parseConfig', () => {
  test('no variables: the bundled mock with its own token and the default api-version', () => {
    expect(parseConfig({}, '/work')).toEqual({
      target: { kind: 'bundled-mock' },
      apiVersion: DEFAULT_API_VERSION,
      auth: { kind: 'mock', token: MOCK_DEFAULT_TOKEN },
      deleteJobId: undefined,
      traffic: { maxRps: undefined, workers: undefined, retry: { maxRetries: 3, maxTotalWaitMs: 30_000, fallbackWaitMs: 1_000 } },
      latency: { samples: 20, budgetMs: 1000 },
      safety: { allowCreateDeleteJob: false },
      reports: { dir: '/work/reports', knownDeviationsFile: undefined, acceptIncomplete: false },
    });
  });

  test('a URL defaults to Azure auth and loses a trailing slash', () => {
    expect(parseConfig({ AZURE_DIGITALTWINS_URL: `${URL}/` })).toMatchObject({ target: { kind: 'url', baseUrl: URL }, auth: { kind: 'azure' } });
  });

  test('token auth, api-version and job id are taken as given; blanks count as unset', () => {
    expect(parseConfig({ AZURE_DIGITALTWINS_URL: URL, ADT_AUTH: 'token', ADT_ACCESS_TOKEN: 'abc.def', ADT_API_VERSION: '2023-10-31', ADT_DELETE_JOB_ID: ' job-1 ' })).toMatchObject({
      target: { kind: 'url', baseUrl: URL },
      apiVersion: '2023-10-31',
      auth: { kind: 'token', token: 'abc.def' },
      deleteJobId: 'job-1',
    });
    expect(parseConfig({ ADT_AUTH: '', ADT_DELETE_JOB_ID: '' }).deleteJobId).toBeUndefined();
  });

  const bad: { env: Record<string, string>; variable: string }[] = [
    { env: { AZURE_DIGITALTWINS_URL: 'myinstance.api.weu.digitaltwins.azure.net' }, variable: 'AZURE_DIGITALTWINS_URL' },
    { env: { AZURE_DIGITALTWINS_URL: 'ftp://example.org' }, variable: 'AZURE_DIGITALTWINS_URL' },
    { env: { AZURE_DIGITALTWINS_URL: `${URL}/?api-version=2023-10-31` }, variable: 'AZURE_DIGITALTWINS_URL' },
    { env: { ADT_AUTH: 'kerberos' }, variable: 'ADT_AUTH' },
    { env: { ADT_AUTH: 'azure' }, variable: 'ADT_AUTH' },
    { env: { ADT_AUTH: 'token' }, variable: 'ADT_ACCESS_TOKEN' },
    { env: { ADT_AUTH: 'token', ADT_ACCESS_TOKEN: 'Bearer abc' }, variable: 'ADT_ACCESS_TOKEN' },
    { env: { ADT_API_VERSION: 'latest' }, variable: 'ADT_API_VERSION' },
    { env: { ADT_MAX_RPS: 'fast' }, variable: 'ADT_MAX_RPS' },
    { env: { ADT_LATENCY_BUDGET_MS: '-1' }, variable: 'ADT_LATENCY_BUDGET_MS' },
    { env: { AZURE_DIGITALTWINS_URL: URL, ADT_ALLOW_CREATE_DELETE_JOB: '1' }, variable: 'ADT_ALLOW_CREATE_DELETE_JOB' },
    { env: { AZURE_DIGITALTWINS_URL: URL, ADT_ALLOW_CREATE_DELETE_JOB: '1', ADT_CONFIRM_TARGET_HOST: 'prod.example' }, variable: 'ADT_CONFIRM_TARGET_HOST' },
  ];
  for (const { env, variable } of bad) {
    test(`${JSON.stringify(env)} is rejected naming ${variable} and a fix`, () => {
      const error = problemWith(env);
      expect(error.variable).toBe(variable);
      expect(error.message).toContain(`${variable}:`);
      expect(error.message).toContain('Fix:');
    });
  }

  for (const path of ['/jobs/deletions', '/jobs/deletions/job-1', '/digitaltwins/twin-1', '/models', '/gateway/jobs/deletions/']) {
    test(`a base URL whose path holds the ADT route ${path} is rejected, naming the host as the fix`, () => {
      const error = problemWith({ AZURE_DIGITALTWINS_URL: `${URL}${path}` });
      expect(error.variable, 'the variable to fix').toBe('AZURE_DIGITALTWINS_URL');
      const prefix = path.startsWith('/gateway') ? '/gateway' : '';
      expect(error.message, 'the fix: the base URL is the host (keeping a gateway prefix)').toContain(`Fix: the base URL is the host: set AZURE_DIGITALTWINS_URL=${URL}${prefix}.`);
    });
  }

  test('a gateway path prefix that is not an ADT route is kept', () => {
    expect(parseConfig({ AZURE_DIGITALTWINS_URL: `${URL}/adt-gateway/jobsite` }).target, 'a path segment merely starting like a route').toEqual({ kind: 'url', baseUrl: `${URL}/adt-gateway/jobsite` });
  });

  test('the message never repeats a token', () => {
    const error = problemWith({ ADT_AUTH: 'token', ADT_ACCESS_TOKEN: 'Bearer secret-value-123' });
    expect(error.message).not.toContain('secret-value-123');
  });
});

test.describe('npx playwright test with bad configuration', () => {
  test.setTimeout(120_000);
  const cases: { env: Record<string, string>; variable: string }[] = [
    { env: { AZURE_DIGITALTWINS_URL: 'not a url' }, variable: 'AZURE_DIGITALTWINS_URL' },
    { env: { ADT_AUTH: 'kerberos' }, variable: 'ADT_AUTH' },
    { env: { AZURE_DIGITALTWINS_URL: URL, ADT_AUTH: 'token' }, variable: 'ADT_ACCESS_TOKEN' },
  ];
  for (const { env, variable } of cases) {
    test(`stops with exit code 2 and one message naming ${variable}`, async () => {
      const run = await runConformance(env);
      const output = run.stdout + run.stderr;
      expect(run.exitCode, output).toBe(2);
      expect(output.match(/Configuration error:/g), 'exactly one message').toHaveLength(1);
      expect(output).toContain(`Configuration error: ${variable}:`);
      expect(output).toContain('Fix:');
      expect(output, 'no stack trace').not.toMatch(/^\s+at /m);
      expect(output, 'no test ran').not.toMatch(/Running \d+ test/);
      expect(run.results).toEqual([]);
    });
  }
});
