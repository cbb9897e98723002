import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { MOCK_DEFAULT_TOKEN } from '../../../mock/contract';
import { ADT_RECORDING_KIND, ADT_RECORDING_VERSION } from '../../../mock/replay/har-format';
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
      traffic: {
        maxRps: undefined,
        workers: undefined,
        requestTimeoutMs: 15_000,
        retry: { maxRetries: 3, maxTotalWaitMs: 30_000, fallbackWaitMs: 1_000 },
      },
      latency: { samples: 20, budgetMs: 1000 },
      probes: { seed: undefined, budget: 32 },
      safety: { allowCreateDeleteJob: false },
      reports: {
        dir: '/work/reports',
        recording: { file: '/work/reports/exchanges.har', keepHost: false },
        knownDeviationsFile: undefined,
        acceptIncomplete: false,
        htmlReport: true,
      },
      replay: undefined,
    });
  });

  test('a URL defaults to Azure auth and loses a trailing slash', () => {
    expect(parseConfig({ AZURE_DIGITALTWINS_URL: `${URL}/` })).toMatchObject({
      target: { kind: 'url', baseUrl: URL },
      auth: { kind: 'azure' },
    });
  });

  test("ADT_ACCESS_TOKEN without ADT_AUTH: the token for a URL, the mock's own token for the bundled mock", () => {
    expect(parseConfig({ AZURE_DIGITALTWINS_URL: URL, ADT_ACCESS_TOKEN: 'abc.def' }).auth).toEqual({
      kind: 'token',
      token: 'abc.def',
      implied: true,
    });
    expect(parseConfig({ ADT_ACCESS_TOKEN: 'abc.def' }).auth).toEqual({ kind: 'mock', token: MOCK_DEFAULT_TOKEN });
    expect(parseConfig({ AZURE_DIGITALTWINS_URL: URL, ADT_AUTH: 'azure', ADT_ACCESS_TOKEN: 'abc.def' }).auth).toEqual({
      kind: 'azure',
    });
  });

  test('token auth, api-version and job id are taken as given; blanks count as unset', () => {
    expect(
      parseConfig({
        AZURE_DIGITALTWINS_URL: URL,
        ADT_AUTH: 'token',
        ADT_ACCESS_TOKEN: 'abc.def',
        ADT_API_VERSION: '2023-10-31',
        ADT_DELETE_JOB_ID: ' job-1 ',
      }),
    ).toMatchObject({
      target: { kind: 'url', baseUrl: URL },
      apiVersion: '2023-10-31',
      auth: { kind: 'token', token: 'abc.def' },
      deleteJobId: 'job-1',
    });
    expect(parseConfig({ ADT_AUTH: '', ADT_DELETE_JOB_ID: '' }).deleteJobId).toBeUndefined();
  });

  const bad: { env: Record<string, string>; variable: string }[] = [
    {
      env: { AZURE_DIGITALTWINS_URL: 'myinstance.api.weu.digitaltwins.azure.net' },
      variable: 'AZURE_DIGITALTWINS_URL',
    },
    { env: { AZURE_DIGITALTWINS_URL: 'ftp://example.org' }, variable: 'AZURE_DIGITALTWINS_URL' },
    { env: { AZURE_DIGITALTWINS_URL: `${URL}/?api-version=2023-10-31` }, variable: 'AZURE_DIGITALTWINS_URL' },
    { env: { ADT_AUTH: 'kerberos' }, variable: 'ADT_AUTH' },
    { env: { ADT_AUTH: 'azure' }, variable: 'ADT_AUTH' },
    { env: { ADT_AUTH: 'token' }, variable: 'ADT_ACCESS_TOKEN' },
    { env: { ADT_AUTH: 'token', ADT_ACCESS_TOKEN: 'Bearer abc' }, variable: 'ADT_ACCESS_TOKEN' },
    { env: { ADT_API_VERSION: 'latest' }, variable: 'ADT_API_VERSION' },
    { env: { ADT_MAX_RPS: 'fast' }, variable: 'ADT_MAX_RPS' },
    { env: { ADT_LATENCY_BUDGET_MS: '-1' }, variable: 'ADT_LATENCY_BUDGET_MS' },
    { env: { ADT_REQUEST_TIMEOUT_SECONDS: '0' }, variable: 'ADT_REQUEST_TIMEOUT_SECONDS' },
    { env: { ADT_REQUEST_TIMEOUT_SECONDS: '60' }, variable: 'ADT_REQUEST_TIMEOUT_SECONDS' },
    { env: { AZURE_DIGITALTWINS_URL: URL, ADT_ALLOW_CREATE_DELETE_JOB: '1' }, variable: 'ADT_ALLOW_CREATE_DELETE_JOB' },
    {
      env: { AZURE_DIGITALTWINS_URL: URL, ADT_ALLOW_CREATE_DELETE_JOB: '1', ADT_CONFIRM_TARGET_HOST: 'prod.example' },
      variable: 'ADT_CONFIRM_TARGET_HOST',
    },
  ];
  for (const { env, variable } of bad) {
    test(`${JSON.stringify(env)} is rejected naming ${variable} and a fix`, () => {
      const error = problemWith(env);
      expect(error.variable).toBe(variable);
      expect(error.message).toContain(`${variable}:`);
      expect(error.message).toContain('Fix:');
    });
  }

  for (const path of [
    '/jobs/deletions',
    '/jobs/deletions/job-1',
    '/digitaltwins/twin-1',
    '/models',
    '/gateway/jobs/deletions/',
  ]) {
    test(`a base URL whose path holds the ADT route ${path} is rejected, naming the host as the fix`, () => {
      const error = problemWith({ AZURE_DIGITALTWINS_URL: `${URL}${path}` });
      expect(error.variable, 'the variable to fix').toBe('AZURE_DIGITALTWINS_URL');
      const prefix = path.startsWith('/gateway') ? '/gateway' : '';
      expect(error.message, 'the fix: the base URL is the host (keeping a gateway prefix)').toContain(
        `Fix: the base URL is the host: set AZURE_DIGITALTWINS_URL=${URL}${prefix}.`,
      );
    });
  }

  test('a gateway path prefix that is not an ADT route is kept', () => {
    expect(
      parseConfig({ AZURE_DIGITALTWINS_URL: `${URL}/adt-gateway/jobsite` }).target,
      'a path segment merely starting like a route',
    ).toEqual({ kind: 'url', baseUrl: `${URL}/adt-gateway/jobsite` });
  });

  test('the message never repeats a token', () => {
    const error = problemWith({ ADT_AUTH: 'token', ADT_ACCESS_TOKEN: 'Bearer secret-value-123' });
    expect(error.message).not.toContain('secret-value-123');
  });
});

test.describe('the recording and its replay', () => {
  test('ADT_EXCHANGES_HAR moves the recording or turns it off; ADT_EXCHANGES_KEEP_HOST keeps the host', () => {
    expect(
      parseConfig({ ADT_EXCHANGES_HAR: 'out/run.har', ADT_EXCHANGES_KEEP_HOST: '1' }, '/work').reports.recording,
      'moved, host kept',
    ).toEqual({ file: '/work/out/run.har', keepHost: true });
    expect(
      parseConfig({ ADT_EXCHANGES_HAR: 'OFF' }, '/work').reports.recording.file,
      'off records nothing',
    ).toBeUndefined();
    expect(problemWith({ ADT_EXCHANGES_KEEP_HOST: 'yes' }).message, 'a flag takes 1 or 0').toContain(
      'ADT_EXCHANGES_KEEP_HOST',
    );
  });

  test('a replay takes target kind, api-version, auth and opt-ins from the recording, and never records over it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'adt-replay-config-'));
    try {
      const file = path.join(dir, 'run.har');
      const run = {
        target: 'url',
        pathPrefix: '/gateway',
        apiVersion: '2023-10-31',
        auth: 'azure',
        deleteJobId: 'job-7',
        allowCreateDeleteJob: '0',
        latencySamples: '5',
        latencyBudgetMs: '800',
        maxRps: '1',
        workers: '1',
        selection: '["--grep","@DJ-404"]',
        host: 'placeholder',
      };
      const entry = {
        request: { method: 'GET', url: 'http://adt-instance.invalid/gateway/jobs/deletions', headers: [] },
        response: { status: 200, headers: [], content: { size: 0, mimeType: '' } },
        _adt: { pathAsSent: '/gateway/jobs/deletions', credential: 'configured', sequence: 0 },
      };
      writeFileSync(
        file,
        JSON.stringify({
          log: {
            version: '1.2',
            creator: { name: 'x', version: '1' },
            entries: [entry],
            _adt: { kind: ADT_RECORDING_KIND, version: ADT_RECORDING_VERSION, run },
          },
        }),
      );
      const config = parseConfig(
        { ADT_REPLAY_FILE: file, ADT_API_VERSION: '2099-01-01', AZURE_DIGITALTWINS_URL: URL },
        dir,
      );
      expect(
        config,
        "the recorded settings win over the environment; the mock's token stands for the recorded credential",
      ).toMatchObject({
        target: { kind: 'url' },
        apiVersion: '2023-10-31',
        auth: { kind: 'mock', token: MOCK_DEFAULT_TOKEN },
        deleteJobId: 'job-7',
        latency: { samples: 5, budgetMs: 800 },
        traffic: { maxRps: 1, workers: 1 },
        safety: { allowCreateDeleteJob: false },
        replay: { file, run: { selection: ['--grep', '@DJ-404'], pathPrefix: '/gateway' } },
      });
      expect(config.reports.recording.file, 'a replay records only when asked to').toBeUndefined();
      expect(
        problemWith({ ADT_REPLAY_FILE: file, ADT_EXCHANGES_HAR: file }).message,
        'never over the recording it replays',
      ).toContain('would overwrite it');
      expect(
        problemWith({ ADT_REPLAY_FILE: path.join(dir, 'missing.har') }).message,
        'a missing file is named',
      ).toContain('missing.har cannot be read');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
